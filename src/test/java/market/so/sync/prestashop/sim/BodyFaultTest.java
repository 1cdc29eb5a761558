package market.so.sync.prestashop.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The simulator's misbehaving answers, as a raw HTTP/1.1 client sees them, and its count of open connections. */
class BodyFaultTest {

    static final PrestaShopSimulator sim = PrestaShopSimulator.startCountingConnections();
    static int names;

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Sends one GET and reads what comes within {@code max} bytes or until the server closes. */
    static String get(SimShop shop, String path, int max) throws IOException {
        URI uri = URI.create(shop.url() + path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n"
                    + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((shop.key() + ":")
                    .getBytes(StandardCharsets.US_ASCII)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(max);
            return new String(answer, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aCutBodyAnnouncesMoreThanItSendsAndTheConnectionDrops() throws IOException {
        SimShop shop = sim.generatedShop("cut" + (++names), 3).cutBody("/api/products", 1);
        String answer = get(shop, "/api/products", 1 << 20);
        assertThat(answer).startsWith("HTTP/1.1 200").contains("Content-length: 262144");
        assertThat(answer.length() - answer.indexOf("\r\n\r\n") - 4).isEqualTo(131072);
        assertThat(get(shop, "/api/products", 1 << 20)).as("used once").contains("<product id=\"3\"");
    }

    @Test
    void aCutXmlDocumentIsACompleteAnswerThatEndsHalfWay() throws IOException {
        SimShop shop = sim.generatedShop("cutxml" + (++names), 3).cutXml("/api/products", 1);
        String answer = get(shop, "/api/products", 1 << 20);
        assertThat(answer).contains("Content-length: 32768").doesNotContain("</prestashop>");
    }

    @Test
    void oversizedAndEndlessAnswersAnnounceThemselvesAsTheyShould() throws IOException {
        SimShop shop = sim.generatedShop("big" + (++names), 3)
                .oversized("/api/products", 100L << 20, true, 1)
                .oversized("/api/categories", 100L << 20, false, 1)
                .endlessChunked("/api/stock_availables", 1);
        assertThat(get(shop, "/api/products", 4096)).contains("Content-length: 104857600").contains("<products>");
        assertThat(get(shop, "/api/categories", 4096)).contains("Transfer-encoding: chunked");
        assertThat(get(shop, "/api/stock_availables", 1 << 20)).contains("Transfer-encoding: chunked").hasSize(1 << 20);
        assertThat(shop.requests()).allSatisfy(r -> assertThat(r.bytes()).isLessThan(100L << 20));
    }

    @Test
    void a503WithPrestashopsXmlErrorAndRetryAfter() throws IOException {
        SimShop shop = sim.generatedShop("busy" + (++names), 3).failWithXml("/api/", 1, 503, 7, 2);
        String answer = get(shop, "/api/products", 1 << 20);
        assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-after: 7").contains("<code><![CDATA[2]]></code>")
                .contains("Too many connections");
    }

    @Test
    void aTrickleSendsItsBytesOneByOne() throws IOException {
        SimShop shop = sim.generatedShop("slow" + (++names), 3).trickle("/api/products", Duration.ofMillis(50));
        String answer = get(shop, "/api/products", 300);
        assertThat(answer).startsWith("HTTP/1.1 200").contains("<?xml");
        shop.clearBodyFaults();
    }

    @Test
    void theRelayCountsConnectionsHeldOpen() throws IOException {
        SimShop shop = sim.generatedShop("count" + (++names), 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.openConnections() == 0);
        try (Socket held = new Socket("127.0.0.1", sim.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.openConnections() == 1);
            assertThat(get(shop, "/api/products", 1 << 20)).contains("<products>");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.openConnections() == 0);
    }
}

package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import market.so.sync.console.ConsoleReads;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The key is a secret (guide §2): a whole registration and sync, including a retried failure and a
 * host that needs the ws_key fallback, runs with logging at DEBUG; the key, in clear or in its
 * Basic-auth form, must appear in no log line, no JMX attribute, no API answer and nothing the ops
 * console (Hawtio over Jolokia) shows of Camel.
 */
@SyncTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.root=DEBUG", "logging.level.market.so=DEBUG",
    "logging.level.org.apache.camel=DEBUG", "camel.main.jmx-enabled=true", "spring.jmx.enabled=true",
    // not the service: the simulated merchant server receives the key and logs it at DEBUG, as a
    // shop's own server would (registrations below are posted with the JDK client, which logs nothing)
    "logging.level.com.sun.net.httpserver=INFO"})
class KeyLeakTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();

    @Autowired TestRestTemplate rest;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    /** POST /api/shops with the JDK's client: Spring's client would log the request body at DEBUG. */
    private long register(String url, String key, String email) throws Exception {
        String json = "{\"url\":\"" + url + "\",\"apiKey\":\"" + key + "\""
            + (email == null ? "" : ",\"contactEmail\":\"" + email + "\"") + "}";
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/shops"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:test-ops-password".getBytes()))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        String body = java.net.http.HttpClient.newHttpClient().send(request,
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var matcher = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    @Test
    void theKeyAppearsInNoLogJmxAttributeOrApiAnswer(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(rest);
        SimShop header = sim.fixtureShop("leak-header");
        SimShop wsKey = sim.fixtureShop("leak-wskey").stripAuthorizationHeader(true);
        SimShop wrong = sim.fixtureShop("leak-wrong");

        long one = register(header.url(), header.key(), "a@example.fr");
        long two = register(wsKey.url(), wsKey.key(), "b@example.fr");
        register(wrong.url(), "LEAKCHECKWRONGKEY000000000000001", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "OK".equals(api.get("/api/shops/" + one).get("lastSyncOutcome"))
            && "OK".equals(api.get("/api/shops/" + two).get("lastSyncOutcome")));
        header.failNextRequests(2, 500, null);
        api.post("/api/shops/" + one + "/sync", null);
        // the ops console (Hawtio's Jolokia reads of Camel), during the sync (exchanges in flight) and after it
        ConsoleReads console = new ConsoleReads(port, "ops", "test-ops-password");
        String consoleText = console.everything();
        await().atMost(Duration.ofSeconds(30)).until(() -> header.requestCount() > 10);
        consoleText += console.everything();
        String answers = api.raw("/api/shops").getBody() + api.raw("/api/shops/" + one).getBody()
            + api.raw("/api/shops/" + two + "/products").getBody();

        for (String key : new String[] {header.key(), wsKey.key(), "LEAKCHECKWRONGKEY000000000000001"}) {
            String basic = Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
            assertThat(output.getAll()).as("log output").doesNotContain(key).doesNotContain(basic);
            assertThat(answers).as("API answers").doesNotContain(key);
            assertThat(jmxText()).as("JMX").doesNotContain(key).doesNotContain(basic);
            assertThat(consoleText).as("ops console").doesNotContain(key).doesNotContain(basic);
        }
        assertThat(output.getAll()).as("the test did log at DEBUG").contains("DEBUG");
        assertThat(consoleText).as("the console did show the routes and their statistics")
            .contains("webservice-call").contains("ExchangesTotal").contains("<route");
    }

    /** Every readable attribute of every Camel MBean, as text. */
    private static String jmxText() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:*"), null);
        assertThat(names).isNotEmpty();
        StringBuilder text = new StringBuilder();
        for (ObjectName name : names) {
            text.append(name).append('\n');
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (attribute.isReadable()) {
                    try {
                        text.append(server.getAttribute(name, attribute.getName())).append('\n');
                    } catch (Exception | Error ignored) {
                        // some attributes are not readable in this state
                    }
                }
            }
        }
        return text.toString();
    }
}

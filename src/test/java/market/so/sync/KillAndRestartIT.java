package market.so.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import market.so.sync.catalog.ProductMapper;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed (SIGKILL) in the middle of a shop's sync, then stopped (SIGTERM) in the
 * middle of the next: after each restart the shop's catalogue is the one before that sync or the one
 * after it, never a mix, and no sync is left RUNNING (the killed one is closed as INTERRUPTED at the restart).
 */
class KillAndRestartIT {

    private static final int PRODUCTS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrestaShopSimulator sim = PrestaShopSimulator.start();
    private Process process;
    private String base;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        sim.close();
    }

    @Test
    void aKilledOrStoppedSyncLeavesTheCatalogueBeforeOrAfterItNeverHalf() throws Exception {
        Path data = Path.of("target", "kill-it-data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(data);
        SimShop shop = sim.generatedShop("kill", PRODUCTS);
        start(data);
        long id = post("/api/shops", "{\"url\":\"" + shop.url() + "\",\"apiKey\":\"" + shop.key() + "\"}").get("id").asLong();
        syncAndWait(id);
        List<BigDecimal> before = prices(id);
        assertThat(before).hasSize(PRODUCTS);
        List<BigDecimal> changed = new ArrayList<>();
        for (long p = 1; p <= PRODUCTS; p++) {
            // 50.00 + 20 % VAT, and 15 % off every 7th product
            changed.add(new BigDecimal(p % 7 == 0 ? "51.00" : "60.00"));
        }

        // every product changes (date_upd moves): the next sync reads them all whole, slowly
        for (long p = 1; p <= PRODUCTS; p++) {
            shop.catalog().setPrice(p, new BigDecimal("50.00"));
        }
        shop.latency(Duration.ofMillis(60));
        post("/api/shops/" + id + "/sync", "{}");
        awaitFullReads(shop, 5);
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL mid-sync
        shop.latency(Duration.ZERO);
        start(data);
        assertThat(prices(id)).as("killed mid-sync: the catalogue before it").isEqualTo(before);

        shop.latency(Duration.ofMillis(60)).resetRequests();
        post("/api/shops/" + id + "/sync", "{}");
        awaitFullReads(shop, 5);
        process.destroy(); // SIGTERM: graceful shutdown
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        shop.latency(Duration.ZERO);
        start(data);
        List<BigDecimal> after = prices(id);
        assertThat(after.equals(before) || after.equals(changed)).as("stopped mid-sync: before or after, never half")
            .isTrue();
        // finished within the grace, or stopped at its next request and recorded as such
        JsonNode view = get("/api/shops/" + id);
        assertThat(view.get("statusDetail").asText()).satisfiesAnyOf(
            detail -> assertThat(detail).startsWith(PRODUCTS + " products online"),
            detail -> assertThat(detail).contains("the service stopped during this sync"));

        // once stopped, the database itself: the killed sync was closed as INTERRUPTED at the restart, none is RUNNING
        process.destroy();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:./" + data + "/db", "sa", "");
             Statement sql = db.createStatement()) {
            ResultSet outcomes = sql.executeQuery("SELECT outcome, error_class FROM shop_sync WHERE shop_id = " + id
                + " ORDER BY id");
            List<String> rows = new ArrayList<>();
            while (outcomes.next()) {
                rows.add(outcomes.getString(1) + "/" + outcomes.getString(2));
            }
            assertThat(rows).hasSizeGreaterThanOrEqualTo(3).noneMatch(row -> row.startsWith("RUNNING"));
            assertThat(rows.get(0)).isEqualTo("OK/null");
            assertThat(rows.get(1)).isEqualTo("FAILED/INTERRUPTED");
        }
    }

    private void syncAndWait(long id) throws Exception {
        post("/api/shops/" + id + "/sync", "{}");
        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .until(() -> "OK".equals(get("/api/shops/" + id).path("lastSyncOutcome").asText()));
    }

    private void awaitFullReads(SimShop shop, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> shop.requests().stream()
            .filter(r -> ProductMapper.READ_DISPLAY.equals(r.query().get("display"))).count() >= count);
    }

    /** Every stored product's price, through the API. */
    private List<BigDecimal> prices(long id) throws Exception {
        List<BigDecimal> prices = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode items = get("/api/shops/" + id + "/products?size=200&page=" + page).get("items");
            if (items.isEmpty()) {
                return prices;
            }
            items.forEach(item -> prices.add(item.get("price").decimalValue().setScale(2)));
        }
    }

    private void start(Path data) throws Exception {
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("somarket.jar"),
                "--server.port=" + port,
                // the options of the default URL in config/application.yaml, on a folder of this test's own
                "--spring.datasource.url=jdbc:h2:file:./" + data + "/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "--somarket.security.key-secret-file=" + data + "/key-secret",
                "--somarket.site.link-secret-file=" + data + "/link-secret",
                "--somarket.security.allow-private-networks=true",
                "--somarket.registration.first-sync=false",
                "--somarket.ops.password=it-password",
                "--somarket.sync.shutdown-grace=5s",
                "--somarket.mailbox.embedded.smtp-port=0",
                "--somarket.mailbox.embedded.imap-port=0"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "kill-and-restart-it.log").toFile()))
            .start();
        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .until(() -> send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET()).statusCode() == 200);
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + path)).GET()).body());
    }

    private JsonNode post(String path, String body) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("ops:it-password".getBytes(StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

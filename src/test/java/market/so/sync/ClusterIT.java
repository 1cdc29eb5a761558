package market.so.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.EmbeddedBroker;
import market.so.sync.support.EmbeddedPostgresHolder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * A real cluster: two packaged service processes (profiles postgres and cluster) on one embedded PostgreSQL and
 * one embedded Artemis, 20 simulated shops. A run fired once through Quartz executes once, on one node; its
 * shops are spread over both nodes, each synced exactly once, and the run's totals are the sum of its shops'.
 * Then the node running the next run is killed (SIGKILL) in the middle of it: the other node's Quartz recovers
 * the run, closes it as INTERRUPTED and syncs every shop again; no catalogue is ever half-written.
 */
class ClusterIT {

    private static final int SHOPS = 20;
    private static final int PRODUCTS = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrestaShopSimulator sim = PrestaShopSimulator.start();
    private final EmbeddedBroker broker = EmbeddedBroker.start();
    private final String db = EmbeddedPostgresHolder.jdbcUrl("cluster");
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private record Node(String name, Process process, String base) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Node node : nodes.values()) {
            node.process().destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        broker.close();
        sim.close();
    }

    @Test
    void twoNodesShareTheShopsAndANodeKilledMidRunLeavesNoShopBehind() throws Exception {
        start("node-a");
        start("node-b");
        awaitHealthy(nodes.get("node-a"));
        awaitHealthy(nodes.get("node-b"));
        List<SimShop> shops = new ArrayList<>();
        for (int i = 0; i < SHOPS; i++) {
            SimShop shop = sim.generatedShop("cluster-" + i, PRODUCTS).latency(Duration.ofMillis(40));
            shops.add(shop);
            post(nodes.get(i % 2 == 0 ? "node-a" : "node-b"), "/api/shops",
                "{\"url\":\"" + shop.url() + "\",\"apiKey\":\"" + shop.key() + "\"}");
        }
        assertThat(scalar("SELECT COUNT(*) FROM shop")).isEqualTo(SHOPS);

        // one run, fired once through Quartz: executed once, on one node
        fireTheScheduledRun();
        long first = awaitRunEnded(0);
        assertThat(scalar("SELECT COUNT(*) FROM sync_run")).as("fired once, executed once").isEqualTo(1);
        Map<String, Object> run = row("SELECT * FROM sync_run WHERE id = " + first);
        assertThat(run.get("status")).isEqualTo("COMPLETED");
        assertThat(run.get("trigger_source")).isEqualTo("schedule");
        assertThat(scalar("SELECT COUNT(*) FROM shop_sync WHERE run_id = " + first)).as("each shop once").isEqualTo(SHOPS);
        assertThat(scalar("SELECT COUNT(DISTINCT shop_id) FROM shop_sync WHERE run_id = " + first + " AND outcome = 'OK'"))
            .isEqualTo(SHOPS);
        assertThat(scalar("SELECT COALESCE(SUM(redeliveries), 0) FROM shop_sync WHERE run_id = " + first)).isZero();
        Map<String, Integer> spread = spread(first);
        assertThat(spread.get("node-a")).as("spread %s", spread).isGreaterThanOrEqualTo(SHOPS / 4);
        assertThat(spread.get("node-b")).as("spread %s", spread).isGreaterThanOrEqualTo(SHOPS / 4);
        assertThat(((Number) run.get("shops_ok")).intValue()).isEqualTo(SHOPS);
        assertThat(((Number) run.get("products_new")).intValue()).isEqualTo(SHOPS * PRODUCTS)
            .isEqualTo(scalar("SELECT SUM(products_new) FROM shop_sync WHERE run_id = " + first));
        assertThat(((Number) run.get("requests")).longValue())
            .isEqualTo(scalar("SELECT SUM(requests) FROM shop_sync WHERE run_id = " + first));
        Map<Long, List<BigDecimal>> before = prices();

        // every product changes; the node running the next run is killed in the middle of it
        for (SimShop shop : shops) {
            for (long p = 1; p <= PRODUCTS; p++) {
                shop.catalog().setPrice(p, new BigDecimal("50.00"));
            }
            shop.latency(Duration.ofMillis(80));
        }
        fireTheScheduledRun();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
            scalar("SELECT COUNT(*) FROM sync_run WHERE id > " + first) == 1
                && scalar("SELECT COUNT(*) FROM shop_sync s JOIN sync_run r ON r.id = s.run_id AND r.node = s.node "
                    + "WHERE r.id > " + first + " AND s.outcome = 'RUNNING'") > 0
                && scalar("SELECT COUNT(*) FROM shop_sync WHERE run_id > " + first + " AND outcome = 'OK'") >= 2);
        long killed = scalar("SELECT MAX(id) FROM sync_run");
        String owner = (String) row("SELECT node FROM sync_run WHERE id = " + killed).get("node");
        nodes.get(owner).process().destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL
        String survivor = owner.equals("node-a") ? "node-b" : "node-a";
        assertNoCatalogueHalfWritten(before);

        // the survivor's Quartz recovers the killed node's run: closed as INTERRUPTED, every shop synced again
        long next = awaitRunEnded(killed);
        assertThat(row("SELECT status FROM sync_run WHERE id = " + killed).get("status")).isEqualTo("INTERRUPTED");
        Map<String, Object> resumed = row("SELECT * FROM sync_run WHERE id = " + next);
        assertThat(resumed.get("status")).isEqualTo("COMPLETED");
        assertThat(resumed.get("node")).isEqualTo(survivor);
        // synced in the killed run before or after the kill, or in the next one (a shop whose message of the killed
        // run was still being synced by the survivor is SKIPPED in the next: its lease is held)
        assertThat(scalar("SELECT COUNT(DISTINCT shop_id) FROM shop_sync WHERE run_id >= " + killed + " AND outcome = 'OK'"))
            .as("every shop synced by the end of the next run").isEqualTo(SHOPS);
        assertThat(scalar("SELECT COUNT(*) FROM shop_sync WHERE run_id = " + next + " AND outcome IN ('OK', 'SKIPPED')"))
            .isEqualTo(scalar("SELECT COUNT(*) FROM shop_sync WHERE run_id = " + next));
        assertThat(scalar("SELECT COUNT(*) FROM shop_sync WHERE outcome = 'RUNNING'")).isZero();
        assertThat(scalar("SELECT COUNT(*) FROM shop WHERE sync_lease_owner IS NOT NULL")).isZero();
        Map<Long, List<BigDecimal>> after = prices();
        assertThat(after.keySet()).hasSize(SHOPS);
        after.forEach((shop, prices) -> assertThat(prices).as("shop %d: the new catalogue", shop).isEqualTo(changed()));
    }

    /** The Quartz job of the 12-hour trigger fired now, as the cron does: one of the nodes' schedulers takes it. */
    private void fireTheScheduledRun() throws Exception {
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", "shop-sync");
        quartz.setProperty("org.quartz.scheduler.instanceId", "cluster-it-client");
        quartz.setProperty("org.quartz.threadPool.threadCount", "1");
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.dataSource", "it");
        quartz.setProperty("org.quartz.dataSource.it.driver", "org.postgresql.Driver");
        quartz.setProperty("org.quartz.dataSource.it.URL", db);
        quartz.setProperty("org.quartz.dataSource.it.user", "postgres");
        quartz.setProperty("org.quartz.dataSource.it.password", "postgres");
        quartz.setProperty("org.quartz.dataSource.it.provider", "hikaricp");
        quartz.setProperty("org.quartz.dataSource.it.maxConnections", "2");
        Scheduler client = new StdSchedulerFactory(quartz).getScheduler(); // never started: it only writes the trigger
        try {
            Map<String, Object> job = row("SELECT job_name, job_group FROM qrtz_job_details WHERE sched_name = 'shop-sync'");
            client.triggerJob(new JobKey((String) job.get("job_name"), (String) job.get("job_group")));
        } finally {
            client.shutdown(false);
        }
    }

    private long awaitRunEnded(long after) throws SQLException {
        Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() ->
            scalar("SELECT COUNT(*) FROM sync_run WHERE id > " + after + " AND status NOT IN ('RUNNING', 'SKIPPED')") > 0);
        return scalar("SELECT MIN(id) FROM sync_run WHERE id > " + after + " AND status NOT IN ('RUNNING', 'SKIPPED')");
    }

    private Map<String, Integer> spread(long runId) throws SQLException {
        Map<String, Integer> spread = new HashMap<>();
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(
            "SELECT node, COUNT(*) FROM shop_sync WHERE run_id = " + runId + " GROUP BY node")) {
            while (rs.next()) {
                spread.put(rs.getString(1), rs.getInt(2));
            }
        }
        return spread;
    }

    /** Each shop's catalogue is the one before the killed run or the one after it, never a mix. */
    private void assertNoCatalogueHalfWritten(Map<Long, List<BigDecimal>> before) throws SQLException {
        prices().forEach((shop, prices) -> assertThat(prices.equals(before.get(shop)) || prices.equals(changed()))
            .as("shop %d: before or after, never half", shop).isTrue());
    }

    /** 50.00 + 20 % VAT, and 15 % off every 7th product (the generated shops' specific price). */
    private static List<BigDecimal> changed() {
        List<BigDecimal> prices = new ArrayList<>();
        for (long p = 1; p <= PRODUCTS; p++) {
            prices.add(new BigDecimal(p % 7 == 0 ? "51.00" : "60.00"));
        }
        return prices;
    }

    private Map<Long, List<BigDecimal>> prices() throws SQLException {
        Map<Long, List<BigDecimal>> prices = new HashMap<>();
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(
            "SELECT shop_id, price FROM product WHERE active ORDER BY shop_id, shop_product_id")) {
            while (rs.next()) {
                prices.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getBigDecimal(2).setScale(2));
            }
        }
        return prices;
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Object> row(String sql) throws SQLException {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return row;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db, "postgres", "postgres");
    }

    private void start(String name) throws IOException {
        int port = freePort();
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-jar", System.getProperty("somarket.jar"),
                "--spring.profiles.active=postgres,cluster",
                "--server.port=" + port,
                "--spring.datasource.url=" + db,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.artemis.broker-url=" + broker.url(),
                // named nodes, so that the test knows which process ran a run; quick check-ins and trigger pick-up
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                "--somarket.sync.concurrency=2",
                "--somarket.sync.outcome-poll=300ms",
                "--somarket.security.key-secret=cluster-it-secret",
                "--somarket.site.link-secret=cluster-it-link-secret",
                "--somarket.security.allow-private-networks=true",
                "--somarket.registration.first-sync=false",
                "--somarket.ops.password=it-password",
                "--somarket.mailbox.embedded.smtp-port=0",
                "--somarket.mailbox.embedded.imap-port=0"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(Path.of("target", "cluster-it-" + name + ".log").toFile()))
            .start();
        nodes.put(name, new Node(name, process, "http://127.0.0.1:" + port));
    }

    private void awaitHealthy(Node node) {
        Awaitility.await().atMost(Duration.ofSeconds(480)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
            .until(() -> send(HttpRequest.newBuilder(URI.create(node.base() + "/actuator/health")).GET())
                .statusCode() == 200);
    }

    private void post(Node node, String path, String body) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(node.base() + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("ops:it-password".getBytes(StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package market.so.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** The run over all due shops: parallel, one failure contained, outcomes summed, never two runs at once. */
@SyncTest
class CatalogSyncRunTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int names;

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;
    ApiClient api;

    @BeforeEach
    void clean() {
        api = new ApiClient(rest);
        jdbc.update("DELETE FROM shop");
    }

    private long register(SimShop shop) {
        long id = ApiClient.id(api.registerShop(shop.url(), shop.key(), "m@example.fr"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/shops/" + id).get("lastSyncOutcome") != null);
        return id;
    }

    private Map<String, Object> runToCompletion() {
        Number before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM sync_run", Number.class);
        assertThat(api.post("/api/sync-runs", null).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Map<String, Object>> runs = api.getList("/api/sync-runs");
            return !runs.isEmpty() && ((Number) runs.get(0).get("id")).longValue() > before.longValue()
                && runs.get(0).get("finishedAt") != null;
        });
        return api.getList("/api/sync-runs").get(0);
    }

    @Test
    void aRunSyncsEveryDueShopAndOneBrokenShopDoesNotStopTheOthers() {
        SimShop a = sim.fixtureShop("run-a" + (++names));
        SimShop b = sim.generatedShop("run-b" + names, 250);
        SimShop broken = sim.fixtureShop("run-c" + names);
        register(a);
        register(b);
        long brokenId = register(broken);
        broken.webserviceDisabled(true);

        Map<String, Object> run = runToCompletion();
        assertThat(run).containsEntry("status", "COMPLETED").containsEntry("shopsTotal", 3)
            .containsEntry("shopsOk", 2).containsEntry("shopsFailed", 1);
        assertThat(((Number) run.get("productsUnchanged")).intValue()).isEqualTo(255);

        Map<String, Object> detail = api.get("/api/sync-runs/" + run.get("id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shops = (List<Map<String, Object>>) detail.get("shops");
        assertThat(shops).hasSize(3).anySatisfy(s -> assertThat(s).containsEntry("shopId", (int) brokenId)
            .containsEntry("result", "FAILED").containsEntry("errorClass", "WEBSERVICE_DISABLED"));
        assertThat(api.get("/api/shops/" + brokenId)).containsEntry("status", "WEBSERVICE_DISABLED")
            .containsEntry("productCount", 5);
        assertThat(api.raw("/actuator/prometheus").getBody()).contains("somarket_sync_shops_total")
            .contains("somarket_sync_run_duration_seconds");
    }

    @Test
    void aRunThatFindsThePreviousOneStillGoingIsSkippedAndRecorded() {
        SimShop slow = sim.fixtureShop("run-slow" + (++names));
        register(slow);
        slow.latency(Duration.ofMillis(700));
        api.post("/api/sync-runs", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'", Integer.class) == 1);
        api.post("/api/sync-runs", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM sync_run WHERE status = 'SKIPPED'", Integer.class) == 1);
        slow.latency(Duration.ZERO);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'", Integer.class) == 0);
    }

    @Test
    void aShopThatFailsThreeRunsInARowIsUnreachableRetriedLaterAndRecoversByItself() {
        SimShop flaky = sim.fixtureShop("run-flaky" + (++names));
        long id = register(flaky);
        flaky.failNextRequests(1000, 500, null);
        for (int i = 0; i < 3; i++) {
            jdbc.update("UPDATE shop SET next_sync_at = NULL WHERE id = ?", id);
            runToCompletion();
        }
        Map<String, Object> shop = api.get("/api/shops/" + id);
        assertThat(shop).containsEntry("status", "UNREACHABLE").containsEntry("consecutiveFailures", 3)
            .containsEntry("productCount", 5);
        assertThat(jdbc.queryForObject("SELECT next_sync_at IS NOT NULL FROM shop WHERE id = ?", Boolean.class, id)).isTrue();
        assertThat(jdbc.queryForObject("SELECT failure_notified_at IS NOT NULL FROM shop WHERE id = ?", Boolean.class, id)).isTrue();
        Map<String, Object> notDue = runToCompletion();
        assertThat(notDue).containsEntry("shopsTotal", 0);

        flaky.failNextRequests(0, 500, null);
        jdbc.update("UPDATE shop SET next_sync_at = NULL WHERE id = ?", id);
        runToCompletion();
        assertThat(api.get("/api/shops/" + id)).containsEntry("status", "CONNECTED").containsEntry("consecutiveFailures", 0);
    }

    @Test
    void aPausedShopIsLeftOutOfRunsUntilItIsResumed() {
        SimShop shop = sim.fixtureShop("run-paused" + (++names));
        long id = register(shop);
        assertThat(api.post("/api/shops/" + id + "/pause", null).getBody()).containsEntry("paused", true);
        shop.catalog().remove(3);

        assertThat(runToCompletion()).containsEntry("shopsTotal", 0);
        api.post("/api/shops/" + id + "/sync", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM shop_sync WHERE shop_id = ? AND outcome = 'SKIPPED'", Integer.class, id) == 1);
        assertThat(api.get("/api/shops/" + id)).containsEntry("productCount", 5);

        assertThat(api.post("/api/shops/" + id + "/resume", null).getBody()).containsEntry("paused", false);
        Map<String, Object> run = runToCompletion();
        assertThat(run).containsEntry("shopsTotal", 1).containsEntry("shopsOk", 1);
        assertThat(((Number) run.get("productsDeactivated")).intValue()).isEqualTo(1);
        assertThat(api.post("/api/shops/999999/pause", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void oneHostIsNeverAskedMoreThanItsPerHostLimitAtOnce() {
        // a simulator of its own (no other test's traffic), whose one host:port serves four shops that a run
        // syncs together: they share that host's limit (2)
        try (PrestaShopSimulator host = PrestaShopSimulator.start()) {
            List<SimShop> shops = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SimShop shop = host.generatedShop("run-host" + (++names), 300);
                register(shop);
                shops.add(shop);
            }
            shops.forEach(shop -> shop.latency(Duration.ofMillis(100)));
            host.resetConcurrency();

            assertThat(runToCompletion()).containsEntry("shopsOk", 4);
            assertThat(host.mostConcurrentRequests()).isEqualTo(2);
        }
    }
}

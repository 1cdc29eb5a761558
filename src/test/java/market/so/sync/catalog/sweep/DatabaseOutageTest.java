package market.so.sync.catalog.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.SyncRun;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.RestartablePostgres;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a real PostgreSQL of its own, every connection of the service is cut in the middle of a run (as a database
 * failover does), or the server is stopped mid-run and started again: the shops being synced fail and keep their
 * previous catalogue, the failure is put down to the database, not to the shop, the run still ends and is recorded,
 * and the service recovers without a restart (the pools reconnect, Quartz checks in again, the next run completes).
 * A shop whose lease could not even be taken (the server stopped right then) is synced at the next run.
 */
@SyncTest
class DatabaseOutageTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static final RestartablePostgres postgres = RestartablePostgres.start("outage");

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl("outage"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
            () -> "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        // a connection is waited for 5 s (30 s by default): the 30-s stop below outlasts several waits
        registry.add("spring.datasource.hikari.connection-timeout", () -> "5000");
        registry.add("somarket.quartz.datasource.connection-timeout", () -> "5000");
        registry.add("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", () -> "2000");
    }

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM shop");
    }

    @Test
    void connectionsCutMidRunFailTheShopCleanlyAndTheNextRunCompletes() {
        SimShop shop = sim.generatedShop("outage", 3000).latency(Duration.ofMillis(30));
        long id = new SweepSupport(camel, shops, cipher, jdbc).store(shop);

        CompletableFuture<SyncRun> run = camel.asyncRequestBody("direct:catalog-sync", null, SyncRun.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM shop_sync WHERE shop_id = ? AND outcome = 'RUNNING'", Integer.class, id) == 1);
        await().pollDelay(Duration.ofMillis(700)).until(() -> true);
        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND pid <> pg_backend_pid()");

        SyncRun cut = run.join();
        assertThat(cut.status()).isEqualTo("COMPLETED");
        assertThat(cut.shopsFailed()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("SELECT sync_lease_owner FROM shop WHERE id = ?", String.class, id)).isNull();
        // our database failed, not the shop: recorded as such, and neither its status nor its merchant hear of it
        assertThat(jdbc.queryForObject("SELECT error_class FROM shop_sync WHERE shop_id = ? AND outcome = 'FAILED'",
            String.class, id)).isEqualTo("DATABASE");
        assertThat(jdbc.queryForMap("SELECT status, consecutive_failures FROM shop WHERE id = ?", id))
            .containsEntry("status", "CONNECTED").containsEntry("consecutive_failures", 0);

        shop.latency(Duration.ZERO);
        SyncRun next = camel.requestBody("direct:catalog-sync", null, SyncRun.class);
        assertThat(next.shopsOk()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active", Integer.class, id))
            .isEqualTo(3000);
    }

    /**
     * PostgreSQL stopped for 30 s in the middle of a run (issue 17) and started again: the shops' transactions die
     * with their connections, their ends and the run's end wait for the database (Recording, tried for 60 s) and are
     * written when it is back.
     */
    @Test
    void theDatabaseStoppedMidRunAndStartedAgainEndsTheRunRecordedAndTheServiceRecovers() throws InterruptedException {
        SweepSupport support = new SweepSupport(camel, shops, cipher, jdbc);
        List<SimShop> slow = List.of(sim.generatedShop("restart-a", 200), sim.generatedShop("restart-b", 200));
        List<Long> ids = slow.stream().map(support::store).toList();
        assertThat(camel.requestBody("direct:catalog-sync", null, SyncRun.class).shopsOk()).isEqualTo(2);
        List<BigDecimal> before = prices();
        for (SimShop shop : slow) {
            for (long p = 1; p <= 200; p++) {
                shop.catalog().setPrice(p, new BigDecimal("50.00"));
            }
            shop.latency(Duration.ofMillis(1500));
        }

        CompletableFuture<SyncRun> run = camel.asyncRequestBody("direct:catalog-sync", null, SyncRun.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM shop_sync WHERE outcome = 'RUNNING'", Integer.class) == 2);
        postgres.stop();
        Thread.sleep(30_000);
        postgres.restart();
        long back = System.currentTimeMillis();

        SyncRun cut = run.orTimeout(150, TimeUnit.SECONDS).join();
        assertThat(jdbc.queryForObject("SELECT status FROM sync_run WHERE id = ?", String.class, cut.id()))
            .as("recorded once the database was back").isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList("SELECT error_class FROM shop_sync WHERE run_id = ?", String.class, cut.id()))
            .containsExactly("DATABASE", "DATABASE");
        assertThat(prices()).as("the previous catalogues kept").isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_sync WHERE outcome = 'RUNNING'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE sync_lease_owner IS NOT NULL", Integer.class))
            .isZero();
        // Quartz, on its own pool, checks in again by itself
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
            "SELECT MAX(LAST_CHECKIN_TIME) FROM QRTZ_SCHEDULER_STATE", Long.class) > back);

        slow.forEach(shop -> shop.latency(Duration.ZERO));
        SyncRun next = camel.requestBody("direct:catalog-sync", null, SyncRun.class);
        assertThat(next.shopsOk()).isEqualTo(2);
        assertThat(prices()).as("the new catalogues").hasSize(400).isNotEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE status = 'CONNECTED' AND id IN (?, ?)",
            Integer.class, ids.toArray())).as("the database's doing, not the shops'").isEqualTo(2);
    }

    /**
     * The server stopped while a run takes a shop's lease (the soak's pool timeout in tryLease): the shop is recorded
     * as not handed over, and the next run, once the database is back, syncs it - the failed lease left nothing behind
     * on this node (before, the shop stayed "already running" here until a restart).
     */
    @Test
    void aLeaseTheDatabaseWasAwayForDoesNotHoldTheShopAtTheNextRun() throws SQLException {
        SimShop shop = sim.generatedShop("lease-away", 5);
        long id = new SweepSupport(camel, shops, cipher, jdbc).store(shop);

        CompletableFuture<SyncRun> run;
        // the shop's row locked by a session of the test: the run's lease (an update of that row) waits on it
        try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl("outage"), "postgres", "postgres")) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT id FROM shop WHERE id = " + id + " FOR UPDATE");
            run = camel.asyncRequestBody("direct:catalog-sync", null, SyncRun.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity "
                + "WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE shop SET sync_lease_owner%'", Integer.class) == 1);
            // the lease's connection cut first, while the row is still locked: a stop alone ends the holder's session
            // too, and when its lock went before the waiting session saw the stop, the lease was taken (seen in CI)
            jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE 'UPDATE shop SET sync_lease_owner%'");
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity "
                + "WHERE query LIKE 'UPDATE shop SET sync_lease_owner%' AND state = 'active'", Integer.class) == 0);
            postgres.stop();
        }
        postgres.restart();

        SyncRun away = run.orTimeout(90, TimeUnit.SECONDS).join();
        assertThat(jdbc.queryForMap("SELECT outcome, error_detail FROM shop_sync WHERE run_id = ? AND shop_id = ?",
            away.id(), id)).containsEntry("outcome", "SKIPPED")
            .hasEntrySatisfying("error_detail", detail -> assertThat((String) detail).startsWith("not synced: it could not be handed over"));

        SyncRun next = camel.requestBody("direct:catalog-sync", null, SyncRun.class);
        assertThat(jdbc.queryForObject("SELECT error_detail FROM shop_sync WHERE run_id = ? AND shop_id = ?", String.class,
            next.id(), id)).as("not 'a sync of this shop is already running'").isNull();
        assertThat(next.shopsOk()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active", Integer.class, id))
            .isEqualTo(5);
    }

    private List<BigDecimal> prices() {
        return jdbc.queryForList("SELECT price FROM product WHERE active ORDER BY shop_id, shop_product_id",
            BigDecimal.class).stream().map(p -> p.setScale(2)).toList();
    }
}

package market.so.sync.catalog.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.SyncRun;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.EmbeddedPostgresHolder;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a real PostgreSQL, every connection of the service is cut in the middle of a run (as a database
 * restart or failover does): the shop being synced fails and keeps its previous catalogue (here:
 * none), the failure is put down to the database, not to the shop, the run still ends and is recorded,
 * and the next run completes.
 */
@SyncTest
class DatabaseOutageTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresHolder.jdbcUrl("outage"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
            () -> "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
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
}

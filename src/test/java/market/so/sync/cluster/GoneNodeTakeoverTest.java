package market.so.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.ClusterNodes;
import market.so.sync.run.SyncRun;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a node that left the cluster (not in Quartz's QRTZ_SCHEDULER_STATE) leaves behind is taken over at
 * once, not after its leases expire: its run (closed as INTERRUPTED) and its shops' leases (their RUNNING
 * syncs closed as interrupted, the shops synced). A lease or lock of a node still in the cluster is respected.
 */
@SyncTest
class GoneNodeTakeoverTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int names;

    @Autowired ProducerTemplate camel;
    @Autowired JdbcTemplate jdbc;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired ClusterNodes nodes;

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM shop");
        jdbc.update("UPDATE sync_lock SET owner = NULL, locked_until = NULL");
    }

    private long store(SimShop shop) {
        ApiKey key = ApiKey.of(shop.key());
        return shops.insert(shop.url(), "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(shop.url(), key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), "8.1.2",
            shop.name(), "connected");
    }

    @Test
    void theRunAndTheLeasesOfANodeThatLeftTheClusterAreTakenOver() {
        long id = store(sim.generatedShop("gone" + (++names), 40));
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(5);
        jdbc.update("INSERT INTO sync_run (trigger_source, status, started_at, node) VALUES ('schedule', 'RUNNING', ?, 'gone-node')",
            OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3));
        long deadRun = jdbc.queryForObject("SELECT MAX(id) FROM sync_run", Long.class);
        jdbc.update("UPDATE sync_lock SET owner = 'gone-node/1', locked_until = ?", later);
        jdbc.update("UPDATE shop SET sync_lease_owner = 'gone-node/2', sync_lease_until = ? WHERE id = ?", later, id);
        jdbc.update("""
            INSERT INTO shop_sync (run_id, shop_id, trigger_source, outcome, started_at, node)
            VALUES (?, ?, 'schedule', 'RUNNING', ?, 'gone-node')""", deadRun, id, OffsetDateTime.now(ZoneOffset.UTC));
        assertThat(nodes.gone("gone-node/1")).isTrue();

        SyncRun run = camel.requestBody("direct:catalog-sync", null, SyncRun.class);

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.shopsOk()).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT status, shops_failed FROM sync_run WHERE id = ?", deadRun))
            .containsEntry("status", "INTERRUPTED").containsEntry("shops_failed", 1);
        assertThat(jdbc.queryForMap("SELECT outcome, error_class FROM shop_sync WHERE run_id = ?", deadRun))
            .containsEntry("outcome", "FAILED").containsEntry("error_class", "INTERRUPTED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active", Integer.class, id))
            .isEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT sync_lease_owner FROM shop WHERE id = ?", String.class, id)).isNull();
    }

    @Test
    void aLockOrALeaseOfANodeStillInTheClusterIsRespected() {
        long id = store(sim.generatedShop("alive" + (++names), 10));
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(5);
        jdbc.update("UPDATE shop SET sync_lease_owner = ?, sync_lease_until = ? WHERE id = ?",
            "someone-else-on-" + nodes.self() + "/x", later, id);
        assertThat(nodes.gone(nodes.self() + "/1")).isFalse();

        jdbc.update("UPDATE sync_lock SET owner = ?, locked_until = ?", nodes.self() + "/1", later);
        SyncRun skipped = camel.requestBody("direct:catalog-sync", null, SyncRun.class);
        assertThat(skipped.status()).isEqualTo("SKIPPED");

        jdbc.update("UPDATE sync_lock SET owner = NULL, locked_until = NULL");
        jdbc.update("UPDATE shop SET sync_lease_owner = ? WHERE id = ?", nodes.self() + "-twin/x", id);
        jdbc.update("INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL) "
            + "VALUES ((SELECT MAX(SCHED_NAME) FROM QRTZ_SCHEDULER_STATE), ?, ?, 15000)",
            nodes.self() + "-twin", System.currentTimeMillis());
        SyncRun run = camel.requestBody("direct:catalog-sync", null, SyncRun.class);
        assertThat(run.shopsSkipped()).as("the lease of a live node holds").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT error_detail FROM shop_sync WHERE run_id = ?", String.class, run.id()))
            .isEqualTo("a sync of this shop is already running");
    }
}

package market.so.sync.run;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code shop_sync} table: one row per shop sync, the per-shop part of a run. */
@Repository
public class ShopSyncRepository {

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;

    public ShopSyncRepository(JdbcClient jdbc, ClusterNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    public long start(long shopId, Long runId, String trigger) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO shop_sync (run_id, shop_id, trigger_source, outcome, started_at, node)
                VALUES (?, ?, ?, 'RUNNING', ?, ?)""")
            .params(runId, shopId, trigger, OffsetDateTime.now(ZoneOffset.UTC), nodes.self())
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The shop's sync in that run that has ended (OK, FAILED or SKIPPED), if any: a repeated message finds it. */
    public Optional<Long> endedInRun(long shopId, long runId) {
        return jdbc.sql("""
                SELECT id FROM shop_sync WHERE shop_id = ? AND run_id = ? AND outcome <> 'RUNNING' ORDER BY id LIMIT 1""")
            .params(shopId, runId).query(Long.class).list().stream().findFirst();
    }

    /** A message for a sync already done was delivered again and acknowledged: counted on that sync. */
    public void redelivered(long syncId) {
        jdbc.sql("UPDATE shop_sync SET redeliveries = redeliveries + 1 WHERE id = ?").param(syncId).update();
    }

    /**
     * The shop's syncs left RUNNING by a node that has left the cluster (its lease is being taken over, so
     * no other sync of the shop can be going): closed as interrupted; that node's transaction died with it.
     */
    public int closeInterrupted(long shopId, String node) {
        return jdbc.sql("""
                UPDATE shop_sync SET outcome = 'FAILED', error_class = 'INTERRUPTED', finished_at = ?,
                    error_detail = ?
                WHERE shop_id = ? AND outcome = 'RUNNING'""")
            .params(OffsetDateTime.now(ZoneOffset.UTC), "the node syncing it (" + node
                + ") left the cluster during this sync; nothing it read was kept", shopId)
            .update();
    }

    public void finish(ShopOutcome o) {
        finish(o, null);
    }

    /** {@code skippedDetail}: which products the shop could not render, and why (null when none). */
    public void finish(ShopOutcome o, String skippedDetail) {
        jdbc.sql("""
                UPDATE shop_sync SET outcome = ?, error_class = ?, error_detail = ?, finished_at = ?, duration_ms = ?,
                    products_seen = ?, products_new = ?, products_changed = ?, products_unchanged = ?,
                    products_deactivated = ?, variants = ?, requests = ?, bytes = ?, products_skipped = ?,
                    skipped_detail = ?
                WHERE id = ?""")
            .params(o.result().name(), o.errorClass(), truncate(o.errorDetail()), OffsetDateTime.now(ZoneOffset.UTC),
                o.durationMs(), o.productsSeen(), o.productsNew(), o.productsChanged(), o.productsUnchanged(),
                o.productsDeactivated(), o.variants(), o.requests(), o.bytes(), o.productsSkipped(),
                truncate(skippedDetail), o.syncId())
            .update();
    }

    /** Records a shop that a run did not sync (already syncing, paused...). */
    public void skipped(long shopId, Long runId, String trigger, String why) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO shop_sync (run_id, shop_id, trigger_source, outcome, error_detail, started_at, finished_at,
                    duration_ms, node)
                VALUES (?, ?, ?, 'SKIPPED', ?, ?, ?, 0, ?)""")
            .params(runId, shopId, trigger, why, now, now, nodes.self()).update();
    }

    /**
     * Records a shop of a run that failed with no sync of it on record (its message given up by the broker: error
     * class {@code DEAD_LETTER}); nothing was read, the shop kept its catalogue.
     */
    public void failedUnsynced(long shopId, long runId, String trigger, String errorClass, String why) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO shop_sync (run_id, shop_id, trigger_source, outcome, error_class, error_detail, started_at,
                    finished_at, duration_ms, node)
                VALUES (?, ?, ?, 'FAILED', ?, ?, ?, ?, 0, ?)""")
            .params(runId, shopId, trigger, errorClass, truncate(why), now, now, nodes.self()).update();
    }

    /** True while a sync of the shop in that run is RUNNING (on any node). */
    public boolean runningInRun(long shopId, long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM shop_sync WHERE shop_id = ? AND run_id = ? AND outcome = 'RUNNING'")
            .params(shopId, runId).query(Integer.class).single() > 0;
    }

    public List<ShopOutcome> forRun(long runId) {
        return jdbc.sql("SELECT * FROM shop_sync WHERE run_id = ? ORDER BY shop_id").param(runId)
            .query((rs, i) -> new ShopOutcome(rs.getLong("shop_id"), rs.getLong("id"), runId,
                "RUNNING".equals(rs.getString("outcome")) ? ShopOutcome.Result.FAILED
                    : ShopOutcome.Result.valueOf(rs.getString("outcome")),
                rs.getString("error_class"), rs.getString("error_detail"), rs.getInt("products_seen"),
                rs.getInt("products_new"), rs.getInt("products_changed"), rs.getInt("products_unchanged"),
                rs.getInt("products_deactivated"), rs.getInt("variants"), rs.getLong("requests"), rs.getLong("bytes"),
                rs.getLong("duration_ms"), rs.getInt("products_skipped")))
            .list();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}

package market.so.sync.run;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code shop_sync} table: one row per shop sync, the per-shop part of a run. */
@Repository
public class ShopSyncRepository {

    private final JdbcClient jdbc;

    public ShopSyncRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long start(long shopId, Long runId, String trigger) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO shop_sync (run_id, shop_id, trigger_source, outcome, started_at) VALUES (?, ?, ?, 'RUNNING', ?)")
            .params(runId, shopId, trigger, OffsetDateTime.now(ZoneOffset.UTC))
            .update(keys, "id");
        return keys.getKey().longValue();
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
                INSERT INTO shop_sync (run_id, shop_id, trigger_source, outcome, error_detail, started_at, finished_at, duration_ms)
                VALUES (?, ?, ?, 'SKIPPED', ?, ?, ?, 0)""")
            .params(runId, shopId, trigger, why, now, now).update();
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

package market.so.sync.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shop's recent syncs, as the status page tells them. */
@Repository
public class ShopHistory {

    /** One sync: when, how it ended, what it changed, and the error class and detail when it failed. */
    public record SyncLine(OffsetDateTime startedAt, OffsetDateTime finishedAt, String outcome, String errorClass,
                           String errorDetail, String trigger, int productsSeen, int productsNew, int productsChanged,
                           int productsDeactivated, int productsSkipped) {

        public boolean failed() {
            return "FAILED".equals(outcome);
        }
    }

    private final JdbcClient jdbc;

    public ShopHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last {@code limit} syncs that ran (skipped ones left out), newest first. */
    public List<SyncLine> recent(long shopId, int limit) {
        return jdbc.sql("""
                SELECT * FROM shop_sync WHERE shop_id = ? AND outcome <> 'SKIPPED'
                ORDER BY started_at DESC, id DESC LIMIT ?""")
            .params(shopId, limit)
            .query((rs, i) -> new SyncLine(rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class), rs.getString("outcome"), rs.getString("error_class"),
                rs.getString("error_detail"), rs.getString("trigger_source"), rs.getInt("products_seen"),
                rs.getInt("products_new"), rs.getInt("products_changed"), rs.getInt("products_deactivated"),
                rs.getInt("products_skipped")))
            .list();
    }

    /** Products So.market shows for the shop now (active ones), and those still "À classer". */
    public int activeProducts(long shopId) {
        return jdbc.sql("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active").param(shopId).query(Integer.class).single();
    }

    public int unclassifiedProducts(long shopId) {
        return jdbc.sql("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active AND category_code IS NULL").param(shopId)
            .query(Integer.class).single();
    }
}

package market.so.sync.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code product_text} table: a product's texts in the shop's other active languages, rewritten with the
 * product's content (docs/decisions/0026), in the sync's transaction. Which languages were kept is stored with
 * the shop ({@code text_languages}): when the shop's active languages change, every product is read whole once,
 * so a language just activated is filled in and one deactivated is dropped.
 */
@Repository("productTexts")
public class ProductTexts {

    private final JdbcTemplate jdbc;

    public ProductTexts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Route {@code fetch-catalog}, after the reference data: when the other languages differ from those the last
     * sync kept, the products' stored dates and content hashes are forgotten (and the sweep's remembered pages), so
     * that the sweep reads every product whole and rewrites it with its texts in the languages of now.
     */
    public void followLanguages(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        String kept = jdbc.query("SELECT text_languages FROM shop WHERE id = ?",
            rs -> rs.next() ? rs.getString(1) : null, sync.shopId());
        String now = sync.otherLanguageCodes();
        sync.textsStored(kept != null && !kept.isEmpty() || !now.isEmpty());
        if (now.equals(kept == null ? "" : kept)) {
            return;
        }
        // a shop synced before languages were kept (NULL) with one language only changes nothing
        jdbc.update("UPDATE product SET shop_date_upd = NULL, content_hash = NULL WHERE shop_id = ? "
            + "AND deactivated_at IS NULL", sync.shopId());
        jdbc.update("DELETE FROM sweep_page WHERE shop_id = ?", sync.shopId());
    }

    /** The texts of products just written: those of updated products are replaced, those of new ones inserted. */
    void write(long shopId, List<ProductRow> inserted, List<ProductRow> updated, ShopSyncContext sync) {
        if (!sync.textsStored()) {
            return; // neither now nor at the last sync any other language: nothing stored, nothing to store
        }
        if (!updated.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM product_text WHERE shop_id = ? AND shop_product_id = ?",
                updated.stream().map(p -> new Object[] {shopId, p.shopProductId()}).toList());
        }
        List<Object[]> rows = new ArrayList<>();
        for (List<ProductRow> products : List.of(inserted, updated)) {
            for (ProductRow product : products) {
                for (ProductText text : product.texts()) {
                    rows.add(new Object[] {shopId, product.shopProductId(), text.languageIso(), text.name(),
                        text.description(), text.linkRewrite()});
                }
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                INSERT INTO product_text (shop_id, shop_product_id, language_iso, name, description, link_rewrite)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);
        }
    }
}

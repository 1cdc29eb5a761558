package market.so.sync.catalog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * After a successful sync, records on the shop how its catalogue was read - prices computed by the
 * shop or by us, which picture address form and size (kept from an earlier sync when this one wrote
 * no product and so did not check them) - and appends what the merchant and ops should
 * know to the shop's status detail ("19 products online; prices computed by So.market ...").
 */
@Component("catalogNotes")
public class CatalogNotes {

    private final JdbcTemplate jdbc;

    public CatalogNotes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void publish(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        String note = sync.notes().isEmpty() ? null : truncate(String.join("; ", sync.notes()), 1000);
        jdbc.update("""
            UPDATE shop SET price_source = ?, image_url_form = COALESCE(?, image_url_form),
                image_type = COALESCE(?, image_type), catalog_note = ?,
                status_detail = CASE WHEN CAST(? AS VARCHAR(1000)) IS NULL THEN status_detail
                    ELSE SUBSTRING(CONCAT(status_detail, '; ', CAST(? AS VARCHAR(1000))), 1, 2000) END,
                updated_at = ?
            WHERE id = ?""",
            sync.pricesComputedByUs() ? "COMPUTED" : "SHOP", sync.imageForm() == null ? null : sync.imageForm().name(),
            sync.imageType(), note, note, note, OffsetDateTime.now(ZoneOffset.UTC), sync.shopId());
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

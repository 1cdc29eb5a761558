package market.so.sync.catalog.sweep;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The prices stored for the combinations of a range of products: what the shop computed last time,
 * reused for the products whose price inputs did not change (docs/decisions/0025).
 */
@Repository
class StoredVariantPrices {

    /** A combination's stored prices, tax included. */
    record Stored(String finalPrice, String regularPrice) {
    }

    private final JdbcTemplate jdbc;

    StoredVariantPrices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, Stored> of(long shopId, long minProductId, long maxProductId) {
        Map<Long, Stored> prices = new HashMap<>();
        jdbc.query("""
            SELECT shop_variant_id, price, regular_price FROM product_variant
            WHERE shop_id = ? AND shop_product_id BETWEEN ? AND ?""", (RowCallbackHandler) rs -> {
            BigDecimal price = rs.getBigDecimal(2);
            BigDecimal regular = rs.getBigDecimal(3);
            if (price != null) {
                prices.put(rs.getLong(1), new Stored(price.toPlainString(), regular == null ? null : regular.toPlainString()));
            }
        }, shopId, minProductId, maxProductId);
        return prices;
    }

    /** True when the shop has products stored from an earlier sync (then not every price is asked). */
    boolean anyStored(long shopId) {
        return Boolean.TRUE.equals(jdbc.query(
            "SELECT 1 FROM product WHERE shop_id = ? AND deactivated_at IS NULL AND sweep_row IS NOT NULL FETCH FIRST 1 ROWS ONLY",
            (org.springframework.jdbc.core.ResultSetExtractor<Boolean>) rs -> rs.next(), shopId));
    }
}

package market.so.sync.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes product pages: a row is inserted when new, updated when its content hash changed, left
 * alone otherwise (an unchanged re-sync writes nothing). Portable SQL (UPDATE or INSERT in batches)
 * that runs the same on H2 and PostgreSQL. Called inside the sync's transaction, so a failed sync
 * leaves the previous catalogue as it was. The variants of a written product are rewritten with it
 * (they are part of its content hash).
 */
@Component("productStore")
public class ProductStore {

    private static final String INSERT = """
        INSERT INTO product (shop_id, shop_product_id, name, description, reference, ean13, price, regular_price,
            discount_percent, currency, quantity, available, active, listed_by_shop, deactivated_at, image_urls,
            product_url, link_rewrite, default_category_id, shop_category_ids, shop_date_upd, category_code,
            variant_count, price_min, price_max, content_hash, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
        UPDATE product SET name = ?, description = ?, reference = ?, ean13 = ?, price = ?, regular_price = ?,
            discount_percent = ?, currency = ?, quantity = ?, available = ?, active = ?, listed_by_shop = ?,
            deactivated_at = NULL, image_urls = ?, product_url = ?, link_rewrite = ?, default_category_id = ?,
            shop_category_ids = ?, shop_date_upd = ?, category_code = ?, variant_count = ?, price_min = ?,
            price_max = ?, content_hash = ?, updated_at = ?
        WHERE shop_id = ? AND shop_product_id = ?""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final VariantStore variants;

    public ProductStore(JdbcTemplate jdbc, ObjectMapper json, VariantStore variants) {
        this.jdbc = jdbc;
        this.json = json;
        this.variants = variants;
    }

    private record Stored(String hash, boolean active) {
    }

    public void upsertPage(List<ProductRow> rows, @ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        if (rows.isEmpty()) {
            return;
        }
        long min = rows.stream().mapToLong(ProductRow::shopProductId).min().orElseThrow();
        long max = rows.stream().mapToLong(ProductRow::shopProductId).max().orElseThrow();
        Map<Long, Stored> stored = new HashMap<>();
        jdbc.query("SELECT shop_product_id, content_hash, active FROM product WHERE shop_id = ? AND shop_product_id BETWEEN ? AND ?",
            rs -> {
                stored.put(rs.getLong(1), new Stored(rs.getString(2), rs.getBoolean(3)));
            }, sync.shopId(), min, max);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<ProductRow> written = new ArrayList<>();
        int unchanged = 0;
        for (ProductRow row : rows) {
            sync.seen(row.shopProductId());
            String hash = row.contentHash();
            Stored before = stored.get(row.shopProductId());
            boolean active = row.listedByShop();
            if (before == null) {
                inserts.add(insertArgs(row, sync.shopId(), hash, active, now));
                written.add(row);
            } else if (!hash.equals(before.hash()) || before.active() != active) {
                updates.add(updateArgs(row, sync.shopId(), hash, active, now));
                written.add(row);
            } else {
                unchanged++;
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE, updates);
        }
        variants.replace(sync.shopId(), written, now);
        sync.counted(inserts.size(), updates.size(), unchanged);
    }

    /** After a complete pass only: products the shop no longer lists are hidden, never deleted. */
    public void deactivateMissing(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        List<Long> missing = new ArrayList<>();
        jdbc.query("SELECT shop_product_id FROM product WHERE shop_id = ? AND deactivated_at IS NULL",
            rs -> {
                long id = rs.getLong(1);
                if (!sync.wasSeen(id)) {
                    missing.add(id);
                }
            }, sync.shopId());
        if (missing.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> args = new ArrayList<>(missing.size());
        for (Long id : missing) {
            args.add(new Object[] {now, now, sync.shopId(), id});
        }
        jdbc.batchUpdate("UPDATE product SET active = FALSE, deactivated_at = ?, content_hash = NULL, updated_at = ? "
            + "WHERE shop_id = ? AND shop_product_id = ?", args);
        sync.deactivated(missing.size());
    }

    public int countListed(long shopId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active = TRUE",
            Integer.class, shopId);
        return count == null ? 0 : count;
    }

    private Object[] insertArgs(ProductRow r, long shopId, String hash, boolean active, OffsetDateTime now) {
        return new Object[] {shopId, r.shopProductId(), r.name(), r.description(), r.reference(), r.ean13(), r.price(),
            r.regularPrice(), r.discountPercent(), r.currency(), r.quantity(), r.available(), active, r.listedByShop(),
            toJson(r.imageUrls()), r.productUrl(), r.linkRewrite(), r.defaultCategoryId(), toJson(r.shopCategoryIds()),
            r.shopDateUpd(), r.categoryCode(), r.variantCount(), r.priceMin(), r.priceMax(), hash, now, now};
    }

    private Object[] updateArgs(ProductRow r, long shopId, String hash, boolean active, OffsetDateTime now) {
        return new Object[] {r.name(), r.description(), r.reference(), r.ean13(), r.price(), r.regularPrice(),
            r.discountPercent(), r.currency(), r.quantity(), r.available(), active, r.listedByShop(),
            toJson(r.imageUrls()), r.productUrl(), r.linkRewrite(), r.defaultCategoryId(), toJson(r.shopCategoryIds()),
            r.shopDateUpd(), r.categoryCode(), r.variantCount(), r.priceMin(), r.priceMax(), hash, now, shopId,
            r.shopProductId()};
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

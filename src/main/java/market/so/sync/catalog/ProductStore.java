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
 * (they are part of its content hash), and its texts in other languages (ProductTexts).
 */
@Component("productStore")
public class ProductStore {

    private static final String INSERT = """
        INSERT INTO product (shop_id, shop_product_id, name, description, reference, ean13, price, regular_price,
            discount_percent, currency, quantity, available, active, listed_by_shop, deactivated_at, image_urls,
            product_url, link_rewrite, default_category_id, shop_category_ids, shop_date_upd, category_code,
            variant_count, price_min, price_max, content_hash, state_hash, sweep_row, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
        UPDATE product SET name = ?, description = ?, reference = ?, ean13 = ?, price = ?, regular_price = ?,
            discount_percent = ?, currency = ?, quantity = ?, available = ?, active = ?, listed_by_shop = ?,
            deactivated_at = NULL, image_urls = ?, product_url = ?, link_rewrite = ?, default_category_id = ?,
            shop_category_ids = ?, shop_date_upd = ?, category_code = ?, variant_count = ?, price_min = ?,
            price_max = ?, content_hash = ?, state_hash = ?, sweep_row = ?, updated_at = ?
        WHERE shop_id = ? AND shop_product_id = ?""";
    /** Only the part that moves without {@code date_upd}: prices, stock, listing, variants. */
    private static final String UPDATE_STATE = """
        UPDATE product SET price = ?, regular_price = ?, discount_percent = ?, quantity = ?, available = ?, active = ?,
            listed_by_shop = ?, variant_count = ?, price_min = ?, price_max = ?, state_hash = ?, sweep_row = ?,
            updated_at = ?
        WHERE shop_id = ? AND shop_product_id = ?""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final VariantStore variants;
    private final ProductTexts texts;

    public ProductStore(JdbcTemplate jdbc, ObjectMapper json, VariantStore variants, ProductTexts texts) {
        this.jdbc = jdbc;
        this.json = json;
        this.variants = variants;
        this.texts = texts;
    }

    /** The stored rows of a range of the shop's product ids, by id. */
    public Map<Long, StoredProduct> stored(long shopId, long minId, long maxId) {
        Map<Long, StoredProduct> stored = new HashMap<>();
        jdbc.query("""
                SELECT shop_product_id, shop_date_upd, content_hash, state_hash, sweep_row, deactivated_at IS NULL
                FROM product WHERE shop_id = ? AND shop_product_id BETWEEN ? AND ?""",
            rs -> {
                stored.put(rs.getLong(1), new StoredProduct(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getBoolean(6)));
            }, shopId, minId, maxId);
        return stored;
    }

    /**
     * Products read whole: inserted when new, updated when their content or state changed (or when
     * they come back after a deactivation), left alone otherwise. Variants are rewritten with the state.
     */
    public void upsertPage(List<ProductRow> rows, @ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        if (rows.isEmpty()) {
            return;
        }
        long min = rows.stream().mapToLong(ProductRow::shopProductId).min().orElseThrow();
        long max = rows.stream().mapToLong(ProductRow::shopProductId).max().orElseThrow();
        upsertPage(rows, stored(sync.shopId(), min, max), sync);
    }

    /** The same, with the stored rows of these products already known (by the sweep that chose them). */
    public void upsertPage(List<ProductRow> rows, Map<Long, StoredProduct> stored, ShopSyncContext sync) {
        if (rows.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<ProductRow> newVariants = new ArrayList<>();
        List<ProductRow> variantsToWrite = new ArrayList<>();
        List<ProductRow> updated = new ArrayList<>();
        int unchanged = 0;
        for (ProductRow row : rows) {
            sync.seen(row.shopProductId());
            String hash = row.contentHash();
            ProductState state = row.state(); // once per row: its hash and price range read the same copy
            String stateHash = state.hash();
            String snapshot = sync.sweptSnapshot(row.shopProductId());
            StoredProduct before = stored.get(row.shopProductId());
            if (before == null) {
                inserts.add(insertArgs(row, state, sync.shopId(), hash, stateHash, snapshot, now));
                newVariants.add(row);
            } else if (!hash.equals(before.contentHash()) || !stateHash.equals(before.stateHash()) || !before.current()
                || !java.util.Objects.equals(snapshot, before.sweepRow())) {
                updates.add(updateArgs(row, state, sync.shopId(), hash, stateHash, snapshot, now));
                updated.add(row);
                if (!stateHash.equals(before.stateHash())) {
                    variantsToWrite.add(row);
                }
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
        variants.insert(sync.shopId(), newVariants, now);
        variants.replace(sync.shopId(), variantsToWrite, now);
        texts.write(sync.shopId(), newVariants, updated, sync);
        sync.counted(inserts.size(), updates.size(), unchanged);
    }

    /** A product the shop did not change, with its state of this sync and its light row. */
    public record SweptState(long shopProductId, ProductState state, String snapshot) {
    }

    /**
     * Products whose {@code date_upd} did not move: only their state (prices, stock, listing, variants)
     * is written, and only when it changed. Returns how many were written.
     */
    public int updateStates(List<SweptState> changed, ShopSyncContext sync) {
        if (changed.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> args = new ArrayList<>(changed.size());
        List<ProductRow> withVariants = new ArrayList<>(changed.size());
        for (SweptState swept : changed) {
            ProductState s = swept.state();
            args.add(new Object[] {s.price(), s.regularPrice(), s.discountPercent(), s.quantity(), s.available(),
                s.listed(), s.listed(), s.variants().size(), s.priceMin(), s.priceMax(), s.hash(), swept.snapshot(), now,
                sync.shopId(), swept.shopProductId()});
            withVariants.add(new ProductRow(swept.shopProductId(), "", null, null, null, null, null, null, null, null,
                false, false, List.of(), null, null, null, List.of(), null, null, s.variants()));
        }
        jdbc.batchUpdate(UPDATE_STATE, args);
        variants.replace(sync.shopId(), withVariants, now);
        return changed.size();
    }

    /** Light rows that changed in a way nobody sees (more decimals of a price): kept for the next 304. */
    public void updateSnapshots(List<SweptState> snapshots, ShopSyncContext sync) {
        if (snapshots.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE product SET sweep_row = ? WHERE shop_id = ? AND shop_product_id = ?",
            snapshots.stream().map(s -> new Object[] {s.snapshot(), sync.shopId(), s.shopProductId()}).toList());
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
        jdbc.batchUpdate("UPDATE product SET active = FALSE, deactivated_at = ?, content_hash = NULL, state_hash = NULL, "
            + "sweep_row = NULL, updated_at = ? "
            + "WHERE shop_id = ? AND shop_product_id = ?", args);
        sync.deactivated(missing.size());
    }

    public int countListed(long shopId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active = TRUE",
            Integer.class, shopId);
        return count == null ? 0 : count;
    }

    private Object[] insertArgs(ProductRow r, ProductState state, long shopId, String hash, String stateHash, String snapshot,
                                OffsetDateTime now) {
        return new Object[] {shopId, r.shopProductId(), r.name(), r.description(), r.reference(), r.ean13(), r.price(),
            r.regularPrice(), r.discountPercent(), r.currency(), r.quantity(), r.available(), r.listedByShop(),
            r.listedByShop(), toJson(r.imageUrls()), r.productUrl(), r.linkRewrite(), r.defaultCategoryId(),
            toJson(r.shopCategoryIds()), r.shopDateUpd(), r.categoryCode(), r.variantCount(), state.priceMin(), state.priceMax(),
            hash, stateHash, snapshot, now, now};
    }

    private Object[] updateArgs(ProductRow r, ProductState state, long shopId, String hash, String stateHash, String snapshot,
                                OffsetDateTime now) {
        return new Object[] {r.name(), r.description(), r.reference(), r.ean13(), r.price(), r.regularPrice(),
            r.discountPercent(), r.currency(), r.quantity(), r.available(), r.listedByShop(), r.listedByShop(),
            toJson(r.imageUrls()), r.productUrl(), r.linkRewrite(), r.defaultCategoryId(), toJson(r.shopCategoryIds()),
            r.shopDateUpd(), r.categoryCode(), r.variantCount(), state.priceMin(), state.priceMax(), hash, stateHash, snapshot,
            now, shopId, r.shopProductId()};
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

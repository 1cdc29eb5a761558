package market.so.sync.catalog;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import market.so.sync.catalog.category.Taxonomy;
import market.so.sync.catalog.category.TaxonomyEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored products for the API, in the contract's shape (architecture.md): a product whose
 * categories are not mapped yet shows the category "à classer"; its variants come with it.
 *
 * <p>The So.market site reads these pages all day, during runs too, so a page costs one statement
 * (docs/decisions/0016): the shop's existence, the total, the page of products and their variants in
 * one round trip and one pooled connection, on indexes that give the rows in the page's order. The picture
 * and category lists are stored as JSON text by {@link ProductStore} and written into the answer as they
 * are ({@link JsonRawValue}), never parsed back into lists for each product.
 */
@Component
public class ProductQueries {

    private static final String PRODUCT_COLUMNS = """
        shop_id, shop_product_id, name, description, reference, ean13, price, regular_price, discount_percent,
        currency, quantity, available, active, image_urls, product_url, category_code, shop_category_ids,
        variant_count, price_min, price_max, deactivated_at, updated_at""";

    // The shop row says whether the shop exists (no row: 404) even when the page is empty (then the
    // product and variant columns are null). The page is read from the (shop_id, shop_product_id) index
    // in its order, offset + size index entries and no sort: H2 only picks that index over the foreign
    // key's (shop_id) one when the query has a condition on both columns and an ORDER BY on both, hence
    // "shop_product_id >= :anyId" (Long.MIN_VALUE: it excludes nothing) and "ORDER BY shop_id, ...".
    // Without them H2 read and sorted every product of the shop for each page (4 ms instead of 0.2 ms
    // for a 1,000-product shop, ADR 0016). Each product's variants come from product_variant_listing.
    private static final String PAGE = """
        SELECT t.total, p.*, v.shop_variant_id AS v_id, v.attributes AS v_attributes, v.reference AS v_reference,
               v.ean13 AS v_ean13, v.quantity AS v_quantity, v.available AS v_available, v.price AS v_price,
               v.regular_price AS v_regular_price, v.is_default AS v_is_default
        FROM shop s
        CROSS JOIN (SELECT COUNT(*) AS total FROM product WHERE shop_id = :shop) t
        LEFT JOIN (SELECT %s FROM product WHERE shop_id = :shop AND shop_product_id >= :anyId
                   ORDER BY shop_id, shop_product_id LIMIT :size OFFSET :offset) p
               ON p.shop_id = s.id
        LEFT JOIN product_variant v ON v.shop_id = p.shop_id AND v.shop_product_id = p.shop_product_id
        WHERE s.id = :shop
        ORDER BY p.shop_product_id, v.position, v.shop_variant_id""".formatted(PRODUCT_COLUMNS);

    private final JdbcClient jdbc;
    private final Taxonomy taxonomy;

    public ProductQueries(JdbcClient jdbc, Taxonomy taxonomy) {
        this.jdbc = jdbc;
        this.taxonomy = taxonomy;
    }

    public record Page(List<ProductView> items, int page, int size, long total) {
    }

    public record Category(String code, String label) {
    }

    public record Variant(long shopVariantId, String attributes, String reference, String ean13, Integer quantity,
                          boolean available, BigDecimal price, BigDecimal regularPrice, boolean isDefault) {
    }

    /** {@code imageUrls} and {@code shopCategoryIds} are JSON arrays, as stored, written out unchanged. */
    public record ProductView(long shopProductId, String name, String description, String reference, String ean13,
                              BigDecimal price, BigDecimal regularPrice, Integer discountPercent, String currency,
                              Integer quantity, boolean available, boolean active, @JsonRawValue String imageUrls,
                              String productUrl, Category category, @JsonRawValue String shopCategoryIds,
                              List<Variant> variants, int variantCount, BigDecimal priceMin, BigDecimal priceMax,
                              OffsetDateTime deactivatedAt, OffsetDateTime updatedAt) {
    }

    /** The page, or empty when there is no such shop. */
    public Optional<Page> page(long shopId, int page, int size) {
        Reader reader = new Reader();
        jdbc.sql(PAGE).param("shop", shopId).param("anyId", Long.MIN_VALUE).param("size", size).param("offset", (long) page * size)
            .query(reader::row);
        return reader.total < 0 ? Optional.empty() : Optional.of(new Page(reader.items, page, size, reader.total));
    }

    /** Folds the joined rows (one per variant, or one for a product without any) into products. */
    private final class Reader {
        final List<ProductView> items = new ArrayList<>();
        long total = -1;
        List<Variant> variants;

        void row(ResultSet rs) throws SQLException {
            total = rs.getLong("total");
            long productId = rs.getLong("shop_product_id");
            if (rs.wasNull()) {
                return; // the page is past the last product
            }
            if (items.isEmpty() || items.get(items.size() - 1).shopProductId() != productId) {
                variants = new ArrayList<>();
                items.add(product(rs, productId, variants));
            }
            long variantId = rs.getLong("v_id");
            if (!rs.wasNull()) {
                variants.add(new Variant(variantId, rs.getString("v_attributes"), rs.getString("v_reference"),
                    rs.getString("v_ean13"), rs.getObject("v_quantity", Integer.class), rs.getBoolean("v_available"),
                    rs.getBigDecimal("v_price"), rs.getBigDecimal("v_regular_price"), rs.getBoolean("v_is_default")));
            }
        }
    }

    private ProductView product(ResultSet rs, long productId, List<Variant> variants) throws SQLException {
        TaxonomyEntry category = taxonomy.displayed(rs.getString("category_code"));
        return new ProductView(productId, rs.getString("name"), rs.getString("description"),
            rs.getString("reference"), rs.getString("ean13"), rs.getBigDecimal("price"), rs.getBigDecimal("regular_price"),
            rs.getObject("discount_percent", Integer.class), rs.getString("currency"),
            rs.getObject("quantity", Integer.class), rs.getBoolean("available"), rs.getBoolean("active"),
            jsonArray(rs.getString("image_urls")), rs.getString("product_url"),
            new Category(category.code(), category.label()), jsonArray(rs.getString("shop_category_ids")), variants,
            rs.getInt("variant_count"), rs.getBigDecimal("price_min"), rs.getBigDecimal("price_max"),
            rs.getObject("deactivated_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    /**
     * A stored list as it goes into the answer. ProductStore writes these columns with Jackson from a list,
     * so they are JSON arrays; anything else (null, a column edited by hand) is answered as an empty list
     * rather than break the page's JSON.
     */
    static String jsonArray(String stored) {
        if (stored == null) {
            return "[]";
        }
        String text = stored.strip();
        return text.startsWith("[") && text.endsWith("]") ? text : "[]";
    }
}

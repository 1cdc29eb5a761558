package market.so.sync.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.category.Taxonomy;
import market.so.sync.catalog.category.TaxonomyEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored products for the API, in the contract's shape (architecture.md): a product whose
 * categories are not mapped yet shows the category "à classer"; its variants come with it.
 */
@Component
public class ProductQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Taxonomy taxonomy;

    public ProductQueries(JdbcClient jdbc, ObjectMapper json, Taxonomy taxonomy) {
        this.jdbc = jdbc;
        this.json = json;
        this.taxonomy = taxonomy;
    }

    public record Page(List<ProductView> items, int page, int size, long total) {
    }

    public record Category(String code, String label) {
    }

    public record Variant(long shopVariantId, String attributes, String reference, String ean13, Integer quantity,
                          boolean available, BigDecimal price, BigDecimal regularPrice, boolean isDefault) {
    }

    public record ProductView(long shopProductId, String name, String description, String reference, String ean13,
                              BigDecimal price, BigDecimal regularPrice, Integer discountPercent, String currency,
                              Integer quantity, boolean available, boolean active, List<String> imageUrls,
                              String productUrl, Category category, List<Long> shopCategoryIds,
                              List<Variant> variants, int variantCount, BigDecimal priceMin, BigDecimal priceMax,
                              OffsetDateTime deactivatedAt, OffsetDateTime updatedAt) {
    }

    public Page page(long shopId, int page, int size) {
        long total = jdbc.sql("SELECT COUNT(*) FROM product WHERE shop_id = ?").param(shopId).query(Long.class).single();
        List<ProductView> items = jdbc.sql("SELECT * FROM product WHERE shop_id = ? ORDER BY shop_product_id LIMIT ? OFFSET ?")
            .params(shopId, size, (long) page * size)
            .query(this::map).list();
        return new Page(withVariants(shopId, items), page, size, total);
    }

    private List<ProductView> withVariants(long shopId, List<ProductView> items) {
        if (items.isEmpty()) {
            return items;
        }
        long first = items.get(0).shopProductId();
        long last = items.get(items.size() - 1).shopProductId();
        Map<Long, List<Variant>> byProduct = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM product_variant WHERE shop_id = ? AND shop_product_id BETWEEN ? AND ?
                ORDER BY shop_product_id, position, shop_variant_id""")
            .params(shopId, first, last)
            .query(rs -> {
                byProduct.computeIfAbsent(rs.getLong("shop_product_id"), id -> new ArrayList<>()).add(new Variant(
                    rs.getLong("shop_variant_id"), rs.getString("attributes"), rs.getString("reference"),
                    rs.getString("ean13"), rs.getObject("quantity", Integer.class), rs.getBoolean("available"),
                    rs.getBigDecimal("price"), rs.getBigDecimal("regular_price"), rs.getBoolean("is_default")));
            });
        List<ProductView> result = new ArrayList<>(items.size());
        for (ProductView p : items) {
            result.add(new ProductView(p.shopProductId(), p.name(), p.description(), p.reference(), p.ean13(), p.price(),
                p.regularPrice(), p.discountPercent(), p.currency(), p.quantity(), p.available(), p.active(),
                p.imageUrls(), p.productUrl(), p.category(), p.shopCategoryIds(),
                byProduct.getOrDefault(p.shopProductId(), List.of()), p.variantCount(), p.priceMin(), p.priceMax(),
                p.deactivatedAt(), p.updatedAt()));
        }
        return result;
    }

    private ProductView map(ResultSet rs, int row) throws SQLException {
        TaxonomyEntry category = taxonomy.displayed(rs.getString("category_code"));
        return new ProductView(rs.getLong("shop_product_id"), rs.getString("name"), rs.getString("description"),
            rs.getString("reference"), rs.getString("ean13"), rs.getBigDecimal("price"), rs.getBigDecimal("regular_price"),
            rs.getObject("discount_percent", Integer.class), rs.getString("currency"),
            rs.getObject("quantity", Integer.class), rs.getBoolean("available"), rs.getBoolean("active"),
            list(rs.getString("image_urls"), new TypeReference<List<String>>() { }), rs.getString("product_url"),
            new Category(category.code(), category.label()),
            list(rs.getString("shop_category_ids"), new TypeReference<List<Long>>() { }), List.of(),
            rs.getInt("variant_count"), rs.getBigDecimal("price_min"), rs.getBigDecimal("price_max"),
            rs.getObject("deactivated_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    private <T> List<T> list(String text, TypeReference<List<T>> type) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, type);
        } catch (Exception e) {
            return List.of();
        }
    }
}

package market.so.sync.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads stored products for the API, in the contract's shape. */
@Component
public class ProductQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ProductQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Page(List<ProductView> items, int page, int size, long total) {
    }

    public record ProductView(long shopProductId, String name, String description, String reference, String ean13,
                              BigDecimal price, BigDecimal regularPrice, Integer discountPercent, String currency,
                              Integer quantity, boolean available, boolean active, List<String> imageUrls,
                              String productUrl, Map<String, String> category, List<Long> shopCategoryIds,
                              List<Object> variants, OffsetDateTime deactivatedAt, OffsetDateTime updatedAt) {
    }

    public Page page(long shopId, int page, int size) {
        long total = jdbc.sql("SELECT COUNT(*) FROM product WHERE shop_id = ?").param(shopId).query(Long.class).single();
        List<ProductView> items = jdbc.sql("SELECT * FROM product WHERE shop_id = ? ORDER BY shop_product_id LIMIT ? OFFSET ?")
            .params(shopId, size, (long) page * size)
            .query(this::map).list();
        return new Page(items, page, size, total);
    }

    private ProductView map(ResultSet rs, int row) throws SQLException {
        String code = rs.getString("category_code");
        return new ProductView(rs.getLong("shop_product_id"), rs.getString("name"), rs.getString("description"),
            rs.getString("reference"), rs.getString("ean13"), rs.getBigDecimal("price"), rs.getBigDecimal("regular_price"),
            (Integer) rs.getObject("discount_percent", Integer.class), rs.getString("currency"),
            (Integer) rs.getObject("quantity", Integer.class), rs.getBoolean("available"), rs.getBoolean("active"),
            list(rs.getString("image_urls"), new TypeReference<List<String>>() { }), rs.getString("product_url"),
            code == null ? null : Map.of("code", code),
            list(rs.getString("shop_category_ids"), new TypeReference<List<Long>>() { }), List.of(),
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

package market.so.sync.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code product_variant} table: a product's variants are replaced whenever the product is
 * written (new or changed), so a combination deleted in the shop disappears with the next sync. A new
 * product has none stored: its variants are only inserted.
 */
@Repository
public class VariantStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public VariantStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The variants of products already stored: theirs are replaced. */
    public void replace(long shopId, List<ProductRow> products, OffsetDateTime now) {
        if (products.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("DELETE FROM product_variant WHERE shop_id = ? AND shop_product_id = ?",
            products.stream().map(p -> new Object[] {shopId, p.shopProductId()}).toList());
        insert(shopId, products, now);
    }

    /** The variants of products just inserted, which have none stored yet. */
    public void insert(long shopId, List<ProductRow> products, OffsetDateTime now) {
        List<Object[]> inserts = new ArrayList<>();
        for (ProductRow product : products) {
            for (VariantRow v : product.variants()) {
                inserts.add(new Object[] {shopId, v.shopVariantId(), product.shopProductId(), v.attributes(), v.reference(),
                    v.ean13(), v.quantity(), v.price(), v.regularPrice(), v.isDefault(), v.available(), v.position(), now,
                    labels(v.labels())});
            }
        }
        if (!inserts.isEmpty()) {
            // a combination moved from one product to another in the shop keeps its id: clear it first
            jdbc.batchUpdate("DELETE FROM product_variant WHERE shop_id = ? AND shop_variant_id = ?",
                inserts.stream().map(a -> new Object[] {a[0], a[1]}).toList());
            jdbc.batchUpdate("""
                INSERT INTO product_variant (shop_id, shop_variant_id, shop_product_id, attributes, reference, ean13,
                    quantity, price, regular_price, is_default, available, position, updated_at, labels)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        }
    }

    /** The labels in other languages as a JSON object (iso code to label), null when there is none. */
    private String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

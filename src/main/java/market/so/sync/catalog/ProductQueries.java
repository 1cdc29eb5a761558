package market.so.sync.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import market.so.sync.catalog.category.Taxonomy;
import market.so.sync.catalog.category.TaxonomyEntry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored products for the API, in the contract's shape (architecture.md): a product whose
 * categories are not mapped yet shows the category "à classer"; its variants come with it.
 *
 * <p>The So.market site reads these pages all day, during runs too, so a page costs one statement
 * (docs/decisions/0016), read only when the page is not cached yet for the shop's catalogue version
 * ({@link ListingCache}, docs/decisions/0023): the shop's existence, the total, the page of products and
 * their variants in one round trip and one pooled connection, on indexes that give the rows in the page's order. The picture
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
    // product and variant columns are null), and gives the total: the product count kept with the catalogue
    // version (CatalogVersions), read in the same snapshot as the page, never a COUNT(*) per page. The page is
    // read from the (shop_id, shop_product_id) index in its order, offset + size + 1 index entries and no
    // sort: H2 only picks that index over the foreign key's (shop_id) one when the query has a condition on
    // both columns and an ORDER BY on both, hence "shop_product_id >= :from" (Long.MIN_VALUE for a page
    // number: it excludes nothing; the cursor + 1 for keyset paging, with no offset) and "ORDER BY shop_id,
    // ...". Without them H2 read and sorted every product of the shop for each page (ADR 0016). One product
    // more than the page is read to tell whether there is a next page. Variants from product_variant_listing.
    private static final String PAGE = """
        SELECT s.catalog_products AS total, s.language_iso AS s_language, %s p.*, v.shop_variant_id AS v_id,
               v.attributes AS v_attributes, v.labels AS v_labels,
               v.reference AS v_reference, v.ean13 AS v_ean13, v.quantity AS v_quantity, v.available AS v_available,
               v.price AS v_price, v.regular_price AS v_regular_price, v.is_default AS v_is_default
        FROM shop s
        LEFT JOIN (SELECT %s FROM product WHERE shop_id = :shop AND shop_product_id >= :from
                   ORDER BY shop_id, shop_product_id LIMIT :limit OFFSET :offset) p
               ON p.shop_id = s.id
        %s
        LEFT JOIN product_variant v ON v.shop_id = p.shop_id AND v.shop_product_id = p.shop_product_id
        WHERE s.id = :shop
        ORDER BY p.shop_product_id, v.position, v.shop_variant_id""";
    private static final String DEFAULT_PAGE = PAGE.formatted("", PRODUCT_COLUMNS, "");
    /** A page in another language: the product's texts in it (product_text), one row or none per product. */
    private static final String LANGUAGE_PAGE = PAGE.formatted("t.name AS t_name, t.description AS t_description,",
        PRODUCT_COLUMNS, """
        LEFT JOIN product_text t ON t.shop_id = p.shop_id AND t.shop_product_id = p.shop_product_id
               AND t.language_iso = :language""");

    private final JdbcClient jdbc;
    private final Taxonomy taxonomy;
    private final ObjectMapper json;

    /** {@code jdbc}: the listing's own pool ({@link ListingPool}), never waiting behind a run's syncs. */
    public ProductQueries(@Qualifier(ListingPool.LISTING) JdbcClient jdbc, Taxonomy taxonomy, ObjectMapper json) {
        this.jdbc = jdbc;
        this.taxonomy = taxonomy;
        this.json = json;
    }

    /**
     * {@code page} is null for a page asked by cursor ({@code after}); {@code next} is the cursor of the next
     * page (the last item's id), null on the last page.
     */
    public record Page(List<ProductView> items, Integer page, int size, long total, Long next) {
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
                              OffsetDateTime deactivatedAt, OffsetDateTime updatedAt, String language,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> untranslated) {
    }

    /** Page number {@code page} (from 0), or empty when there is no such shop. */
    public Optional<Page> page(long shopId, int page, int size) {
        return page(shopId, page, size, null);
    }

    /** {@code language}: another language of the shop (null: its default), fields it lacks in the default's. */
    public Optional<Page> page(long shopId, int page, int size, String language) {
        return read(shopId, page, Long.MIN_VALUE, (long) page * size, size, language);
    }

    /** The page of the products after {@code afterId} in id order (keyset paging), or empty when there is no such shop. */
    public Optional<Page> after(long shopId, long afterId, int size) {
        return after(shopId, afterId, size, null);
    }

    public Optional<Page> after(long shopId, long afterId, int size, String language) {
        return read(shopId, null, afterId == Long.MAX_VALUE ? afterId : afterId + 1, 0, size, language);
    }

    private Optional<Page> read(long shopId, Integer page, long fromId, long offset, int size, String language) {
        Reader reader = new Reader(size, language);
        var statement = jdbc.sql(language == null ? DEFAULT_PAGE : LANGUAGE_PAGE).param("shop", shopId)
            .param("from", fromId).param("limit", size + 1).param("offset", offset);
        (language == null ? statement : statement.param("language", language)).query(reader::row);
        if (reader.total < 0) {
            return Optional.empty();
        }
        Long next = reader.more ? reader.items.get(reader.items.size() - 1).shopProductId() : null;
        return Optional.of(new Page(reader.items, page, size, reader.total, next));
    }

    /** Folds the joined rows (one per variant, or one for a product without any) into products. */
    private final class Reader {
        final List<ProductView> items = new ArrayList<>();
        final int size;
        long total = -1;
        boolean more;
        List<Variant> variants;
        final String language;
        List<String> untranslated;

        Reader(int size, String language) {
            this.size = size;
            this.language = language;
        }

        void row(ResultSet rs) throws SQLException {
            total = rs.getLong("total");
            long productId = rs.getLong("shop_product_id");
            if (rs.wasNull() || more) {
                return; // the page is past the last product, or this is the product after the page
            }
            if (items.isEmpty() || items.get(items.size() - 1).shopProductId() != productId) {
                if (items.size() == size) {
                    more = true; // read only to know that a next page exists
                    return;
                }
                variants = new ArrayList<>();
                untranslated = new ArrayList<>();
                items.add(product(rs, productId, variants, language, untranslated));
            }
            long variantId = rs.getLong("v_id");
            if (!rs.wasNull()) {
                String label = language == null ? null : label(rs.getString("v_labels"), language);
                variants.add(new Variant(variantId, label != null ? label : rs.getString("v_attributes"), rs.getString("v_reference"),
                    rs.getString("v_ean13"), rs.getObject("v_quantity", Integer.class), rs.getBoolean("v_available"),
                    rs.getBigDecimal("v_price"), rs.getBigDecimal("v_regular_price"), rs.getBoolean("v_is_default")));
            }
        }
    }

    private ProductView product(ResultSet rs, long productId, List<Variant> variants, String language,
                                List<String> untranslated) throws SQLException {
        TaxonomyEntry category = taxonomy.displayed(rs.getString("category_code"));
        String name = language == null ? null : rs.getString("t_name");
        String description = language == null ? null : rs.getString("t_description");
        if (language != null && name == null) {
            untranslated.add("name");
        }
        if (language != null && description == null && rs.getString("description") != null) {
            untranslated.add("description");
        }
        String textLanguage = language != null && name != null ? language : rs.getString("s_language");
        return new ProductView(productId, name != null ? name : rs.getString("name"),
            description != null ? description : rs.getString("description"),
            rs.getString("reference"), rs.getString("ean13"), rs.getBigDecimal("price"), rs.getBigDecimal("regular_price"),
            rs.getObject("discount_percent", Integer.class), rs.getString("currency"),
            rs.getObject("quantity", Integer.class), rs.getBoolean("available"), rs.getBoolean("active"),
            jsonArray(rs.getString("image_urls")), rs.getString("product_url"),
            new Category(category.code(), category.label()), jsonArray(rs.getString("shop_category_ids")), variants,
            rs.getInt("variant_count"), rs.getBigDecimal("price_min"), rs.getBigDecimal("price_max"),
            rs.getObject("deactivated_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
            textLanguage, untranslated);
    }

    /**
     * A variant's label in {@code language} from its stored labels (a JSON object written by VariantStore), or
     * null when it has none there (its label is the default language's: the same, or not translated).
     */
    private String label(String labels, String language) {
        if (labels == null || labels.isBlank()) {
            return null;
        }
        try {
            return json.readTree(labels).path(language).textValue();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
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

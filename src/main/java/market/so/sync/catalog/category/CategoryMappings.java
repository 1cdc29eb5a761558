package market.so.sync.catalog.category;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import market.so.sync.catalog.CatalogVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The merchant's mapping of shop categories to So.market's (guide §3bis, last step): lists the shop's
 * categories with their mapping and a suggestion, and applies a change at once to every stored
 * product of the shop, from the category ids stored with it, without asking the shop again.
 */
@Service
public class CategoryMappings {

    /** One line of {@code PUT /api/shops/{id}/category-mapping}; a null, empty or "a-classer" code unmaps. */
    public record Change(Long shopCategoryId, String code) {
    }

    public record CategoryRef(String code, String label) {
    }

    public record ShopCategoryView(long shopCategoryId, String name, Long parentId, String path, CategoryRef mapped,
                                   Suggestion suggested) {
    }

    /** A mapping request that cannot be applied; nothing of it was. */
    public static class Refused extends RuntimeException {
        private final String error;
        private final String field;
        private final boolean malformed;

        Refused(String error, String message, String field, boolean malformed) {
            super(message);
            this.error = error;
            this.field = field;
            this.malformed = malformed;
        }

        public String error() { return error; }
        public String field() { return field; }
        /** True for a request that is wrong in itself (400), false for one that names unknown things (422). */
        public boolean malformed() { return malformed; }
    }

    private static final TypeReference<List<Long>> IDS = new TypeReference<>() { };

    private final ShopCategoryStore store;
    private final Taxonomy taxonomy;
    private final CategorySuggester suggester;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CatalogVersions versions;

    public CategoryMappings(ShopCategoryStore store, Taxonomy taxonomy, CategorySuggester suggester, JdbcTemplate jdbc,
                            ObjectMapper json, CatalogVersions versions) {
        this.versions = versions;
        this.store = store;
        this.taxonomy = taxonomy;
        this.suggester = suggester;
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<ShopCategoryView> list(long shopId) {
        ShopCategoryTree tree = store.load(shopId);
        Map<Long, Suggestion> suggestions = suggester.suggest(tree);
        List<ShopCategoryView> views = new ArrayList<>();
        for (ShopCategory c : tree.shopperCategories()) {
            ShopCategory parent = tree.parent(c);
            TaxonomyEntry mapped = taxonomy.find(c.mappedCode());
            views.add(new ShopCategoryView(c.id(), c.name(), parent == null || parent.root() ? null : parent.id(), c.path(),
                c.mappedCode() == null ? null : new CategoryRef(c.mappedCode(), mapped == null ? null : mapped.label()),
                suggestions.get(c.id())));
        }
        return views;
    }

    /** Validates every change first, then stores them and re-maps the shop's products; returns how many moved. */
    @Transactional
    public int apply(long shopId, List<Change> changes) {
        ShopCategoryTree tree = store.load(shopId);
        Map<Long, String> codes = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change == null || change.shopCategoryId() == null) {
                throw new Refused("INVALID_SHOP_CATEGORY_ID", "every line needs a shopCategoryId", "shopCategoryId", true);
            }
            ShopCategory category = tree.get(change.shopCategoryId());
            if (category == null) {
                throw new Refused("UNKNOWN_SHOP_CATEGORY", "the shop has no category " + change.shopCategoryId()
                    + " (as of its last sync)", "shopCategoryId", false);
            }
            if (category.root()) {
                throw new Refused("NOT_A_SHOPPER_CATEGORY", "category " + change.shopCategoryId() + " (" + category.name()
                    + ") is PrestaShop's Root or Home category, which holds every product: map its sub-categories",
                    "shopCategoryId", false);
            }
            String code = change.code() == null || change.code().isBlank()
                || Taxonomy.UNCLASSIFIED.code().equals(change.code()) ? null : change.code().trim();
            if (code != null && taxonomy.find(code) == null) {
                throw new Refused("UNKNOWN_CATEGORY", "\"" + code + "\" is not a So.market category (GET /api/categories)",
                    "code", false);
            }
            codes.put(change.shopCategoryId(), code);
        }
        store.setMappings(shopId, codes);
        int moved = remapProducts(shopId, store.load(shopId));
        versions.moved(shopId); // the listing's cached pages of this shop are stale from this commit on
        return moved;
    }

    /** Recomputes every stored product's category from the tree; returns how many changed. */
    public int remapProducts(long shopId, ShopCategoryTree tree) {
        List<Object[]> updates = new ArrayList<>();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        jdbc.query("SELECT shop_product_id, default_category_id, shop_category_ids, category_code FROM product WHERE shop_id = ?",
            rs -> {
                Long defaultId = rs.getObject(2, Long.class);
                String code = tree.codeFor(defaultId, ids(rs.getString(3)));
                if (!Objects.equals(code, rs.getString(4))) {
                    updates.add(new Object[] {code, now, shopId, rs.getLong(1)});
                }
            }, shopId);
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE product SET category_code = ?, updated_at = ? WHERE shop_id = ? AND shop_product_id = ?", updates);
        }
        return updates.size();
    }

    /** Active products per shop category (PrestaShop's associations: a product counts in each of its categories). */
    public Map<Long, Integer> productCounts(long shopId) {
        Map<Long, Integer> counts = new java.util.HashMap<>();
        jdbc.query("SELECT shop_category_ids FROM product WHERE shop_id = ? AND active", rs -> {
            for (Long id : ids(rs.getString(1))) {
                counts.merge(id, 1, Integer::sum);
            }
        }, shopId);
        return counts;
    }

    private List<Long> ids(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, IDS);
        } catch (Exception e) {
            return List.of();
        }
    }
}

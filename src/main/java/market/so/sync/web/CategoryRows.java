package market.so.sync.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.category.CategoryMappings;
import market.so.sync.catalog.category.Suggestion;
import market.so.sync.catalog.category.Taxonomy;
import market.so.sync.catalog.category.TaxonomyEntry;
import org.springframework.stereotype.Component;

/**
 * What the categories page shows: the shop's tree (in path order, indented by depth) with the products of each
 * category, the stored mapping or else the suggestion pre-selected, and So.market's taxonomy grouped under its
 * top-level entries for the select.
 */
@Component
public class CategoryRows {

    /** One shop category on the page; {@code selected} is what the select shows ("" for À classer). */
    public record Row(long id, String name, String path, int depth, int products, String mappedCode, String mappedLabel,
                      Suggestion suggestion, String selected) {

        /** The row with its suggestion's reason in the page's language. */
        Row inLanguage(java.util.Locale locale) {
            return suggestion == null ? this : new Row(id, name, path, depth, products, mappedCode, mappedLabel,
                new Suggestion(suggestion.code(), suggestion.label(), SuggestionReasons.in(locale, suggestion.reason())), selected);
        }

        public boolean suggestionShown() {
            return suggestion != null && mappedCode == null;
        }
    }

    /** A top-level So.market category and the entries under it, for an optgroup. */
    public record Group(TaxonomyEntry top, List<TaxonomyEntry> entries) {
    }

    private final CategoryMappings mappings;
    private final Taxonomy taxonomy;

    public CategoryRows(CategoryMappings mappings, Taxonomy taxonomy) {
        this.mappings = mappings;
        this.taxonomy = taxonomy;
    }

    public List<Row> rows(long shopId) {
        Map<Long, Integer> counts = mappings.productCounts(shopId);
        List<Row> rows = new ArrayList<>();
        for (CategoryMappings.ShopCategoryView c : mappings.list(shopId)) {
            String mapped = c.mapped() == null ? null : c.mapped().code();
            String selected = mapped != null ? mapped : c.suggested() != null ? c.suggested().code() : "";
            int depth = c.path() == null ? 0 : c.path().split(" > ").length - 1;
            rows.add(new Row(c.shopCategoryId(), c.name(), c.path(), depth, counts.getOrDefault(c.shopCategoryId(), 0), mapped,
                c.mapped() == null ? null : c.mapped().label(), c.suggested(), selected));
        }
        return rows;
    }

    public List<Group> taxonomy() {
        List<Group> groups = new ArrayList<>();
        Map<String, List<TaxonomyEntry>> children = new HashMap<>();
        for (TaxonomyEntry e : taxonomy.entries()) {
            if (e.parentCode() == null) {
                List<TaxonomyEntry> entries = new ArrayList<>();
                entries.add(e);
                children.put(e.code(), entries);
                groups.add(new Group(e, entries));
            }
        }
        for (TaxonomyEntry e : taxonomy.entries()) {
            String top = e.code();
            for (String parent = e.parentCode(); parent != null; parent = taxonomy.find(parent).parentCode()) {
                top = parent;
            }
            if (e.parentCode() != null) {
                children.get(top).add(e);
            }
        }
        return groups;
    }
}

package market.so.sync.catalog.category;

import java.util.List;

/** One category of So.market's own tree (config/categories.yaml). */
public record TaxonomyEntry(String code, String label, String parentCode, List<String> keywords) {

    public TaxonomyEntry {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}

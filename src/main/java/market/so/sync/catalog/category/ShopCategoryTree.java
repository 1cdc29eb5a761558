package market.so.sync.catalog.category;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shop's category tree with the merchant's mappings to So.market, and the rule that gives a
 * product its So.market category: the mapping of its default category, else of its other categories
 * (the deepest, most specific first), else the nearest mapped ancestor of the default category, then
 * of the others. Nothing mapped: {@link Taxonomy#UNCLASSIFIED}.
 */
public final class ShopCategoryTree {

    public static final ShopCategoryTree EMPTY = new ShopCategoryTree(List.of());

    private final Map<Long, ShopCategory> byId = new LinkedHashMap<>();

    public ShopCategoryTree(Collection<ShopCategory> categories) {
        categories.forEach(c -> byId.put(c.id(), c));
    }

    /** Computes every path ("Vêtements > Hommes"), Root and Home left out. */
    public static ShopCategoryTree withPaths(Collection<ShopCategory> categories) {
        ShopCategoryTree raw = new ShopCategoryTree(categories);
        List<ShopCategory> withPaths = new ArrayList<>();
        for (ShopCategory c : categories) {
            withPaths.add(c.withPath(raw.pathOf(c.id())));
        }
        return new ShopCategoryTree(withPaths);
    }

    public ShopCategory get(long id) {
        return byId.get(id);
    }

    public Collection<ShopCategory> all() {
        return byId.values();
    }

    /** The categories a merchant maps and a shopper could see: not Root, not Home. */
    public List<ShopCategory> shopperCategories() {
        return byId.values().stream().filter(c -> !c.root())
            .sorted(Comparator.comparing((ShopCategory c) -> c.path() == null ? c.name() : c.path())
                .thenComparingLong(ShopCategory::id))
            .toList();
    }

    public ShopCategory parent(ShopCategory category) {
        return category.parentId() == null ? null : byId.get(category.parentId());
    }

    String pathOf(long id) {
        List<String> names = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        ShopCategory c = byId.get(id);
        while (c != null && !c.root() && visited.add(c.id())) {
            names.add(0, c.name());
            c = parent(c);
        }
        return String.join(" > ", names);
    }

    /** The So.market code for a product, or null when none of its categories leads to a mapping. */
    public String codeFor(Long defaultCategoryId, List<Long> categoryIds) {
        String code = mappedCode(defaultCategoryId);
        if (code != null) {
            return code;
        }
        List<Long> others = new ArrayList<>(categoryIds == null ? List.of() : categoryIds);
        others.remove(defaultCategoryId);
        others.sort(Comparator.comparingInt((Long id) -> depth(id)).reversed());
        for (Long other : others) {
            code = mappedCode(other);
            if (code != null) {
                return code;
            }
        }
        code = mappedAncestor(defaultCategoryId);
        for (int i = 0; code == null && i < others.size(); i++) {
            code = mappedAncestor(others.get(i));
        }
        return code;
    }

    private String mappedCode(Long id) {
        ShopCategory c = id == null ? null : byId.get(id);
        return c == null || c.root() ? null : c.mappedCode();
    }

    private String mappedAncestor(Long id) {
        ShopCategory c = id == null ? null : byId.get(id);
        Set<Long> visited = new HashSet<>();
        while (c != null && !c.root() && visited.add(c.id())) {
            c = parent(c);
            String code = c == null ? null : mappedCode(c.id());
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    private int depth(Long id) {
        int depth = 0;
        Set<Long> visited = new HashSet<>();
        ShopCategory c = id == null ? null : byId.get(id);
        while (c != null && visited.add(c.id())) {
            depth++;
            c = parent(c);
        }
        return depth;
    }
}

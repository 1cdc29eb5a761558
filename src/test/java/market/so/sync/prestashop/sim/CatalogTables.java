package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import market.so.sync.prestashop.sim.CatalogRows.CombinationRow;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;
import market.so.sync.prestashop.sim.CatalogRows.StockRow;
import market.so.sync.prestashop.sim.SimObject.Association;
import market.so.sync.prestashop.sim.SimObject.Item;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * The catalogue resources of a shop (products, combinations, stock_availables, specific_prices,
 * categories) as tables over its {@link SimCatalog}, built per request from the current edits.
 */
final class CatalogTables {

    /** One id-to-object function; the display lets categories skip their product list. */
    interface Getter {
        SimObject get(long id, Display display);
    }

    /** A table whose rows come from functions of the catalogue. */
    record FunctionTable(String resource, String element, Supplier<LongStream> idSource, Getter getter,
                         Schema schema, boolean naturalIsIdOrder) implements Table {
        @Override
        public LongStream ids() {
            return idSource.get();
        }

        @Override
        public SimObject get(long id, Display display) {
            return getter.get(id, display);
        }
    }

    private static final GeneratedProducts TEMPLATES = new GeneratedProducts(1, 10, 0, 0);
    private static final Table.Schema PRODUCT = Table.Schema.of(TEMPLATES.product(10));
    private static final Table.Schema COMBINATION = Table.Schema.of(ProductObjects.combination(TEMPLATES.combination(1)));
    private static final Table.Schema STOCK = Table.Schema.of(ProductObjects.stock(TEMPLATES.stock(1)));
    private static final Table.Schema SPECIFIC_PRICE = Table.Schema.of(ProductObjects.specificPrice(
            CatalogRows.SpecificPrice.percentage(1, 1, java.math.BigDecimal.ONE)));

    private CatalogTables() {
    }

    static List<Table> all(SimCatalog catalog, List<SimObject> categories) {
        Map<Long, SimObject> categoryRows = new LinkedHashMap<>();
        categories.forEach(c -> categoryRows.put(c.id(), c));
        long[] categoryOrder = categories.stream().mapToLong(SimObject::id).toArray();
        return List.of(
                new FunctionTable("products", "product", catalog::productIds, (id, d) -> catalog.product(id), PRODUCT, true),
                new FunctionTable("combinations", "combination", catalog::combinationIds, (id, d) -> {
                    CombinationRow row = catalog.combination(id);
                    return row == null ? null : ProductObjects.combination(row);
                }, COMBINATION, true),
                new FunctionTable("stock_availables", "stock_available", catalog::stockIds, (id, d) -> {
                    StockRow row = catalog.stock(id);
                    return row == null ? null : ProductObjects.stock(row);
                }, STOCK, true),
                new FunctionTable("specific_prices", "specific_price", catalog::specificPriceIds, (id, d) -> {
                    CatalogRows.SpecificPrice row = catalog.specificPrice(id);
                    return row == null ? null : ProductObjects.specificPrice(row);
                }, SPECIFIC_PRICE, true),
                new FunctionTable("categories", "category", () -> Arrays.stream(categoryOrder),
                        (id, d) -> category(catalog, categoryRows.get(id), d),
                        Table.Schema.of(categories.get(0)), isAscending(categoryOrder)));
    }

    private static boolean isAscending(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** A category with the ids of the products currently in it, computed only when shown. */
    private static SimObject category(SimCatalog catalog, SimObject base, Display display) {
        if (base == null || display.associationFields("products") == null || base.association("products") == null) {
            return base;
        }
        List<Item> items = new ArrayList<>();
        catalog.productIds().forEach(p -> {
            ProductFacts facts = catalog.facts(p);
            if (facts != null && Arrays.stream(facts.categories()).anyMatch(c -> c == base.id())) {
                items.add(new Item("products/" + p, List.of(new Plain("id", Long.toString(p)))));
            }
        });
        return base.withAssociation(new Association("products", "product", "products", items));
    }

    /** The generated shops' tree: Root, Accueil, three parents and seven leaves. */
    static List<SimObject> generatedCategories() {
        String[][] names = {
            {"Root", "Root"}, {"Home", "Accueil"}, {"Fashion", "Mode"}, {"Men", "Hommes"}, {"Women", "Femmes"},
            {"Kids", "Enfants"}, {"Home & Living", "Maison"}, {"Kitchen", "Cuisine"}, {"Decoration", "Décoration"},
            {"Leisure", "Loisirs"}, {"Books", "Livres"}, {"Games", "Jeux"}};
        List<SimObject> categories = new ArrayList<>();
        for (long id = 1; id <= names.length; id++) {
            long parent = parentOf(id);
            int depth = id == 1 ? 0 : id == 2 ? 1 : parent == 2 ? 2 : 3;
            final long self = id;
            long[] children = LongStream.rangeClosed(1, names.length).filter(c -> c != self && parentOf(c) == self).toArray();
            String en = names[(int) id - 1][0];
            String fr = names[(int) id - 1][1];
            categories.add(new ObjectBuilder(id).link("id_parent", "categories", parent).plain("level_depth", depth)
                    .getter("nb_products_recursive", "0").plain("active", 1).plain("id_shop_default", 1)
                    .plain("is_root_category", id == 2 ? 1 : 0).plain("position", 0)
                    .plain("date_add", ReferenceTables.DATE).plain("date_upd", ReferenceTables.DATE)
                    .i18n("name", en, fr).i18n("link_rewrite", slug(en), slug(fr)).i18n("description", "")
                    .i18n("additional_description", "").i18n("meta_title", "").i18n("meta_description", "")
                    .i18n("meta_keywords", "")
                    .ids("categories", "category", "categories", children)
                    .ids("products", "product", "products")
                    .build());
        }
        return categories;
    }

    private static long parentOf(long id) {
        if (id <= 1) {
            return 0;
        }
        if (id == 2) {
            return 1;
        }
        return (id == 3 || id == 7 || id == 10) ? 2 : GeneratedProducts.parentOf(id);
    }

    private static String slug(String name) {
        return java.text.Normalizer.normalize(name.toLowerCase(), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}

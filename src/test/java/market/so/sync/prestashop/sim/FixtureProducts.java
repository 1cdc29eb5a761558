package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.LongStream;
import market.so.sync.prestashop.sim.CatalogRows.CombinationRow;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;
import market.so.sync.prestashop.sim.CatalogRows.StockRow;
import market.so.sync.prestashop.sim.SimObject.Association;
import market.so.sync.prestashop.sim.SimObject.I18n;
import market.so.sync.prestashop.sim.SimObject.Item;

/**
 * The five fully recorded demo products, served verbatim, with the combinations and stock rows their
 * associations point to (not recorded, so generated consistently: one combination per cross-product
 * of their attribute values, price impact 0, the product's stock split evenly). Products added by a
 * test come from a generator whose ids start at 20, past the real shop's 19 products.
 */
final class FixtureProducts implements ProductSource {

    private final NavigableMap<Long, SimObject> products = new TreeMap<>();
    private final Map<Long, ProductFacts> facts = new LinkedHashMap<>();
    private final NavigableMap<Long, CombinationRow> combinations = new TreeMap<>();
    private final NavigableMap<Long, StockRow> stock = new TreeMap<>();
    private final GeneratedProducts added = new GeneratedProducts(20, 0, 1000, 1000);

    FixtureProducts(Fixtures fixtures) {
        fixtures.stock().forEach(row -> stock.put(row.id(), row));
        for (SimObject product : fixtures.products()) {
            products.put(product.id(), product);
            ProductFacts f = factsOf(product);
            facts.put(product.id(), f);
            addCombinations(product, f);
            addCombinationStock(product);
        }
    }

    private static ProductFacts factsOf(SimObject p) {
        Map<Integer, String> rewrite = ((I18n) p.field("link_rewrite")).values();
        return new ProductFacts(p.id(), new BigDecimal(p.value("price")), Long.parseLong(p.value("id_tax_rules_group")),
                rewrite, ids(p, "categories"), ids(p, "images"), ids(p, "combinations"),
                Long.parseLong(p.value("id_default_combination")));
    }

    private static long[] ids(SimObject object, String association) {
        Association a = object.association(association);
        return a == null ? new long[0]
                : a.items().stream().mapToLong(i -> Long.parseLong(i.fields().get(0).value())).sorted().toArray();
    }

    /** Combination k (in id order) takes the k-th tuple of the cross-product of the value groups. */
    private void addCombinations(SimObject product, ProductFacts f) {
        Map<Long, List<Long>> byGroup = new TreeMap<>();
        for (long value : ids(product, "product_option_values")) {
            byGroup.computeIfAbsent(Attributes.groupOf(value), g -> new ArrayList<>()).add(value);
        }
        List<List<Long>> tuples = new ArrayList<>(List.of(List.of()));
        for (List<Long> values : byGroup.values()) {
            List<List<Long>> next = new ArrayList<>();
            for (List<Long> tuple : tuples) {
                for (long value : values) {
                    List<Long> longer = new ArrayList<>(tuple);
                    longer.add(value);
                    next.add(longer);
                }
            }
            tuples = next;
        }
        long[] ids = f.combinations();
        for (int k = 0; k < ids.length; k++) {
            long[] values = CatalogRows.toArray(tuples.get(k % tuples.size()));
            combinations.put(ids[k], new CombinationRow(ids[k], f.id(), BigDecimal.ZERO,
                    product.value("reference"), "", values, new long[] {f.images()[0]}, ids[k] == f.defaultCombination()));
        }
    }

    /** Stock rows of combinations are listed in the product's associations; quantities are not recorded. */
    private void addCombinationStock(SimObject product) {
        List<Item> items = product.association("stock_availables").items();
        long total = stock.values().stream().filter(s -> s.productId() == product.id() && s.attributeId() == 0)
                .mapToLong(StockRow::quantity).findFirst().orElse(0);
        int parts = Math.max(1, items.size() - 1);
        for (Item item : items) {
            long id = Long.parseLong(item.fields().get(0).value());
            long attribute = Long.parseLong(item.fields().get(1).value());
            if (attribute != 0) {
                stock.put(id, new StockRow(id, product.id(), attribute, (int) (total / parts)));
            }
        }
    }

    @Override
    public LongStream productIds() {
        return LongStream.concat(products.keySet().stream().mapToLong(Long::longValue), added.productIds());
    }

    @Override
    public SimObject product(long id) {
        SimObject recorded = products.get(id);
        return recorded != null ? recorded : added.product(id);
    }

    @Override
    public ProductFacts facts(long id) {
        ProductFacts recorded = facts.get(id);
        return recorded != null ? recorded : added.facts(id);
    }

    @Override
    public LongStream combinationIds() {
        return LongStream.concat(combinations.keySet().stream().mapToLong(Long::longValue), added.combinationIds());
    }

    @Override
    public CombinationRow combination(long id) {
        CombinationRow recorded = combinations.get(id);
        return recorded != null ? recorded : added.combination(id);
    }

    @Override
    public LongStream stockIds() {
        return LongStream.concat(stock.keySet().stream().mapToLong(Long::longValue), added.stockIds());
    }

    @Override
    public StockRow stock(long id) {
        StockRow recorded = stock.get(id);
        return recorded != null ? recorded : added.stock(id);
    }

    @Override
    public long stockId(long productId, long attributeId) {
        if (!products.containsKey(productId)) {
            return added.stockId(productId, attributeId);
        }
        return stock.values().stream().filter(s -> s.productId() == productId && s.attributeId() == attributeId)
                .mapToLong(StockRow::id).findFirst().orElse(-1);
    }

    @Override
    public long add() {
        return added.add();
    }
}

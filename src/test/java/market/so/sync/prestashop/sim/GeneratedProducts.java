package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import market.so.sync.prestashop.sim.CatalogRows.CombinationRow;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;
import market.so.sync.prestashop.sim.CatalogRows.StockRow;
import market.so.sync.prestashop.sim.SimObject.Item;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * A catalogue computed from the product id alone, so any size costs nothing until asked for and the
 * same id always gives the same product. Product {@code i}: "Product i" / "Produit i", reference
 * {@code REF-i}, a valid EAN-13, price {@code 10 + i % 90 + 0.5} tax excluded, tax group 1,
 * categories Home > parent > leaf, images {@code 2i-1} (and {@code 2i} when {@code i % 3 == 0}),
 * three size combinations when {@code i % 10 == 0}. {@code comboBase}/{@code stockBase} shift the
 * ids so that generated products can live beside recorded ones.
 */
final class GeneratedProducts implements ProductSource {

    /** Leaf categories of the generated tree, and each leaf's parent. */
    static final long[] LEAVES = {4, 5, 6, 8, 9, 11, 12};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final String[] SIZES = {"S", "M", "L"};

    private final long first;
    private final AtomicLong last;
    private final long comboBase;
    private final long stockBase;

    GeneratedProducts(long first, long count, long comboBase, long stockBase) {
        this.first = first;
        this.last = new AtomicLong(first + count - 1);
        this.comboBase = comboBase;
        this.stockBase = stockBase;
    }

    static long parentOf(long leaf) {
        return leaf <= 6 ? 3 : leaf <= 9 ? 7 : 10;
    }

    static BigDecimal basePrice(long id) {
        return BigDecimal.valueOf(10 + id % 90).add(new BigDecimal("0.5"));
    }

    static String date(long id) {
        return EPOCH.plusMinutes(id).format(DATE);
    }

    static String ean13(long id) {
        String digits = "200" + String.format("%09d", id % 1_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return digits + (10 - sum % 10) % 10;
    }

    private boolean exists(long id) {
        return id >= first && id <= last.get();
    }

    private static boolean hasCombinations(long id) {
        return id % 10 == 0;
    }

    @Override
    public LongStream productIds() {
        return LongStream.rangeClosed(first, last.get());
    }

    @Override
    public long add() {
        return last.incrementAndGet();
    }

    @Override
    public ProductFacts facts(long id) {
        if (!exists(id)) {
            return null;
        }
        long leaf = LEAVES[(int) (id % LEAVES.length)];
        long[] images = id % 3 == 0 ? new long[] {2 * id - 1, 2 * id} : new long[] {2 * id - 1};
        long[] combinations = hasCombinations(id) ? LongStream.range(0, 3).map(k -> firstCombination(id) + k).toArray()
                : new long[0];
        return new ProductFacts(id, basePrice(id), 1, Map.of(ObjectBuilder.EN, "product-" + id, ObjectBuilder.FR,
                "produit-" + id), new long[] {2, parentOf(leaf), leaf}, images, combinations,
                combinations.length == 0 ? 0 : combinations[0]);
    }

    private long firstCombination(long productId) {
        return comboBase + productId / 10 * 3 - 2;
    }

    @Override
    public SimObject product(long id) {
        ProductFacts facts = facts(id);
        return facts == null ? null : ProductObjects.generated(facts, stockItems(facts), date(id));
    }

    private List<Item> stockItems(ProductFacts facts) {
        List<Item> items = new ArrayList<>(4);
        items.add(stockItem(stockId(facts.id(), 0), 0));
        for (long combination : facts.combinations()) {
            items.add(stockItem(stockId(facts.id(), combination), combination));
        }
        return items;
    }

    private static Item stockItem(long stockId, long attribute) {
        return new Item("stock_availables/" + stockId, List.of(new Plain("id", Long.toString(stockId)),
                new Plain("id_product_attribute", Long.toString(attribute))));
    }

    @Override
    public LongStream combinationIds() {
        return productIds().filter(GeneratedProducts::hasCombinations)
                .flatMap(p -> LongStream.range(0, 3).map(k -> firstCombination(p) + k));
    }

    @Override
    public CombinationRow combination(long id) {
        long x = id - comboBase;
        if (x < 1) {
            return null;
        }
        long productId = ((x - 1) / 3 + 1) * 10;
        int k = (int) ((x - 1) % 3);
        if (!exists(productId)) {
            return null;
        }
        return new CombinationRow(id, productId, BigDecimal.valueOf(k), "REF-" + productId + "-" + SIZES[k],
                ean13(productId * 10 + k + 1), new long[] {k + 1}, new long[] {2 * productId - 1}, k == 0);
    }

    @Override
    public LongStream stockIds() {
        return productIds().flatMap(p -> hasCombinations(p)
                ? LongStream.rangeClosed(0, 3).map(k -> stockBase + 4 * p - 3 + k)
                : LongStream.of(stockBase + 4 * p - 3));
    }

    @Override
    public StockRow stock(long id) {
        long x = id - stockBase + 3;
        long productId = x / 4;
        int k = (int) (x % 4);
        if (x < 4 || !exists(productId) || (k > 0 && !hasCombinations(productId))) {
            return null;
        }
        long attribute = k == 0 ? 0 : firstCombination(productId) + k - 1;
        return new StockRow(id, productId, attribute, quantity(productId, k));
    }

    private static int quantity(long productId, int k) {
        if (k > 0) {
            return (int) ((productId + k) * 3 % 20) + 1;
        }
        if (!hasCombinations(productId)) {
            return (int) (productId * 7 % 50);
        }
        return quantity(productId, 1) + quantity(productId, 2) + quantity(productId, 3);
    }

    @Override
    public long stockId(long productId, long attributeId) {
        if (!exists(productId)) {
            return -1;
        }
        if (attributeId == 0) {
            return stockBase + 4 * productId - 3;
        }
        long k = attributeId - firstCombination(productId) + 1;
        return hasCombinations(productId) && k >= 1 && k <= 3 ? stockBase + 4 * productId - 3 + k : -1;
    }
}

package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.LongStream;
import market.so.sync.prestashop.sim.CatalogRows.CombinationRow;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;
import market.so.sync.prestashop.sim.CatalogRows.SpecificPrice;
import market.so.sync.prestashop.sim.CatalogRows.StockRow;

/**
 * A shop's catalogue with the edits a test makes while the simulator runs, for incremental-sync
 * tests. Like PrestaShop, name, price and active changes bump the product's {@code date_upd}, while
 * stock and specific prices do not (they have no date), which is exactly why a client must re-read
 * them every run. Thread-safe: edits may race with requests.
 */
public final class SimCatalog {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What a test changed on one product; null components keep the source's value. */
    private record Edit(Map<Integer, String> names, BigDecimal price, Boolean active, String dateUpd) {
    }

    private final ProductSource source;
    private final Map<Long, Edit> edits = new ConcurrentHashMap<>();
    private final Set<Long> removed = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> stockQuantities = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, SpecificPrice> specificPrices = new ConcurrentSkipListMap<>();
    /** Specific prices by product id, so pricing a page never scans every row of a big shop. */
    private final Map<Long, List<SpecificPrice>> pricesByProduct = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemDefaultZone();
    /** Price impacts a test changed, by combination id (no date moves, as in PrestaShop). */
    private final Map<Long, BigDecimal> impacts = new ConcurrentHashMap<>();
    /** Pictures a test added, by product id (no date moves: PrestaShop 8.1 adds an image without touching the product). */
    private final Map<Long, List<Long>> addedImages = new ConcurrentHashMap<>();

    SimCatalog(ProductSource source, List<SpecificPrice> initialPrices) {
        this.source = source;
        initialPrices.forEach(p -> specificPrices.put(p.id(), p));
        initialPrices.forEach(p -> pricesByProduct.merge(p.productId(), List.of(p), SimCatalog::concat));
    }

    private static List<SpecificPrice> concat(List<SpecificPrice> a, List<SpecificPrice> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private void reindex(long productId) {
        List<SpecificPrice> rows = specificPrices.values().stream().filter(p -> p.productId() == productId).toList();
        if (rows.isEmpty()) {
            pricesByProduct.remove(productId);
        } else {
            pricesByProduct.put(productId, rows);
        }
    }

    /** The clock that dates edits ({@code date_upd}), in shop-local time; the system clock by default. */
    public SimCatalog clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    /** The clock of the shop: it dates edits and decides which specific prices are running. */
    public Clock clock() {
        return clock;
    }

    /** Sets a combination's price impact (tax excluded); {@code date_upd} does not move, as in PrestaShop. */
    public SimCatalog setImpact(long combinationId, BigDecimal impact) {
        if (source.combination(combinationId) == null) {
            throw new IllegalArgumentException("no combination " + combinationId);
        }
        impacts.put(combinationId, impact);
        return this;
    }

    /** Adds a picture to the product and returns its id; {@code date_upd} does not move, as in PrestaShop 8.1. */
    public synchronized long addImage(long productId) {
        ProductFacts facts = facts(productId);
        if (facts == null) {
            throw new IllegalArgumentException("no product " + productId);
        }
        long id = 900_000 + addedImages.values().stream().mapToLong(List::size).sum();
        addedImages.merge(productId, List.of(id), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        return id;
    }

    /** Gives the product's catalogue-wide reduction a validity, in shop-local time ("yyyy-MM-dd HH:mm:ss"). */
    public synchronized SimCatalog setSpecificPriceDates(long productId, String from, String to) {
        SpecificPrice existing = catalogueWide(productId);
        if (existing == null) {
            throw new IllegalArgumentException("no specific price on product " + productId);
        }
        specificPrices.put(existing.id(), existing.between(from, to));
        reindex(productId);
        return this;
    }

    public SimCatalog setName(long productId, int languageId, String name) {
        return edit(productId, e -> {
            Map<Integer, String> names = new HashMap<>(e.names() == null ? Map.of() : e.names());
            names.put(languageId, name);
            return new Edit(names, e.price(), e.active(), e.dateUpd());
        });
    }

    /** Sets the base price, tax excluded. */
    public SimCatalog setPrice(long productId, BigDecimal taxExcluded) {
        return edit(productId, e -> new Edit(e.names(), taxExcluded, e.active(), e.dateUpd()));
    }

    public SimCatalog setActive(long productId, boolean active) {
        return edit(productId, e -> new Edit(e.names(), e.price(), active, e.dateUpd()));
    }

    /** Sets the product's total stock (the row with attribute 0); {@code date_upd} does not move. */
    public SimCatalog setStock(long productId, int quantity) {
        return setStock(productId, 0, quantity);
    }

    /** Sets the stock of one combination (or of the product with {@code combinationId} 0). */
    public SimCatalog setStock(long productId, long combinationId, int quantity) {
        long stockId = source.stockId(productId, combinationId);
        if (stockId < 0) {
            throw new IllegalArgumentException("no stock row for product " + productId + "/" + combinationId);
        }
        stockQuantities.put(stockId, quantity);
        return this;
    }

    /**
     * Gives the product a catalogue-wide percentage reduction (0.2 = 20 %), replacing its existing one;
     * {@code date_upd} does not move, as in PrestaShop.
     */
    public synchronized SimCatalog setSpecificPrice(long productId, BigDecimal reductionFraction) {
        SpecificPrice existing = catalogueWide(productId);
        long id = existing != null ? existing.id() : (specificPrices.isEmpty() ? 1 : specificPrices.lastKey() + 1);
        specificPrices.put(id, existing != null ? existing.withReduction(reductionFraction)
                : SpecificPrice.percentage(id, productId, reductionFraction));
        reindex(productId);
        return this;
    }

    /**
     * Adds a percentage reduction (0.1 = 10 %) of one combination of the product ({@code id_product_attribute}):
     * it moves that combination's computed price only, not the product's (not even for its default combination).
     */
    public synchronized SimCatalog addCombinationSpecificPrice(long productId, long combinationId, BigDecimal reductionFraction) {
        if (source.combination(combinationId) == null) {
            throw new IllegalArgumentException("no combination " + combinationId);
        }
        long id = specificPrices.isEmpty() ? 1 : specificPrices.lastKey() + 1;
        specificPrices.put(id, SpecificPrice.percentage(id, productId, reductionFraction).forCombination(combinationId));
        reindex(productId);
        return this;
    }

    public synchronized SimCatalog removeSpecificPrice(long productId) {
        SpecificPrice existing = catalogueWide(productId);
        if (existing != null) {
            specificPrices.remove(existing.id());
            reindex(productId);
        }
        return this;
    }

    private SpecificPrice catalogueWide(long productId) {
        return specificPrices.values().stream()
                .filter(p -> p.productId() == productId && p.attributeId() == 0 && p.idCart() == 0 && p.idCustomer() == 0)
                .findFirst().orElse(null);
    }

    /** Deletes the product (with its combinations, stock and prices) until {@link #restore}. */
    public SimCatalog remove(long productId) {
        removed.add(productId);
        return this;
    }

    /** Brings a removed product back; its {@code date_upd} moves, as a re-created product's would. */
    public SimCatalog restore(long productId) {
        removed.remove(productId);
        return edit(productId, e -> e);
    }

    /** Adds a generated product ("Produit N") at the next free id and returns the id. */
    public long add() {
        return source.add();
    }

    /** The ids of the product's combinations, the default one first. */
    public List<Long> combinationIdsOf(long productId) {
        ProductFacts facts = facts(productId);
        if (facts == null) {
            throw new IllegalArgumentException("no product " + productId);
        }
        return java.util.stream.LongStream.of(facts.combinations()).boxed()
                .sorted(java.util.Comparator.comparing((Long c) -> c != facts.defaultCombination())).toList();
    }

    /** The number of products the shop currently lists. */
    public long productCount() {
        return productIds().count();
    }

    private SimCatalog edit(long productId, java.util.function.UnaryOperator<Edit> change) {
        SimObject base = source.product(productId);
        if (base == null) {
            throw new IllegalArgumentException("no product " + productId);
        }
        edits.compute(productId, (id, old) -> {
            Edit start = old == null ? new Edit(null, null, null, null) : old;
            Edit changed = change.apply(start);
            String previous = start.dateUpd() != null ? start.dateUpd() : base.value("date_upd");
            return new Edit(changed.names(), changed.price(), changed.active(), nextDate(previous));
        });
        return this;
    }

    /** Now, but always later than the previous date, so every edit is seen by a date filter. */
    private String nextDate(String previous) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime before = LocalDateTime.parse(previous, DATE);
        return (now.isAfter(before) ? now : before.plusSeconds(1)).format(DATE);
    }

    boolean exists(long productId) {
        return !removed.contains(productId) && source.facts(productId) != null;
    }

    LongStream productIds() {
        return removed.isEmpty() ? source.productIds() : source.productIds().filter(id -> !removed.contains(id));
    }

    SimObject product(long id) {
        if (removed.contains(id)) {
            return null;
        }
        SimObject product = withAddedImages(id, source.product(id));
        Edit edit = product == null ? null : edits.get(id);
        if (edit == null) {
            return product;
        }
        if (edit.names() != null) {
            for (Map.Entry<Integer, String> name : edit.names().entrySet()) {
                product = product.withI18n("name", name.getKey(), name.getValue());
            }
        }
        if (edit.price() != null) {
            product = product.withPlain("price", CatalogRows.money(edit.price()));
        }
        if (edit.active() != null) {
            product = product.withPlain("active", edit.active() ? "1" : "0");
        }
        return product.withPlain("date_upd", edit.dateUpd());
    }

    ProductFacts facts(long id) {
        ProductFacts facts = removed.contains(id) ? null : source.facts(id);
        Edit edit = facts == null ? null : edits.get(id);
        List<Long> added = facts == null ? List.of() : addedImages.getOrDefault(id, List.of());
        if ((edit == null || edit.price() == null) && added.isEmpty()) {
            return facts;
        }
        long[] images = LongStream.concat(java.util.Arrays.stream(facts.images()), added.stream().mapToLong(Long::longValue))
                .toArray();
        return new ProductFacts(id, edit == null || edit.price() == null ? facts.price() : edit.price(), facts.taxGroup(),
                facts.linkRewrite(), facts.categories(), images, facts.combinations(), facts.defaultCombination());
    }

    private SimObject withAddedImages(long id, SimObject product) {
        if (product == null || !addedImages.containsKey(id)) {
            return product;
        }
        SimObject.Association images = product.association("images");
        return images == null ? product : product.withAssociation(new SimObject.Association("images", images.nodeType(),
                images.api(), ProductObjects.imageItems(id, facts(id).images())));
    }

    LongStream combinationIds() {
        return removed.isEmpty() ? source.combinationIds() : source.combinationIds().filter(id -> combination(id) != null);
    }

    CombinationRow combination(long id) {
        CombinationRow row = source.combination(id);
        if (row == null || removed.contains(row.productId())) {
            return null;
        }
        BigDecimal impact = impacts.get(id);
        return impact == null ? row : new CombinationRow(row.id(), row.productId(), impact, row.reference(), row.ean13(),
                row.optionValues(), row.images(), row.defaultOn());
    }

    LongStream stockIds() {
        return removed.isEmpty() ? source.stockIds() : source.stockIds().filter(id -> stock(id) != null);
    }

    StockRow stock(long id) {
        StockRow row = source.stock(id);
        if (row == null || removed.contains(row.productId())) {
            return null;
        }
        Integer quantity = stockQuantities.get(id);
        return quantity == null ? row : row.withQuantity(quantity);
    }

    LongStream specificPriceIds() {
        return specificPrices.values().stream().filter(p -> !removed.contains(p.productId())).mapToLong(SpecificPrice::id);
    }

    SpecificPrice specificPrice(long id) {
        SpecificPrice price = specificPrices.get(id);
        return price == null || removed.contains(price.productId()) ? null : price;
    }

    /** The specific prices that may apply to a product (its own and catalogue-wide ones). */
    List<SpecificPrice> specificPricesOf(long productId) {
        List<SpecificPrice> own = pricesByProduct.getOrDefault(productId, List.of());
        List<SpecificPrice> all = pricesByProduct.getOrDefault(0L, List.of());
        return all.isEmpty() ? own : concat(own, all);
    }
}

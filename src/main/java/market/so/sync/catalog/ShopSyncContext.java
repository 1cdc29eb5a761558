package market.so.sync.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import market.so.sync.catalog.category.ShopCategoryTree;
import market.so.sync.catalog.price.ComputedPrices;
import market.so.sync.catalog.price.FallbackPricing;
import market.so.sync.catalog.price.PriceInputs;
import market.so.sync.catalog.price.SpecificPrice;
import market.so.sync.prestashop.RequestMeter;
import market.so.sync.prestashop.ShopAccess;

/**
 * The state of one shop's sync while route {@code sync-shop} runs: how to reach the shop, what the
 * reference data said (language, currency, stock policy), the stock read so far, which products
 * the pass has seen (only a complete pass may deactivate the others) and the counts for the outcome.
 * One instance per sync, used by one thread at a time.
 */
public final class ShopSyncContext {

    private final long shopId;
    private final long syncId;
    private final String trigger;
    private final Long runId;
    private volatile ShopAccess access;
    private final Instant startedAt = Instant.now();
    private final RequestMeter meter;
    private final Instant deadline;
    private final Supplier<String> stopping;
    private final BitSet seen = new BitSet();
    private final StockLevels stock = new StockLevels();

    private String languageId;
    private String languageIso;
    private Map<String, String> otherLanguages = Map.of();
    private Map<String, OptionNames> otherOptions = Map.of();
    private boolean textsStored;
    private String currency = "EUR";
    private boolean orderWhenOutOfStock;
    private int productsSeen;
    private int productsNew;
    private int productsChanged;
    private int productsUnchanged;
    private int productsDeactivated;
    private int variants;

    private Map<String, String> config = Map.of();
    private ShopCategoryTree categories = ShopCategoryTree.EMPTY;
    private OptionNames options = OptionNames.EMPTY;
    private ComputedPrices computedPrices;
    private String imageType;
    private ProductImages.Form imageForm;
    private final List<String> notes = new ArrayList<>();

    private final Map<Long, String> sweptSnapshots = new HashMap<>();
    private final Map<Long, String> skipped = new ConcurrentSkipListMap<>();
    private boolean optionsLoaded;
    private String lightFields = LightProduct.FIELDS;
    private boolean pricingChecked;
    private PriceInputs priceInputs;
    private List<SpecificPrice> specificPrices;
    private FallbackPricing.TaxLists taxLists;
    private boolean pricesInSweep = true;
    private volatile boolean wholeProductsInFull; // set by a batch read ahead too
    private boolean wholeInSweep;

    public ShopSyncContext(long shopId, long syncId, String trigger, Long runId, ShopAccess access) {
        this(shopId, syncId, trigger, runId, access, null, () -> null);
    }

    /**
     * {@code deadline}: when this sync must give up (its own time limit or the run's); {@code stopping}:
     * non-null when the service is shutting down. Both stop the sync at its next request.
     */
    public ShopSyncContext(long shopId, long syncId, String trigger, Long runId, ShopAccess access, Instant deadline,
                           Supplier<String> stopping) {
        this.deadline = deadline;
        this.stopping = stopping;
        this.meter = new RequestMeter(this::stopReason, deadline);
        this.shopId = shopId;
        this.syncId = syncId;
        this.trigger = trigger;
        this.runId = runId;
        this.access = access;
    }

    public long shopId() { return shopId; }
    public long syncId() { return syncId; }
    public String trigger() { return trigger; }
    public Long runId() { return runId; }
    public ShopAccess access() { return access; }

    /** One shop of a multistore PrestaShop, found by its address: every later request carries its {@code id_shop}. */
    public void inShop(int idShop) {
        ShopAccess a = access;
        this.access = new ShopAccess(a.baseUrl(), a.key(), a.authMode(), a.entryPoint(), idShop);
    }
    public Instant startedAt() { return startedAt; }
    public RequestMeter meter() { return meter; }
    public StockLevels stock() { return stock; }

    public String languageId() { return languageId; }
    public String languageIso() { return languageIso; }
    public String currency() { return currency; }
    public boolean orderWhenOutOfStock() { return orderWhenOutOfStock; }

    public void locale(String languageId, String languageIso, String currency, boolean orderWhenOutOfStock) {
        this.languageId = languageId;
        this.languageIso = languageIso;
        this.currency = currency;
        this.orderWhenOutOfStock = orderWhenOutOfStock;
    }

    /**
     * The shop's other active languages, id to iso code in id order: their texts are kept beside the default
     * language's (ProductText, docs/decisions/0026), read in the same requests (no {@code language=} filter).
     */
    public Map<String, String> otherLanguages() { return otherLanguages; }
    public void otherLanguages(Map<String, String> idToIso) {
        this.otherLanguages = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(idToIso));
    }
    /** The {@code language} filter of the text-bearing reads: the default's id alone when there is no other language. */
    public String languageFilter() { return otherLanguages.isEmpty() ? languageId : null; }

    /** The shop's other active languages' iso codes, sorted, comma-separated ("" when none): stored with the shop. */
    public String otherLanguageCodes() {
        return String.join(",", new java.util.TreeSet<>(otherLanguages.values()));
    }

    /** Whether other languages' texts are stored or to store for this shop (ProductTexts.followLanguages). */
    public boolean textsStored() { return textsStored; }
    public void textsStored(boolean stored) { this.textsStored = stored; }

    /** The option names in each other language (iso code to names), read with the default's. */
    public Map<String, OptionNames> otherOptions() { return otherOptions; }

    /** The shop's configuration values read at the start (PS_LANG_DEFAULT, PS_COUNTRY_DEFAULT...). */
    public String config(String name) { return config.get(name); }
    public void config(Map<String, String> values) { this.config = Map.copyOf(values); }

    /** The shop's category tree with the merchant's mappings, read at the start of the sync. */
    public ShopCategoryTree categories() { return categories; }
    public void categories(ShopCategoryTree tree) { this.categories = tree; }

    /** Names of the combinations' attributes ("Taille : M"), read once per sync, when a variant needs them. */
    public OptionNames options() { return options; }
    public void options(OptionNames names) {
        options(names, Map.of());
    }
    public void options(OptionNames names, Map<String, OptionNames> otherLanguages) {
        this.options = names;
        this.otherOptions = Map.copyOf(otherLanguages);
        this.optionsLoaded = true;
    }
    public boolean optionsLoaded() { return optionsLoaded; }

    /** The light sweep's display fields that this shop accepts (older versions lack {@code state}). */
    public String lightFields() { return lightFields; }
    public void lightFields(String fields) { this.lightFields = fields; }

    /**
     * Products are read whole with the fields the mapper reads; {@code display=full} once the shop refused those
     * (a version or module that does not know one of them).
     */
    public boolean wholeProductsInFull() { return wholeProductsInFull; }
    public void wholeProductsInFull(boolean full) { this.wholeProductsInFull = full; }

    /**
     * A first sync (nothing stored for the shop): the products of each light page, whose ids the minimal list gave,
     * are read whole by id with the light fields and the prices, instead of light pages followed by reads by id of
     * every product (docs/decisions/0029).
     * Off for the rest of the sync once the shop refuses that display.
     */
    public boolean wholeInSweep() { return wholeInSweep; }
    public void wholeInSweep(boolean whole) { this.wholeInSweep = whole; }

    /** The light rows of the page being written, kept on the product rows for the next 304. */
    public String sweptSnapshot(long productId) { return sweptSnapshots.get(productId); }
    public void sweptSnapshots(Map<Long, String> snapshots) {
        sweptSnapshots.clear();
        sweptSnapshots.putAll(snapshots);
    }

    /** A product the shop could not render (a 500 even alone): kept as stored, counted as seen, reported. */
    public void skipped(long productId, String why) {
        skipped.put(productId, why);
        seen(productId);
    }
    public Map<Long, String> skipped() { return Map.copyOf(skipped); }

    /** Why this sync has to stop now (time limit, shutdown), or null. */
    public String stopReason() {
        String stop = stopping.get();
        if (stop != null) {
            return stop;
        }
        return deadline != null && Instant.now().isAfter(deadline)
            ? "the sync took longer than its time limit (somarket.sync.shop-time-limit or the run's limit)" : null;
    }

    /** Set when the shop refused to compute prices ({@code price[...]}): we compute them, and say so. */
    public ComputedPrices computedPrices() { return computedPrices; }
    public void computedPrices(ComputedPrices prices) { this.computedPrices = prices; }
    public boolean pricesComputedByUs() { return computedPrices != null; }
    /** What moves the shop's computed prices without {@code date_upd} (docs/decisions/0025); null in fallback mode. */
    public PriceInputs priceInputs() { return priceInputs; }
    public void priceInputs(PriceInputs inputs) { this.priceInputs = inputs; }
    /** True when the sweep asks every product's computed prices (a first sync); else only those whose inputs moved. */
    public boolean pricesInSweep() { return pricesInSweep && !pricesComputedByUs(); }
    public void pricesInSweep(boolean all) { this.pricesInSweep = all; }

    /** The shop's specific prices for every shopper, as read once in this sync (SpecificPriceRows); null before. */
    public List<SpecificPrice> specificPrices() { return specificPrices; }
    public void specificPrices(List<SpecificPrice> rows) { this.specificPrices = rows; }
    /** The tax rules of the shop's country and the taxes, as read once in this sync (FallbackPricing); null before. */
    public FallbackPricing.TaxLists taxLists() { return taxLists; }
    public void taxLists(FallbackPricing.TaxLists lists) { this.taxLists = lists; }

    /** Whether this sync has already asked whether the shop computes prices (once per sync, FallbackPricing). */
    public boolean pricingChecked() { return pricingChecked; }
    public void pricingChecked(boolean checked) { this.pricingChecked = checked; }

    public String imageType() { return imageType; }
    public void imageType(String type) { this.imageType = type; }
    public ProductImages.Form imageForm() { return imageForm; }
    public void imageForm(ProductImages.Form form) { this.imageForm = form; }

    /** Things the merchant and ops should know about this catalogue, shown with the shop's status. */
    public List<String> notes() { return List.copyOf(notes); }
    public void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    public void seen(long productId) {
        if (productId >= 0 && productId <= Integer.MAX_VALUE && !seen.get((int) productId)) {
            seen.set((int) productId);
            productsSeen++;
        }
    }

    public boolean wasSeen(long productId) {
        return productId >= 0 && productId <= Integer.MAX_VALUE && seen.get((int) productId);
    }

    public void counted(int created, int changed, int unchanged) {
        productsNew += created;
        productsChanged += changed;
        productsUnchanged += unchanged;
    }

    public void deactivated(int count) { productsDeactivated += count; }
    public void variants(int count) { variants += count; }

    public int productsSeen() { return productsSeen; }
    public int productsNew() { return productsNew; }
    public int productsChanged() { return productsChanged; }
    public int productsUnchanged() { return productsUnchanged; }
    public int productsDeactivated() { return productsDeactivated; }
    public int variants() { return variants; }

    @Override
    public String toString() {
        return "ShopSync[shop " + shopId + ", sync " + syncId + "]";
    }
}

package market.so.sync.catalog;

import java.time.Instant;
import java.util.BitSet;
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
    private final ShopAccess access;
    private final Instant startedAt = Instant.now();
    private final RequestMeter meter = new RequestMeter();
    private final BitSet seen = new BitSet();
    private final StockLevels stock = new StockLevels();

    private String languageId;
    private String languageIso;
    private String currency = "EUR";
    private boolean orderWhenOutOfStock;
    private int productsSeen;
    private int productsNew;
    private int productsChanged;
    private int productsUnchanged;
    private int productsDeactivated;
    private int variants;

    public ShopSyncContext(long shopId, long syncId, String trigger, Long runId, ShopAccess access) {
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

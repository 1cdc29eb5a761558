package market.so.sync.catalog.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import market.so.sync.catalog.CombinationReader;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.ProductState;
import market.so.sync.catalog.ProductStates;
import market.so.sync.catalog.ProductStore;
import market.so.sync.catalog.ProductStore.SweptState;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.StoredProduct;
import org.springframework.stereotype.Component;

/**
 * Compares a light page with what is stored: a product that is new, changed ({@code date_upd} moved, or
 * its pictures, which PrestaShop 8.1 adds without moving it) or coming back is left to read whole; for the others only the state (prices, stock, listing,
 * variants) is written, and only when it changed. Nothing is written for an unchanged product.
 */
@Component
public class SweepPlanner {

    static final String NO_PRICE = "the shop gave no price for it (no price[...] field, no base price): not listed at 0";

    private final ProductStore store;
    private final CombinationReader combinations;

    public SweepPlanner(ProductStore store, CombinationReader combinations) {
        this.store = store;
        this.combinations = combinations;
    }

    public FetchPlan plan(SweepPage page, ShopSyncContext sync) {
        if (page.products().isEmpty()) {
            return new FetchPlan(List.of(), Map.of(), Map.of());
        }
        if (!page.combinations().isEmpty() && !sync.optionsLoaded()) {
            combinations.readOptions(sync);
        }
        List<LightProduct> products = page.products();
        Map<Long, StoredProduct> stored = page.stored() != null ? page.stored()
            : store.stored(sync.shopId(), products.get(0).id(), products.get(products.size() - 1).id());
        List<Long> toFetch = new ArrayList<>();
        Map<Long, ProductState> states = new HashMap<>();
        Map<Long, String> snapshots = new HashMap<>();
        Map<Long, StoredProduct> storedToFetch = new HashMap<>();
        List<SweptState> changedStates = new ArrayList<>();
        List<SweptState> changedSnapshots = new ArrayList<>();
        int skipped = 0;
        for (LightProduct product : products) {
            sync.seen(product.id());
            ProductState state = ProductStates.of(product, page.combinationsOf(product.id()), sync);
            if (state.price() == null) {
                // no price from the shop and none we can compute: kept as stored (or not stored), and reported
                sync.skipped(product.id(), NO_PRICE);
                skipped++;
                continue;
            }
            sync.variants(state.variants().size());
            String snapshot = product.snapshot();
            StoredProduct before = stored.get(product.id());
            if (before == null || !before.current() || !Objects.equals(before.shopDateUpd(), product.dateUpd())
                || product.imagesDifferFrom(LightProduct.fromSnapshot(before.shopProductId(), before.sweepRow()))) {
                toFetch.add(product.id());
                states.put(product.id(), state);
                snapshots.put(product.id(), snapshot);
                if (before != null) {
                    storedToFetch.put(product.id(), before);
                }
            } else if (!state.hash().equals(before.stateHash())) {
                changedStates.add(new SweptState(product.id(), state, snapshot));
            } else if (!snapshot.equals(before.sweepRow())) {
                changedSnapshots.add(new SweptState(product.id(), state, snapshot));
            }
        }
        int written = store.updateStates(changedStates, sync);
        store.updateSnapshots(changedSnapshots, sync);
        sync.counted(0, written, products.size() - skipped - toFetch.size() - written);
        return new FetchPlan(toFetch, states, snapshots, storedToFetch, page.whole());
    }
}

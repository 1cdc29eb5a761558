package market.so.sync.catalog.sweep;

import market.so.sync.catalog.CatalogPage;
import market.so.sync.catalog.ProductImages;
import market.so.sync.catalog.ProductMapper;
import market.so.sync.catalog.ProductStore;
import market.so.sync.catalog.ShopSyncContext;
import org.springframework.stereotype.Component;

/**
 * The products a light page found new or changed: read whole in small batches, their pictures
 * checked once per sync, mapped and stored.
 */
@Component
public class ChangedProducts {

    private final FullFetch fetch;
    private final ProductImages images;
    private final ProductMapper mapper;
    private final ProductStore store;

    public ChangedProducts(FullFetch fetch, ProductImages images, ProductMapper mapper, ProductStore store) {
        this.fetch = fetch;
        this.images = images;
        this.mapper = mapper;
        this.store = store;
    }

    public void readAndStore(FetchPlan plan, ShopSyncContext sync) {
        if (plan.readWhole()) { // a first sync's page: the rows are here already (docs/decisions/0029)
            sync.sweptSnapshots(plan.snapshots());
            store(new CatalogPage(plan.ids().stream().map(plan.whole()::get).toList(), plan.states()), plan, sync);
            return;
        }
        try (FullFetch.Batches batches = fetch.batches(plan, sync)) {
            while (batches.hasNext()) {
                store(batches.next(), plan, sync);
            }
        }
    }

    private void store(CatalogPage batch, FetchPlan plan, ShopSyncContext sync) {
        store.upsertPage(mapper.mapPage(images.checkFor(batch, sync), sync), plan.stored(), sync);
    }
}

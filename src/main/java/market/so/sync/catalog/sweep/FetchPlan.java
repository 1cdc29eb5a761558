package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import market.so.sync.catalog.ProductState;
import market.so.sync.catalog.StoredProduct;

/**
 * What a light page left to do: the products that are new or changed since we stored them (to read
 * whole, {@code display=full}), with the state and light row the sweep computed for each, and the stored
 * row of those we have (none for new products), so that storing them needs no second look.
 */
public record FetchPlan(List<Long> ids, Map<Long, ProductState> states, Map<Long, String> snapshots,
                        Map<Long, StoredProduct> stored) {

    public FetchPlan(List<Long> ids, Map<Long, ProductState> states, Map<Long, String> snapshots) {
        this(ids, states, snapshots, Map.of());
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }
}

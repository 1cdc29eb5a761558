package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import market.so.sync.catalog.ProductState;

/**
 * What a light page left to do: the products that are new or changed since we stored them (to read
 * whole, {@code display=full}), with the state and light row the sweep computed for each.
 */
public record FetchPlan(List<Long> ids, Map<Long, ProductState> states, Map<Long, String> snapshots) {

    public boolean isEmpty() {
        return ids.isEmpty();
    }
}

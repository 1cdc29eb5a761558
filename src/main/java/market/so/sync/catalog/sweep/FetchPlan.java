package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import market.so.sync.catalog.ProductState;
import market.so.sync.catalog.StoredProduct;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * What a light page left to do: the products that are new or changed since we stored them (to read
 * whole), with the state and light row the sweep computed for each, the stored row of those we have (none
 * for new products), so that storing them needs no second look, and the rows a first sync's page already
 * read whole (docs/decisions/0029; empty otherwise).
 */
public record FetchPlan(List<Long> ids, Map<Long, ProductState> states, Map<Long, String> snapshots,
                        Map<Long, StoredProduct> stored, Map<Long, XmlNode> whole) {

    public FetchPlan(List<Long> ids, Map<Long, ProductState> states, Map<Long, String> snapshots) {
        this(ids, states, snapshots, Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /** True when every product to store was read whole with the page: nothing more to ask the shop. */
    public boolean readWhole() {
        return !ids.isEmpty() && whole.keySet().containsAll(ids);
    }
}

package market.so.sync.catalog.sweep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.CatalogReader;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.price.FallbackPricing;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * Walks all the shop's combinations, light and sorted by product, alongside the product sweep: the
 * sweep asks for the combinations of product 10, then of 20, and the cursor reads the next page only
 * when it has passed the ones it holds. So every combination is read at every sync in a few large
 * requests, and only one page of them is ever in memory. The walk ends at the first short page.
 */
final class CombinationCursor {

    private final WebserviceClient client;
    private final FallbackPricing fallback;
    private final ShopSyncContext sync;
    private final int pageSize;
    private final Deque<LightCombination> buffer = new ArrayDeque<>();
    private int offset;
    private boolean done;

    CombinationCursor(WebserviceClient client, FallbackPricing fallback, ShopSyncContext sync, int pageSize) {
        this.client = client;
        this.fallback = fallback;
        this.sync = sync;
        this.pageSize = pageSize;
    }

    /** The combinations of this product, in id order; products must be asked in ascending order. */
    List<LightCombination> of(long productId) {
        List<LightCombination> found = new ArrayList<>();
        while (true) {
            while (!buffer.isEmpty() && buffer.peekFirst().productId() < productId) {
                buffer.pollFirst();
            }
            while (!buffer.isEmpty() && buffer.peekFirst().productId() == productId) {
                found.add(buffer.pollFirst());
            }
            if (!buffer.isEmpty() || done) {
                return found;
            }
            readPage();
        }
    }

    private void readPage() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", "[" + LightCombination.FIELDS + (sync.pricesComputedByUs() ? "" : ","
            + CatalogReader.FINAL_PRICE + "," + CatalogReader.REGULAR_PRICE) + "]");
        params.put("sort", "[id_product_ASC,id_ASC]");
        params.put("limit", offset + "," + pageSize);
        if (!sync.pricesComputedByUs()) {
            params.putAll(CatalogReader.virtualPrices());
        }
        List<XmlNode> rows;
        try {
            rows = client.rows(WebserviceCall.of(sync.access(), "combinations", params), client.syncOptions(sync.meter())).rows();
        } catch (WebserviceException.BadRequest e) {
            if (sync.pricesComputedByUs()) {
                throw e;
            }
            fallback.engage(sync);
            readPage();
            return;
        }
        for (XmlNode row : rows) {
            LightCombination combination = LightCombination.of(row);
            if (combination != null) {
                buffer.addLast(combination);
            }
        }
        offset += rows.size();
        done = rows.size() < pageSize;
        if (!sync.pricesComputedByUs() && rows.stream().anyMatch(r -> r.child(CatalogReader.FINAL_PRICE) == null)) {
            // price[...] taken but not answered: a shop that ignores them (our prices from here on), or odd rows
            fallback.rowsWithoutPrices(sync);
        }
    }
}

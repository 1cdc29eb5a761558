package market.so.sync.catalog.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.CatalogReader;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.price.FallbackPricing;
import market.so.sync.catalog.price.PriceInputs;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The combinations of one sweep page's products, light: {@code filter[id_product]=[first,last]} (an index
 * range on the shop's side) sorted by id, in pages until a short one. Sorting the whole table by product
 * (as we did) made MariaDB sort every combination for each page and skip the offset again, which grew
 * with the catalogue (bench/README.md). The computed prices are asked here only in a first sync; later
 * {@link PriceRefresh} asks them for the products whose price inputs moved, with {@link #unlikeTheirProduct}.
 */
@Component
class CombinationRanges {

    private static final String PRICE_FIELDS = "[id,id_product," + CatalogReader.FINAL_PRICE + ","
        + CatalogReader.REGULAR_PRICE + "]";

    private final WebserviceClient client;
    private final FallbackPricing fallback;
    private final int pageSize;
    private final int batchSize;

    CombinationRanges(WebserviceClient client, FallbackPricing fallback,
                      @Value("${somarket.sync.combination-page-size:2000}") int pageSize,
                      @Value("${somarket.sync.price-batch-size:200}") int batchSize) {
        this.client = client;
        this.fallback = fallback;
        this.pageSize = pageSize;
        this.batchSize = batchSize;
    }

    /**
     * The light combinations of the products with ids in [first, last], by product, each in id order. When the sweep
     * carries the prices (a first sync), those of the combinations the shop does not price as their product are asked
     * after, by id; the others are left unpriced, to take their product's (docs/decisions/0030). Without the price
     * inputs (a key that cannot read them) that cannot be told, and every price is asked in the list.
     */
    Map<Long, List<LightCombination>> of(ShopSyncContext sync, long first, long last) {
        Map<Long, List<LightCombination>> byProduct = new HashMap<>();
        boolean prices = sync.pricesInSweep() && sync.priceInputs() == null;
        String fields = LightCombination.FIELDS + (prices ? "," + CatalogReader.FINAL_PRICE + ","
            + CatalogReader.REGULAR_PRICE : "");
        try {
            for (XmlNode row : pages(sync, "[" + fields + "]", "id_product", "[" + first + "," + last + "]", prices)) {
                LightCombination combination = LightCombination.of(row);
                if (combination != null) {
                    byProduct.computeIfAbsent(combination.productId(), p -> new ArrayList<>()).add(combination);
                }
            }
        } catch (WebserviceException.BadRequest e) {
            if (!prices) {
                throw e;
            }
            fallback.engage(sync);
            return of(sync, first, last);
        }
        if (prices && byProduct.values().stream().flatMap(List::stream).anyMatch(c -> c.finalPrice() == null)) {
            fallback.rowsWithoutPrices(sync); // taken but not answered: a shop that ignores them, or odd rows
        }
        return sync.pricesInSweep() && !prices ? unlikeTheirProduct(sync, byProduct) : byProduct;
    }

    /**
     * These combinations (by product, as read: unpriced) with the computed prices of those the shop does not price as their product,
     * asked by id ({@code price-batch-size} a request; a 500 halved down to the combination); the others, and one
     * whose price failed alone, come back unpriced. A shop that refuses the price fields turns the fallback on.
     */
    Map<Long, List<LightCombination>> unlikeTheirProduct(ShopSyncContext sync, Map<Long, List<LightCombination>> byProduct) {
        PriceInputs inputs = sync.priceInputs();
        List<Long> asked = new ArrayList<>();
        byProduct.forEach((product, own) -> own.stream().filter(c -> !inputs.pricedAsProduct(product, c, own))
            .forEach(c -> asked.add(c.id())));
        if (asked.isEmpty()) {
            return byProduct;
        }
        asked.sort(null);
        Map<Long, XmlNode> rows = new HashMap<>();
        try {
            ByIdReads.read(asked, null, batchSize, filter -> pages(sync, PRICE_FIELDS, "id", filter, true), rows);
        } catch (WebserviceException.BadRequest refused) {
            fallback.engage(sync);
            return byProduct;
        }
        if (rows.values().stream().anyMatch(r -> r.child(CatalogReader.FINAL_PRICE) == null)) {
            fallback.rowsWithoutPrices(sync);
        }
        Map<Long, List<LightCombination>> priced = new HashMap<>();
        byProduct.forEach((product, own) -> priced.put(product, own.stream().map(c -> {
            XmlNode row = rows.get(c.id());
            return row == null ? c : c.priced(row.value(CatalogReader.FINAL_PRICE), row.value(CatalogReader.REGULAR_PRICE));
        }).toList()));
        return priced;
    }

    private List<XmlNode> pages(ShopSyncContext sync, String display, String filterField, String filter, boolean prices) {
        List<XmlNode> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("display", display);
            params.put("filter[" + filterField + "]", filter);
            params.put("sort", "[id_ASC]");
            params.put("limit", offset + "," + pageSize);
            if (prices) {
                params.putAll(CatalogReader.virtualPrices());
            }
            List<XmlNode> page = client.rows(WebserviceCall.of(sync.access(), "combinations", params),
                client.syncOptions(sync.meter())).rows();
            rows.addAll(page);
            if (page.size() < pageSize) {
                return rows;
            }
            offset += page.size();
        }
    }
}

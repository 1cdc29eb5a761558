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
 * {@link PriceRefresh} asks them for the products whose price inputs moved, with {@link #prices}.
 */
@Component
class CombinationRanges {

    private final WebserviceClient client;
    private final FallbackPricing fallback;
    private final int pageSize;

    CombinationRanges(WebserviceClient client, FallbackPricing fallback,
                      @Value("${somarket.sync.combination-page-size:2000}") int pageSize) {
        this.client = client;
        this.fallback = fallback;
        this.pageSize = pageSize;
    }

    /** The light combinations of the products with ids in [first, last], by product, each in id order. */
    Map<Long, List<LightCombination>> of(ShopSyncContext sync, long first, long last) {
        Map<Long, List<LightCombination>> byProduct = new HashMap<>();
        boolean prices = sync.pricesInSweep();
        String fields = LightCombination.FIELDS + (prices ? "," + CatalogReader.FINAL_PRICE + ","
            + CatalogReader.REGULAR_PRICE : "");
        try {
            for (XmlNode row : pages(sync, "[" + fields + "]", "[" + first + "," + last + "]", prices)) {
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
        return byProduct;
    }

    /**
     * The computed prices of the combinations of the products this filter names ({@code [a|b|c]} or a range
     * {@code [first,last]}): rows of id, id_product and the two prices.
     */
    List<XmlNode> prices(ShopSyncContext sync, String productFilter) {
        return pages(sync, "[id,id_product," + CatalogReader.FINAL_PRICE + "," + CatalogReader.REGULAR_PRICE + "]",
            productFilter, true);
    }

    private List<XmlNode> pages(ShopSyncContext sync, String display, String products, boolean prices) {
        List<XmlNode> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("display", display);
            params.put("filter[id_product]", products);
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

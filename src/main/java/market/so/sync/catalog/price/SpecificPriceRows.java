package market.so.sync.catalog.price;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.xml.XmlNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every specific price that may concern a visitor (cart- and customer-specific rows are filtered by the
 * shop), in pages sorted by id until a short page. Read once per sync: by the change detection of the shop's
 * computed prices ({@link PriceInputsReader}, before the sweep), which keeps those for every shopper on the sync,
 * parsed, for our own price computation should the shop turn out not to compute prices ({@link FallbackPricing}).
 * What is kept is a record per row (not the catalogue), for one sync.
 */
@Component
public class SpecificPriceRows {

    private final WebserviceClient client;
    private final int pageSize;

    public SpecificPriceRows(WebserviceClient client, @Value("${somarket.sync.stock-page-size:5000}") int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /** Reads every row, each to {@code row} as it comes, and keeps those for every shopper on the sync. */
    public void each(ShopSyncContext sync, Consumer<XmlNode> row) {
        List<SpecificPrice> kept = new ArrayList<>();
        int offset = 0;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("display", "full");
            params.put("filter[id_cart]", "[0]");
            params.put("filter[id_customer]", "[0]");
            params.put("sort", "[id_ASC]");
            params.put("limit", offset + "," + pageSize);
            int[] rows = {0};
            client.stream(WebserviceCall.of(sync.access(), "specific_prices", params), 2, node -> {
                rows[0]++;
                row.accept(node);
                SpecificPrice price = SpecificPrice.of(node);
                if (price.isForEveryShopper()) {
                    kept.add(price);
                }
            }, client.syncOptions(sync.meter()));
            if (rows[0] < pageSize) {
                sync.specificPrices(Collections.unmodifiableList(kept));
                return;
            }
            offset += rows[0];
        }
    }

    /** The rows for every shopper: those this sync has read already, else read now. */
    public List<SpecificPrice> forEveryShopper(ShopSyncContext sync) {
        if (sync.specificPrices() == null) {
            each(sync, row -> { });
        }
        return sync.specificPrices();
    }
}

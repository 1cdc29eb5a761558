package market.so.sync.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Reads variants with few requests: the attribute names once per sync (they are small lists), and
 * the combinations of a whole page of products in one request
 * ({@code filter[id_product]=[1|2|3]}), with the final prices computed by the shop like the
 * products'. A shop that refuses the price fields gets its combinations without them, and the
 * mapper computes the prices.
 */
@Component("combinations")
public class CombinationReader {

    private final WebserviceClient client;

    public CombinationReader(WebserviceClient client) {
        this.client = client;
    }

    /** Attribute groups and values, once per sync. */
    public void readOptions(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        List<XmlNode> options = list(sync, "product_options", "[id,position,name,public_name]");
        List<XmlNode> values = list(sync, "product_option_values", "[id,id_attribute_group,name]");
        sync.options(OptionNames.of(options, values, sync.languageId()));
    }

    /** The page with the combinations of its products that have some. */
    public CatalogPage attach(List<XmlNode> products, @ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        StringJoiner ids = new StringJoiner("|", "[", "]");
        for (XmlNode product : products) {
            if (!ProductMapper.associationIds(product, "combinations").isEmpty()) {
                ids.add(product.value("id"));
            }
        }
        if (ids.length() == 2) {
            return new CatalogPage(products, Map.of());
        }
        Map<Long, List<XmlNode>> byProduct = new HashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", "full");
        params.put("filter[id_product]", ids.toString());
        params.put("sort", "[id_ASC]");
        if (sync.languageId() != null) {
            params.put("language", sync.languageId());
        }
        if (!sync.pricesComputedByUs()) {
            params.putAll(CatalogReader.virtualPrices());
        }
        try {
            fetch(sync, params, byProduct);
        } catch (WebserviceException e) {
            if (!CatalogReader.refusedPriceFields(e) || sync.pricesComputedByUs()) {
                throw e;
            }
            CatalogReader.virtualPrices().keySet().forEach(params::remove);
            byProduct.clear();
            fetch(sync, params, byProduct);
        }
        return new CatalogPage(products, byProduct);
    }

    private void fetch(ShopSyncContext sync, Map<String, String> params, Map<Long, List<XmlNode>> byProduct) {
        client.stream(WebserviceCall.of(sync.access(), "combinations", params), 2, combination -> {
            Long product = combination.longValue("id_product");
            if (product != null) {
                byProduct.computeIfAbsent(product, p -> new ArrayList<>()).add(combination);
            }
        }, client.syncOptions(sync.meter()));
    }

    private List<XmlNode> list(ShopSyncContext sync, String resource, String display) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", display);
        if (sync.languageId() != null) {
            params.put("language", sync.languageId());
        }
        List<XmlNode> rows = new ArrayList<>();
        client.stream(WebserviceCall.of(sync.access(), resource, params), 2, rows::add, client.syncOptions(sync.meter()));
        return rows;
    }
}

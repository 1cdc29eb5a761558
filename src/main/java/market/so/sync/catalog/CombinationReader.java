package market.so.sync.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.xml.XmlNode;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Reads the names of the variants' attributes ("Taille", "M"), in every language the shop keeps, once per sync and only when a product
 * of the shop has variants (they are small lists). The combinations themselves are swept with the
 * products (catalog.sweep.CombinationCursor).
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
        List<XmlNode> values = list(sync, "product_option_values", "[id,id_attribute_group,position,name]");
        Map<String, OptionNames> others = new LinkedHashMap<>();
        sync.otherLanguages().forEach((id, iso) -> others.put(iso,
            OptionNames.of(options, values, id, iso, sync.languageId())));
        sync.options(OptionNames.of(options, values, sync.languageId(), sync.languageIso()), others);
    }

    private List<XmlNode> list(ShopSyncContext sync, String resource, String display) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", display);
        if (sync.languageFilter() != null) {
            params.put("language", sync.languageFilter()); // else every language, for the other languages' labels
        }
        return client.rows(WebserviceCall.of(sync.access(), resource, params), client.syncOptions(sync.meter())).rows();
    }
}

package market.so.sync.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a shop's catalogue from its webservice, in the order route {@code sync-shop} needs it:
 * reference data (language, currency, stock policy) and the whole stock in large light pages. The
 * products come from the light sweep (catalog.sweep), which asks for the prices the shop computes.
 */
@Component("catalogReader")
public class CatalogReader {

    /** Virtual price fields computed by PrestaShop: tax included, with and without reductions. */
    public static final String FINAL_PRICE = "somarket_final_ti";
    public static final String REGULAR_PRICE = "somarket_regular_ti";

    /** Configuration values the sync reads, in one request. */
    static final List<String> CONFIGURATION = List.of("PS_LANG_DEFAULT", "PS_CURRENCY_DEFAULT", "PS_ORDER_OUT_OF_STOCK",
        "PS_COUNTRY_DEFAULT", "PS_TAX", "PS_CUSTOMER_GROUP", "PS_SHOP_DEFAULT", "PS_REWRITING_SETTINGS");

    private final WebserviceClient client;
    private final int stockPageSize;
    private final int rowBudget;

    public CatalogReader(WebserviceClient client,
                         @Value("${somarket.sync.stock-page-size:5000}") int stockPageSize,
                         @Value("${somarket.sync.max-products-per-shop:250000}") int rowBudget) {
        this.client = client;
        this.stockPageSize = stockPageSize;
        this.rowBudget = rowBudget;
    }

    /** Languages and configuration: French if the shop has it, else its default language. */
    public void readReferenceData(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        Map<String, String> config = configuration(sync);
        sync.config(config);
        XmlNode languages = client.document(sync.access(), "languages",
            Map.of("display", "[id,iso_code,active]"), client.syncOptions(sync.meter()));
        String frenchId = null;
        String defaultId = config.get("PS_LANG_DEFAULT");
        String firstId = null;
        Map<String, String> isoById = new HashMap<>();
        for (XmlNode language : list(languages, "languages")) {
            String id = language.value("id");
            String iso = language.value("iso_code");
            isoById.put(id, iso);
            if (firstId == null) {
                firstId = id;
            }
            if ("fr".equalsIgnoreCase(iso) && language.flag("active", true) && frenchId == null) {
                frenchId = id;
            }
        }
        String chosen = frenchId != null ? frenchId : (defaultId != null && isoById.containsKey(defaultId) ? defaultId : firstId);
        sync.locale(chosen, isoById.get(chosen), currency(sync, config.get("PS_CURRENCY_DEFAULT")),
            "1".equals(config.get("PS_ORDER_OUT_OF_STOCK")));
    }

    private Map<String, String> configuration(ShopSyncContext sync) {
        XmlNode root = client.document(sync.access(), "configurations", Map.of(
            "display", "[name,value,id_shop]",
            "filter[name]", "[" + String.join("|", CONFIGURATION) + "]"),
            client.syncOptions(sync.meter()));
        Map<String, String> values = new HashMap<>();
        for (XmlNode row : list(root, "configurations")) {
            String name = row.value("name");
            String idShop = row.value("id_shop");
            boolean ours = sync.access().idShop() != null && String.valueOf(sync.access().idShop()).equals(idShop);
            if (name != null && (ours || !values.containsKey(name))) {
                values.put(name, row.value("value"));
            }
        }
        return values;
    }

    private String currency(ShopSyncContext sync, String currencyId) {
        if (currencyId == null) {
            return "EUR";
        }
        XmlNode root = client.document(sync.access(), "currencies",
            Map.of("display", "[id,iso_code]", "filter[id]", "[" + currencyId + "]"), client.syncOptions(sync.meter()));
        List<XmlNode> currencies = list(root, "currencies");
        return currencies.isEmpty() || currencies.get(0).value("iso_code") == null ? "EUR" : currencies.get(0).value("iso_code");
    }

    /** The whole stock, in pages of {@code somarket.sync.stock-page-size} rows of five fields. */
    public void readStock(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        int offset = 0;
        while (true) {
            // collected per answer, so a page asked again after a broken-off body never counts twice
            List<XmlNode> page = client.rows(WebserviceCall.of(sync.access(), "stock_availables", page(
                "[id,id_product,id_product_attribute,quantity,out_of_stock]", offset, stockPageSize)),
                client.syncOptions(sync.meter())).rows();
            for (XmlNode row : page) {
                Long product = row.longValue("id_product");
                Long variant = row.longValue("id_product_attribute");
                Long quantity = row.longValue("quantity");
                Long policy = row.longValue("out_of_stock");
                if (product != null) {
                    sync.stock().put(product, variant == null ? 0 : variant,
                        quantity == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, quantity)),
                        policy == null ? 2 : policy.intValue());
                }
            }
            int[] rows = {page.size()};
            offset += rows[0];
            if (rows[0] < stockPageSize) {
                return; // a short page is the end of the list (docs/decisions/0010)
            }
            if (offset > rowBudget * 50) {
                throw new WebserviceException(ShopStatus.SYNC_FAILED, "more than " + offset
                    + " stock rows: the read was stopped (somarket.sync.max-products-per-shop)");
            }
        }
    }

    /**
     * The shop computes, per product and combination, the price a visitor pays tax included with its
     * reductions and without them ({@code decimals=6}; we round to cents).
     */
    public static Map<String, String> virtualPrices() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("price[" + FINAL_PRICE + "][use_tax]", "1");
        params.put("price[" + FINAL_PRICE + "][decimals]", "6");
        params.put("price[" + REGULAR_PRICE + "][use_tax]", "1");
        params.put("price[" + REGULAR_PRICE + "][use_reduction]", "0");
        params.put("price[" + REGULAR_PRICE + "][decimals]", "6");
        return params;
    }

    /** A 400 to a request with {@code price[...]}: the shop's version does not compute prices for us. */
    public static boolean refusedPriceFields(WebserviceException e) {
        return e instanceof WebserviceException.BadRequest;
    }

    private static Map<String, String> page(String display, int offset, int size) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", display);
        params.put("sort", "[id_ASC]");
        params.put("limit", offset + "," + size);
        return params;
    }

    private static List<XmlNode> list(XmlNode root, String section) {
        XmlNode list = root == null ? null : root.child(section);
        return list == null ? List.of() : list.children();
    }
}

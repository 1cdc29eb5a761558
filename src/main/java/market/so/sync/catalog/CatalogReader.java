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
        "PS_COUNTRY_DEFAULT", "PS_TAX", "PS_CUSTOMER_GROUP", "PS_SHOP_DEFAULT", "PS_REWRITING_SETTINGS",
        "PS_MULTISHOP_FEATURE_ACTIVE", "PS_COMBINATION_FEATURE_ACTIVE");

    private final WebserviceClient client;
    private final MultistoreShops multistore;
    private final int stockPageSize;
    private final int rowBudget;

    public CatalogReader(WebserviceClient client, MultistoreShops multistore,
                         @Value("${somarket.sync.stock-page-size:5000}") int stockPageSize,
                         @Value("${somarket.sync.max-products-per-shop:250000}") int rowBudget) {
        this.client = client;
        this.multistore = multistore;
        this.stockPageSize = stockPageSize;
        this.rowBudget = rowBudget;
    }

    /**
     * Languages and configuration, for the shop's own shop of a multistore PrestaShop (MultistoreShops):
     * the texts in the shop's default language (PS_LANG_DEFAULT), else French, else its first language
     * (docs/decisions/0026).
     */
    public void readReferenceData(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        List<XmlNode> rows = configurationRows(sync);
        if (sync.access().idShop() == null && "1".equals(configuration(rows, null).get("PS_MULTISHOP_FEATURE_ACTIVE"))) {
            Integer idShop = multistore.idShopAt(sync);
            if (idShop != null) {
                sync.inShop(idShop);
            }
        }
        Map<String, String> config = configuration(rows, sync.access().idShop());
        sync.config(config);
        XmlNode languages = client.document(sync.access(), "languages",
            Map.of("display", "[id,iso_code,active]"), client.syncOptions(sync.meter()));
        Map<String, String> isoById = new HashMap<>();
        List<XmlNode> list = list(languages, "languages");
        String chosen = chooseLanguage(list, config.get("PS_LANG_DEFAULT"));
        list.forEach(l -> isoById.put(l.value("id"), l.value("iso_code")));
        sync.locale(chosen, isoById.get(chosen), currency(sync, config.get("PS_CURRENCY_DEFAULT")),
            "1".equals(config.get("PS_ORDER_OUT_OF_STOCK")));
        sync.otherLanguages(otherLanguages(list, chosen));
    }

    /** The active languages but the chosen one, with a usable iso code, id to lower-case iso code in id order. */
    static Map<String, String> otherLanguages(List<XmlNode> languages, String chosenId) {
        Map<String, String> others = new java.util.TreeMap<>(java.util.Comparator
            .comparingLong((String id) -> id.matches("\\d{1,18}") ? Long.parseLong(id) : Long.MAX_VALUE)
            .thenComparing(java.util.Comparator.naturalOrder()));
        String chosenIso = languages.stream().filter(l -> chosenId != null && chosenId.equals(l.value("id")))
            .map(l -> l.value("iso_code")).filter(java.util.Objects::nonNull).findFirst().orElse("");
        for (XmlNode language : languages) {
            String id = language.value("id");
            String iso = language.value("iso_code");
            if (id != null && !id.equals(chosenId) && !chosenIso.equalsIgnoreCase(iso) && language.flag("active", true) && iso != null
                && ProductText.isLanguageCode(iso)) {
                others.putIfAbsent(id, iso.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return others;
    }

    /** The default language when the shop lists it active, else its first active French, else its first language. */
    static String chooseLanguage(List<XmlNode> languages, String defaultId) {
        String frenchId = null;
        String firstId = null;
        for (XmlNode language : languages) {
            String id = language.value("id");
            boolean active = language.flag("active", true);
            if (active && id != null && id.equals(defaultId)) {
                return id;
            }
            firstId = firstId == null ? id : firstId;
            if (frenchId == null && active && "fr".equalsIgnoreCase(language.value("iso_code"))) {
                frenchId = id;
            }
        }
        return frenchId != null ? frenchId : firstId;
    }

    private List<XmlNode> configurationRows(ShopSyncContext sync) {
        XmlNode root = client.document(sync.access(), "configurations", Map.of(
            "display", "[name,value,id_shop]",
            "filter[name]", "[" + String.join("|", CONFIGURATION) + "]"),
            client.syncOptions(sync.meter()));
        return list(root, "configurations");
    }

    /**
     * Each name's value for shop {@code idShop}: its own row, else the global row (no {@code id_shop}), else the
     * first row listed.
     */
    static Map<String, String> configuration(List<XmlNode> rows, Integer idShop) {
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> ranks = new HashMap<>();
        for (XmlNode row : rows) {
            String name = row.value("name");
            String rowShop = row.value("id_shop");
            int rank = idShop != null && String.valueOf(idShop).equals(rowShop) ? 2 : (rowShop == null ? 1 : 0);
            if (name != null && rank >= ranks.getOrDefault(name, 0) && !(rank == 0 && values.containsKey(name))) {
                values.put(name, row.value("value"));
                ranks.put(name, rank);
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
            // one shop of a multistore: PrestaShop lists every shop's stock rows whatever the id_shop; ours are kept
            Integer idShop = sync.access().idShop();
            List<XmlNode> page = client.rows(WebserviceCall.of(sync.access(), "stock_availables", page(
                idShop == null ? "[id,id_product,id_product_attribute,quantity,out_of_stock]"
                    : "[id,id_product,id_product_attribute,quantity,out_of_stock,id_shop]", offset, stockPageSize)),
                client.syncOptions(sync.meter())).rows();
            for (XmlNode row : page) {
                if (idShop != null && !MultistoreShops.ourStockRow(row, idShop)) {
                    continue;
                }
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

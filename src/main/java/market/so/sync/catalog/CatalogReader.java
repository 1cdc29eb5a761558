package market.so.sync.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import market.so.sync.catalog.price.FallbackPricing;
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
 * reference data (language, currency, stock policy), the whole stock in large light pages, then the
 * products page by page with the prices the shop computes itself. Pages are sorted by id and read
 * until an empty page; a shop with more rows than the budget fails loudly instead of being cut short.
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
    private final FallbackPricing fallback;
    private final int pageSize;
    private final int stockPageSize;
    private final int rowBudget;

    public CatalogReader(WebserviceClient client, FallbackPricing fallback,
                         @Value("${somarket.sync.page-size:100}") int pageSize,
                         @Value("${somarket.sync.stock-page-size:2000}") int stockPageSize,
                         @Value("${somarket.sync.max-products-per-shop:250000}") int rowBudget) {
        this.client = client;
        this.fallback = fallback;
        this.pageSize = pageSize;
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

    /** The whole stock, in pages of {@code somarket.sync.stock-page-size} rows of four fields. */
    public void readStock(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        int offset = 0;
        while (true) {
            int[] rows = {0};
            client.stream(WebserviceCall.of(sync.access(), "stock_availables", page(
                    "[id,id_product,id_product_attribute,quantity,out_of_stock]", offset, stockPageSize)), 2, row -> {
                    rows[0]++;
                    Long product = row.longValue("id_product");
                    Long variant = row.longValue("id_product_attribute");
                    Long quantity = row.longValue("quantity");
                    Long policy = row.longValue("out_of_stock");
                    if (product != null) {
                        sync.stock().put(product, variant == null ? 0 : variant,
                            quantity == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, quantity)),
                            policy == null ? 2 : policy.intValue());
                    }
                }, client.syncOptions(sync.meter()));
            if (rows[0] == 0) {
                return;
            }
            offset += rows[0];
            if (offset > rowBudget * 50) {
                throw new WebserviceException(ShopStatus.SYNC_FAILED, "more than " + offset
                    + " stock rows: the read was stopped (somarket.sync.max-products-per-shop)");
            }
        }
    }

    /** The product pages, fetched one at a time as the splitter asks for the next. */
    /**
     * The next page of products for the {@code loop} of route {@code fetch-catalog}; sets property
     * {@code morePages} to false (and answers an empty page) once the shop's pages are exhausted.
     * A loop rather than a streaming split over {@link #productPages}: a splitter whose iterator
     * itself calls Camel (each page is a webservice call) never completed inside the transacted
     * route once a shop had several pages.
     */
    @SuppressWarnings("unchecked")
    public List<XmlNode> nextPage(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync, org.apache.camel.Exchange exchange) {
        Iterator<List<XmlNode>> pages = exchange.getProperty("productPages", Iterator.class);
        if (pages == null) {
            pages = productPages(sync);
            exchange.setProperty("productPages", pages);
        }
        boolean more = pages.hasNext();
        exchange.setProperty("morePages", more);
        return more ? pages.next() : List.of();
    }

    public Iterator<List<XmlNode>> productPages(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        return new Iterator<>() {
            private int offset;
            private List<XmlNode> next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = fetch(sync, offset);
                    offset += next.size();
                    if (next.isEmpty()) {
                        done = true;
                        next = null;
                    } else if (offset > rowBudget) {
                        throw new WebserviceException(ShopStatus.SYNC_FAILED, "the shop lists more than " + rowBudget
                            + " products (somarket.sync.max-products-per-shop): the sync was stopped, nothing changed");
                    }
                }
                return next != null;
            }

            @Override
            public List<XmlNode> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<XmlNode> page = next;
                next = null;
                return page;
            }
        };
    }

    private List<XmlNode> fetch(ShopSyncContext sync, int offset) {
        Map<String, String> params = page("full", offset, pageSize);
        if (sync.languageId() != null) {
            params.put("language", sync.languageId());
        }
        if (!sync.pricesComputedByUs()) {
            params.putAll(virtualPrices());
        }
        List<XmlNode> products = new ArrayList<>(pageSize);
        try {
            client.stream(WebserviceCall.of(sync.access(), "products", params), 2, products::add, client.syncOptions(sync.meter()));
        } catch (WebserviceException e) {
            if (!refusedPriceFields(e) || sync.pricesComputedByUs()) {
                throw e;
            }
            // an old version that does not know the price[...] virtual fields: the same page without them
            virtualPrices().keySet().forEach(params::remove);
            products.clear();
            fallback.engage(sync);
            client.stream(WebserviceCall.of(sync.access(), "products", params), 2, products::add, client.syncOptions(sync.meter()));
        }
        return products;
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

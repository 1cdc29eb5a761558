package market.so.sync.catalog.price;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.CatalogReader;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.xml.XmlNode;
import org.springframework.stereotype.Component;

/**
 * Decides once per sync whether the shop computes prices (it refused or ignored the {@code price[...]} fields
 * on a normal page: then not) and loads, only when it does not, what
 * {@link ComputedPrices} needs: the tax rules of the shop's default country, the taxes, and the
 * specific prices of every shopper (cart- and customer-specific rows are filtered by the shop).
 */
@Component("fallbackPricing")
public class FallbackPricing {

    private final WebserviceClient client;
    private final SpecificPriceCalculator calculator;
    private final SpecificPriceRows specificPriceRows;

    public FallbackPricing(WebserviceClient client, SpecificPriceCalculator calculator,
                           SpecificPriceRows specificPriceRows) {
        this.client = client;
        this.calculator = calculator;
        this.specificPriceRows = specificPriceRows;
    }

    static final String NOTE = "prices computed by So.market from the shop's taxes and specific prices: "
        + "its webservice does not compute them (price[...] fields refused or ignored)";

    /** Rows asked for to tell a shop that ignores the {@code price[...]} fields from a few products without a price. */
    static final int CHECK_ROWS = 5;

    /**
     * A page came back with rows that lack the {@code price[...]} fields. Whether the shop ignores them is
     * decided once per sync, on a normal page - the first products of the catalogue, ids and prices only:
     * if none of them carries a price, the shop ignores the fields and we compute prices from here on;
     * otherwise the rows without a price are odd products, skipped and reported by the sweep (never stored
     * at 0), and one such product never rewrites the prices of the whole shop.
     */
    public void rowsWithoutPrices(ShopSyncContext sync) {
        if (sync.pricesComputedByUs() || sync.pricingChecked()) {
            return;
        }
        sync.pricingChecked(true);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", "[id," + CatalogReader.FINAL_PRICE + "," + CatalogReader.REGULAR_PRICE + "]");
        params.put("sort", "[id_ASC]");
        params.put("limit", "0," + CHECK_ROWS);
        params.putAll(CatalogReader.virtualPrices());
        List<XmlNode> rows;
        try {
            rows = client.rows(WebserviceCall.of(sync.access(), "products", params), client.syncOptions(sync.meter())).rows();
        } catch (market.so.sync.prestashop.WebserviceException.BadRequest refused) {
            engage(sync);
            return;
        }
        if (!rows.isEmpty() && rows.stream().allMatch(r -> r.child(CatalogReader.FINAL_PRICE) == null)) {
            engage(sync);
        }
    }

    /** Switches the sync to our own prices (once), and says so on the shop. */
    public void engage(ShopSyncContext sync) {
        if (!sync.pricesComputedByUs()) {
            sync.computedPrices(load(sync));
            sync.note(NOTE);
        }
    }

    public ComputedPrices load(ShopSyncContext sync) {
        long country = number(sync.config("PS_COUNTRY_DEFAULT"));
        Long idShop = sync.access().idShop() != null ? Long.valueOf(sync.access().idShop())
            : Long.valueOf(number(sync.config("PS_SHOP_DEFAULT"), 1));
        PriceContext context = new PriceContext(idShop, number(sync.config("PS_CURRENCY_DEFAULT")), country,
            number(sync.config("PS_CUSTOMER_GROUP"), 3), LocalDateTime.now());
        TaxLists lists = taxLists(sync, country);
        TaxRates taxes = TaxRates.of(lists.rules(), lists.taxes(), country);
        boolean taxIncluded = !"0".equals(sync.config("PS_TAX"));
        return new ComputedPrices(calculator, taxes, taxIncluded, specificPrices(sync, context), context);
    }

    private Map<Long, List<SpecificPrice>> specificPrices(ShopSyncContext sync, PriceContext context) {
        Map<Long, List<SpecificPrice>> byProduct = new HashMap<>();
        for (SpecificPrice row : specificPriceRows.forEveryShopper(sync)) { // mostly read before the sweep already
            if (calculator.applies(row, context)) {
                byProduct.computeIfAbsent(row.productId(), p -> new ArrayList<>()).add(row);
            }
        }
        return byProduct;
    }

    /** The tax rules of the shop's country (every state) and the taxes they name, as the shop lists them. */
    public record TaxLists(List<XmlNode> rules, List<XmlNode> taxes) {
    }

    /**
     * The tax lists, read once per sync: by {@link PriceInputsReader} before the sweep, kept on the sync for our own
     * prices should the shop turn out not to compute them.
     */
    TaxLists taxLists(ShopSyncContext sync, long country) {
        TaxLists read = sync.taxLists();
        if (read == null) {
            List<XmlNode> rules = list("tax_rules", Map.of("filter[id_country]", "[" + country + "]",
                "display", "[id,id_tax_rules_group,id_country,id_state,id_tax,behavior]"), sync);
            read = new TaxLists(rules, list("taxes", Map.of("display", "[id,rate,active,deleted]"), sync));
            sync.taxLists(read);
        }
        return read;
    }

    private List<XmlNode> list(String resource, Map<String, String> params, ShopSyncContext sync) {
        List<XmlNode> rows = new ArrayList<>();
        client.stream(WebserviceCall.of(sync.access(), resource, params), 2, rows::add, client.syncOptions(sync.meter()));
        return rows;
    }

    static long number(String value) {
        return number(value, 0);
    }

    private static long number(String value, long absent) {
        try {
            return value == null ? absent : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}

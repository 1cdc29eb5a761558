package market.so.sync.catalog.price;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.ShopSyncs;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Route step of {@code fetch-catalog}, before the sweep: reads the cheap lists that move a computed
 * price without moving the product's {@code date_upd} - the specific prices, the tax rules of the
 * shop's country and the tax rates (docs/decisions/0025) - so that the sweep asks the shop's computed
 * prices only for the products whose inputs changed. A key that cannot read the tax lists (they are not
 * required) leaves the sweep asking every product's prices, as a first sync does.
 */
@Component("priceInputs")
public class PriceInputsReader {

    /** The configuration values a computed price depends on and the sync reads anyway. */
    private static final List<String> SETTINGS = List.of("PS_TAX", "PS_COUNTRY_DEFAULT", "PS_CURRENCY_DEFAULT",
        "PS_CUSTOMER_GROUP", "PS_SHOP_DEFAULT");

    private final SpecificPriceRows specificPrices;
    private final FallbackPricing lists;
    private final Duration margin;
    private final Clock clock;

    @Autowired
    public PriceInputsReader(SpecificPriceRows specificPrices, FallbackPricing lists,
                             @Value("${somarket.sync.price-date-margin:PT15H}") Duration margin) {
        this(specificPrices, lists, margin, Clock.systemUTC());
    }

    PriceInputsReader(SpecificPriceRows specificPrices, FallbackPricing lists, Duration margin, Clock clock) {
        this.specificPrices = specificPrices;
        this.lists = lists;
        this.margin = margin;
        this.clock = clock;
    }

    public void read(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        if (sync.pricesComputedByUs()) {
            return;
        }
        long country = FallbackPricing.number(sync.config("PS_COUNTRY_DEFAULT"));
        Map<Long, String> taxGroups;
        try {
            FallbackPricing.TaxLists tax = lists.taxLists(sync, country);
            taxGroups = taxGroups(tax.rules(), tax.taxes());
        } catch (WebserviceException.MissingPermission | WebserviceException.InvalidKey
                 | WebserviceException.BadRequest notReadable) {
            // a key without those lists, or a shop (the demo, a trimmed webservice) that does not serve them
            // (400, code 27): every computed price is asked in the sweep, as on a first sync
            sync.pricesInSweep(true);
            return;
        }
        Map<Long, StringBuilder> rows = new HashMap<>();
        Map<Long, List<String>> dates = new HashMap<>();
        Set<Long> namedCombinations = new HashSet<>();
        specificPrices.each(sync, node -> {
            Long combination = node.longValue("id_product_attribute");
            if (combination != null && combination != 0) {
                namedCombinations.add(combination);
            }
            Long product = node.longValue("id_product");
            long id = product == null ? 0 : product;
            rows.computeIfAbsent(id, p -> new StringBuilder()).append(text(node)).append('\n');
            List<String> bounds = dates.computeIfAbsent(id, p -> new ArrayList<>());
            bounds.add(node.value("from"));
            bounds.add(node.value("to"));
        });
        Map<Long, String> byProduct = new HashMap<>();
        rows.forEach((product, text) -> byProduct.put(product, PriceInputs.shortHash(text.toString())));
        StringBuilder settings = new StringBuilder();
        SETTINGS.forEach(name -> settings.append(name).append('=').append(sync.config(name)).append(';'));
        sync.priceInputs(new PriceInputs(byProduct, dates, taxGroups, namedCombinations,
            "0".equals(sync.config("PS_COMBINATION_FEATURE_ACTIVE")), settings.toString(),
            LocalDateTime.now(clock), margin));
    }

    /** Each group's rules in the country (every field) and the rates they name, as one text. */
    static Map<Long, String> taxGroups(List<XmlNode> rules, List<XmlNode> taxes) {
        Map<Long, String> rates = new HashMap<>();
        for (XmlNode tax : taxes) {
            rates.put(tax.longValue("id"), text(tax));
        }
        Map<Long, StringBuilder> byGroup = new TreeMap<>();
        for (XmlNode rule : rules) {
            Long group = rule.longValue("id_tax_rules_group");
            if (group != null) {
                byGroup.computeIfAbsent(group, g -> new StringBuilder()).append(text(rule)).append('>')
                    .append(rates.get(rule.longValue("id_tax"))).append('\n');
            }
        }
        Map<Long, String> result = new HashMap<>();
        byGroup.forEach((group, text) -> result.put(group, PriceInputs.shortHash(text.toString())));
        return result;
    }

    /** Every field of a row, in the shop's order. */
    private static String text(XmlNode row) {
        StringBuilder text = new StringBuilder();
        for (XmlNode field : row.children()) {
            text.append(field.name()).append('=').append(field.text()).append('|');
        }
        return text.toString();
    }
}

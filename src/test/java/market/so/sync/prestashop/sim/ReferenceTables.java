package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference data a catalogue puller reads first (languages, currency, configuration, image
 * types, taxes, shop, attribute groups), identical for every simulated shop: a French shop (en = 1,
 * fr = 2, French the default, as the real demo shops), EUR, 20 % VAT in France (country 8) and friendly
 * URLs on. {@link SimShop#configuration} changes a configuration value.
 */
final class ReferenceTables {

    static final String DATE = "2026-11-28 14:42:28";

    private ReferenceTables() {
    }

    static List<Table> all(Fixtures fixtures, String shopName, String host, String physicalUri) {
        return List.of(
                new ListTable("languages", "language", fixtures.languages()),
                new ListTable("currencies", "currency", List.of(currency())),
                new ListTable("configurations", "configuration", configurations(shopName, host, physicalUri)),
                new ListTable("image_types", "image_type", imageTypes()),
                new ListTable("tax_rule_groups", "tax_rule_group", taxRuleGroups()),
                new ListTable("tax_rules", "tax_rule", taxRules()),
                new ListTable("taxes", "tax", taxes()),
                new ListTable("shops", "shop", List.of(shop(shopName))),
                new ListTable("shop_urls", "shop_url", List.of(shopUrl(host, physicalUri))),
                new ListTable("product_options", "product_option", Attributes.optionObjects()),
                new ListTable("product_option_values", "product_option_value", Attributes.valueObjects()));
    }

    private static SimObject currency() {
        return new ObjectBuilder(1).i18n("names", "Euro", "euro").plain("name", "Euro").i18n("symbol", "€")
                .plain("iso_code", "EUR").plain("numeric_iso_code", "978").plain("precision", 2)
                .plain("conversion_rate", "1.000000").plain("deleted", 0).plain("active", 1).plain("unofficial", 0)
                .plain("modified", 0).i18n("pattern", "", "").build();
    }

    /** The configurations table with {@code overrides} (name to value) in place of the defaults. */
    static ListTable configurationTable(String shopName, String host, String physicalUri, Map<String, String> overrides) {
        List<SimObject> rows = new ArrayList<>();
        for (SimObject row : configurations(shopName, host, physicalUri)) {
            String value = overrides.get(row.value("name"));
            rows.add(value == null ? row : row.withPlain("value", value));
        }
        return new ListTable("configurations", "configuration", rows);
    }

    private static List<SimObject> configurations(String shopName, String host, String physicalUri) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("PS_LANG_DEFAULT", "2"); // French, as in the real demo shops (en = 1, fr = 2)
        values.put("PS_CURRENCY_DEFAULT", "1");
        values.put("PS_COUNTRY_DEFAULT", Long.toString(Pricing.COUNTRY));
        values.put("PS_CUSTOMER_GROUP", Long.toString(Pricing.CUSTOMER_GROUP));
        values.put("PS_TAX", "1");
        values.put("PS_REWRITING_SETTINGS", "1");
        values.put("PS_ORDER_OUT_OF_STOCK", "0");
        values.put("PS_STOCK_MANAGEMENT", "1");
        values.put("PS_PRICE_ROUND_MODE", "2");
        values.put("PS_ROUND_TYPE", "1");
        values.put("PS_LEGACY_IMAGES", "0");
        values.put("PS_SSL_ENABLED", "0");
        values.put("PS_SHOP_DOMAIN", host);
        values.put("PS_SHOP_DOMAIN_SSL", host);
        values.put("PS_SHOP_NAME", shopName);
        values.put("PS_SHOP_EMAIL", "contact@example.com");
        values.put("PS_WEBSERVICE", "1");
        values.put("PS_MULTISHOP_FEATURE_ACTIVE", "0");
        values.put("PS_COMBINATION_FEATURE_ACTIVE", "1");
        values.put("PS_PHYSICAL_URI", physicalUri);
        List<SimObject> objects = new ArrayList<>();
        long id = 1;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            objects.add(new ObjectBuilder(id++).plain("value", entry.getValue()).plain("name", entry.getKey())
                    .plain("id_shop_group", "").plain("id_shop", "").plain("date_add", DATE).plain("date_upd", DATE)
                    .build());
        }
        return objects;
    }

    private static List<SimObject> imageTypes() {
        Object[][] types = {
            {"cart_default", 125, 125, 1, 0}, {"small_default", 98, 98, 1, 1}, {"medium_default", 452, 452, 1, 1},
            {"home_default", 250, 250, 1, 0}, {"large_default", 800, 800, 1, 1}, {"category_default", 141, 180, 0, 1},
            {"stores_default", 170, 115, 0, 0}};
        List<SimObject> objects = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            Object[] t = types[i];
            objects.add(new ObjectBuilder(i + 1).plain("name", (String) t[0]).plain("width", (int) t[1])
                    .plain("height", (int) t[2]).plain("categories", (int) t[4]).plain("products", (int) t[3])
                    .plain("manufacturers", (int) t[4]).plain("suppliers", (int) t[4])
                    .plain("stores", t[0].equals("stores_default") ? 1 : 0).build());
        }
        return objects;
    }

    static List<String> productImageTypes() {
        return List.of("cart_default", "small_default", "medium_default", "home_default", "large_default");
    }

    private static List<SimObject> taxRuleGroups() {
        return List.of(taxRuleGroup(1, "FR Taux standard (20%)"), taxRuleGroup(2, "FR Taux réduit (10%)"),
                taxRuleGroup(3, "FR Taux réduit (5.5%)"));
    }

    private static SimObject taxRuleGroup(long id, String name) {
        return new ObjectBuilder(id).plain("name", name).plain("active", 1).plain("deleted", 0)
                .plain("date_add", DATE).plain("date_upd", DATE).build();
    }

    private static List<SimObject> taxRules() {
        List<SimObject> objects = new ArrayList<>();
        for (long group = 1; group <= 3; group++) {
            objects.add(new ObjectBuilder(group).link("id_tax_rules_group", "tax_rule_groups", group)
                    .plain("id_state", 0).link("id_country", "countries", Pricing.COUNTRY).plain("zipcode_from", "0")
                    .plain("zipcode_to", "0").plain("id_tax", group).plain("behavior", 0) // no xlink on id_tax in 8.1.2
                    .plain("description", "").build());
        }
        return objects;
    }

    private static List<SimObject> taxes() {
        return List.of(tax(1, "20.000", "TVA FR 20%"), tax(2, "10.000", "TVA FR 10%"), tax(3, "5.500", "TVA FR 5.5%"));
    }

    private static SimObject tax(long id, String rate, String name) {
        return new ObjectBuilder(id).plain("rate", rate).plain("active", 1).plain("deleted", 0).i18n("name", name).build();
    }

    private static SimObject shop(String name) {
        return new ObjectBuilder(1).link("id_shop_group", "shop_groups", 1).link("id_category", "categories", 2)
                .plain("active", 1).plain("deleted", 0).plain("name", name).plain("color", "")
                .plain("theme_name", "classic").build();
    }

    private static SimObject shopUrl(String host, String physicalUri) {
        return new ObjectBuilder(1).link("id_shop", "shops", 1).plain("active", 1).plain("main", 1)
                .plain("domain", host).plain("domain_ssl", host).plain("physical_uri", physicalUri)
                .plain("virtual_uri", "").build();
    }
}

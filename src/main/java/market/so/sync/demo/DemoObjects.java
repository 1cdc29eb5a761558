package market.so.sync.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.demo.WsObject.Field;
import market.so.sync.demo.WsObject.Item;

/**
 * Builds the demo's objects with the fields PrestaShop 8.1.2 gives each resource, in its order
 * (recorded from a real 8.1.2 shop: products, combinations, stock rows, categories, option groups and
 * values, languages, currencies, configuration, image types, specific prices).
 */
final class DemoObjects {

    static final String DATE = "2026-11-02 09:30:00";

    /** A product of the catalogue file, ready to render. {@code combinations}: [id, value ids...]. */
    record ProductSpec(long id, String name, String summary, String description, String rewrite, long category,
                       BigDecimal price, long taxGroup, boolean active, List<Long> images, List<long[]> combinations,
                       List<long[]> stockRows, boolean onSale) {
    }

    private final Map<Long, Long> parents = new HashMap<>();

    WsObject product(ProductSpec p) {
        long defaultCombination = p.combinations().isEmpty() ? 0 : p.combinations().get(0)[0];
        long cover = p.images().get(0);
        List<Long> categories = ancestry(p.category());
        WsObject.Builder b = WsObject.builder(p.id())
            .link("id_manufacturer", "manufacturers", 0).link("id_supplier", "suppliers", 0)
            .link("id_category_default", "categories", p.category()).plain("new", "")
            .plain("cache_default_attribute", defaultCombination)
            .getter("id_default_image", cover, "images/products/" + p.id() + "/" + cover)
            .getter("id_default_combination", defaultCombination, defaultCombination == 0 ? null : "combinations/" + defaultCombination)
            .link("id_tax_rules_group", "tax_rule_groups", p.taxGroup()).getter("position_in_category", p.id(), null)
            .getter("manufacturer_name", "", null).getter("quantity", 0, null).getter("type", "simple", null)
            .plain("id_shop_default", 1).plain("reference", "DCR-" + p.id()).plain("supplier_reference", "")
            .plain("location", "").plain("width", "0.000000").plain("height", "0.000000").plain("depth", "0.000000")
            .plain("weight", "0.300000").plain("quantity_discount", 0).plain("ean13", "").plain("isbn", "")
            .plain("upc", "").plain("mpn", "").plain("cache_is_pack", 0).plain("cache_has_attachments", 0)
            .plain("is_virtual", 0).plain("state", 1).plain("additional_delivery_times", 1)
            .i18n("delivery_in_stock", "").i18n("delivery_out_stock", "")
            .plain("product_type", p.combinations().isEmpty() ? "standard" : "combinations")
            .plain("on_sale", p.onSale() ? 1 : 0).plain("online_only", 0).plain("ecotax", "0.000000")
            .plain("minimal_quantity", 1).plain("low_stock_threshold", 0).plain("low_stock_alert", 0)
            .plain("price", money(p.price())).plain("wholesale_price", money(p.price().divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP)))
            .plain("unity", "").plain("unit_price", "0.000000").plain("unit_price_ratio", "0.000000")
            .plain("additional_shipping_cost", "0.000000").plain("customizable", 0).plain("text_fields", 0)
            .plain("uploadable_files", 0).plain("active", p.active() ? 1 : 0).plain("redirect_type", "301-category")
            .plain("id_type_redirected", 0).plain("available_for_order", 1).plain("available_date", "0000-00-00")
            .plain("show_condition", 0).plain("condition", "new").plain("show_price", 1).plain("indexed", 1)
            .plain("visibility", "both").plain("advanced_stock_management", 0).plain("date_add", DATE)
            .plain("date_upd", DATE).plain("pack_stock_type", 3)
            .i18n("meta_description", "").i18n("meta_keywords", "").i18n("meta_title", "")
            .i18n("link_rewrite", p.rewrite()).i18n("name", p.name())
            .i18n("description", "<p>" + p.description() + "</p>").i18n("description_short", "<p>" + p.summary() + "</p>")
            .i18n("available_now", "").i18n("available_later", "");
        List<Item> images = new ArrayList<>();
        p.images().forEach(image -> images.add(new Item("images/products/" + p.id() + "/" + image, List.of(plain("id", image)))));
        List<Long> combinationIds = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (long[] combination : p.combinations()) {
            combinationIds.add(combination[0]);
            for (int i = 1; i < combination.length; i++) {
                if (!values.contains(combination[i])) {
                    values.add(combination[i]);
                }
            }
        }
        List<Item> stock = new ArrayList<>();
        for (long[] row : p.stockRows()) {
            stock.add(new Item("stock_availables/" + row[0], List.of(plain("id", row[0]), plain("id_product_attribute", row[1]))));
        }
        return b.ids("categories", "category", "categories", categories).association("images", "image", "images", images)
            .ids("combinations", "combination", "combinations", combinationIds)
            .ids("product_option_values", "product_option_value", "product_option_values", values)
            .ids("product_features", "product_feature", "product_features", List.of()).ids("tags", "tag", "tags", List.of())
            .association("stock_availables", "stock_available", "stock_availables", stock)
            .ids("attachments", "attachment", "attachments", List.of()).ids("accessories", "product", "products", List.of())
            .ids("product_bundle", "product", "products", List.of()).build();
    }

    WsObject combination(long[] combination, long productId, String reference, BigDecimal impact, boolean isDefault, long image) {
        List<Long> values = new ArrayList<>();
        for (int i = 1; i < combination.length; i++) {
            values.add(combination[i]);
        }
        return WsObject.builder(combination[0]).link("id_product", "products", productId).plain("ean13", "")
            .plain("isbn", "").plain("upc", "").plain("mpn", "").plain("reference", reference).plain("supplier_reference", "")
            .plain("wholesale_price", "0.000000").plain("price", money(impact)).plain("ecotax", "0.000000")
            .plain("weight", "0.000000").plain("unit_price_impact", "0.000000").plain("minimal_quantity", 1)
            .plain("low_stock_threshold", 0).plain("low_stock_alert", 0).plain("default_on", isDefault ? "1" : "")
            .plain("available_date", "0000-00-00").i18n("available_now", "").i18n("available_later", "")
            .ids("product_option_values", "product_option_value", "product_option_values", values)
            .association("images", "image", "images/products",
                List.of(new Item("images/products/" + productId + "/" + image, List.of(plain("id", image)))))
            .build();
    }

    WsObject stockAvailable(long id, long productId, long combination, long quantity) {
        return WsObject.builder(id).link("id_product", "products", productId).plain("id_product_attribute", combination)
            .link("id_shop", "shops", 1).plain("id_shop_group", 0).plain("quantity", quantity)
            .plain("depends_on_stock", 0).plain("out_of_stock", 2).plain("location", "").build();
    }

    WsObject specificPrice(long id, long productId, BigDecimal reduction) {
        return WsObject.builder(id).plain("id_shop_group", 0).plain("id_shop", 0).plain("id_cart", 0)
            .link("id_product", "products", productId).plain("id_product_attribute", 0).plain("id_currency", 0)
            .plain("id_country", 0).plain("id_group", 0).plain("id_customer", 0).plain("id_specific_price_rule", 0)
            .plain("price", "-1.000000").plain("from_quantity", 1).plain("reduction", money(reduction))
            .plain("reduction_tax", 1).plain("reduction_type", "percentage")
            .plain("from", "0000-00-00 00:00:00").plain("to", "0000-00-00 00:00:00").build();
    }

    /** Root (1) and Home (2), then the file's categories. */
    List<WsObject> categories(List<Map<String, Object>> yaml) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, 0L, "Root", "Root", 0});
        rows.add(new Object[] {2L, 1L, "Accueil", "Home", 1});
        int position = 0;
        for (Map<String, Object> c : yaml) {
            rows.add(new Object[] {((Number) c.get("id")).longValue(), ((Number) c.get("parent")).longValue(),
                c.get("name"), c.get("en"), position++});
        }
        rows.forEach(r -> parents.put((Long) r[0], (Long) r[1]));
        List<WsObject> categories = new ArrayList<>();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            List<Long> children = rows.stream().filter(o -> (Long) o[1] == id).map(o -> (Long) o[0]).toList();
            categories.add(WsObject.builder(id).link("id_parent", "categories", (Long) r[1])
                .plain("level_depth", id == 1 ? 0 : ancestry(id).size())
                .getter("nb_products_recursive", 0, null).plain("active", 1).plain("id_shop_default", 1)
                .plain("is_root_category", id == 2 ? 1 : 0).plain("position", r[4]).plain("date_add", DATE)
                .plain("date_upd", DATE).i18n("name", (String) r[3], (String) r[2])
                .i18n("link_rewrite", DemoCatalogue.rewrite((String) r[3]), DemoCatalogue.rewrite((String) r[2]))
                .i18n("description", "").i18n("additional_description", "").i18n("meta_title", "")
                .i18n("meta_description", "").i18n("meta_keywords", "")
                .ids("categories", "category", "categories", children).build());
        }
        return categories;
    }

    /** Adds each category's products association, as PrestaShop lists them. */
    void categoryProducts(List<WsObject> categories, List<WsObject> products) {
        for (int i = 0; i < categories.size(); i++) {
            WsObject category = categories.get(i);
            List<Long> ids = products.stream().filter(p -> p.associations().get(0).items().stream()
                .anyMatch(item -> item.link().equals("categories/" + category.id()))).map(WsObject::id).toList();
            List<WsObject.Association> associations = new ArrayList<>(category.associations());
            List<Item> items = new ArrayList<>();
            ids.forEach(id -> items.add(new Item("products/" + id, List.of(plain("id", id)))));
            associations.add(new WsObject.Association("products", "product", "products", items));
            categories.set(i, new WsObject(category.id(), category.fields(), List.copyOf(associations)));
        }
    }

    /** The product's default category and its parents up to Home, Home first (what PrestaShop associates). */
    private List<Long> ancestry(long category) {
        List<Long> path = new ArrayList<>();
        for (Long c = category; c != null && c != 1 && c != 0; c = parents.get(c)) {
            path.add(0, c);
        }
        return path;
    }

    WsObject optionGroup(long id, boolean colour, int position, String name, List<Long> values) {
        return WsObject.builder(id).plain("is_color_group", colour ? 1 : 0).plain("group_type", colour ? "color" : "select")
            .plain("position", position).i18n("name", name).i18n("public_name", name)
            .ids("product_option_values", "product_option_value", "product_option_values", values).build();
    }

    WsObject optionValue(long id, long group, String colour, int position, String name) {
        return WsObject.builder(id).link("id_attribute_group", "product_options", group).plain("color", colour)
            .plain("position", position).i18n("name", name).build();
    }

    List<WsObject> languages() {
        return List.of(
            WsObject.builder(1).plain("name", "English (English)").plain("iso_code", "en").plain("locale", "en-US")
                .plain("language_code", "en-us").plain("active", 1).plain("is_rtl", 0).plain("date_format_lite", "m/d/Y")
                .plain("date_format_full", "m/d/Y H:i:s").build(),
            WsObject.builder(2).plain("name", "Français (French)").plain("iso_code", "fr").plain("locale", "fr-FR")
                .plain("language_code", "fr").plain("active", 1).plain("is_rtl", 0).plain("date_format_lite", "d/m/Y")
                .plain("date_format_full", "d/m/Y H:i:s").build());
    }

    List<WsObject> currencies() {
        return List.of(WsObject.builder(1).i18n("names", "Euro", "euro").plain("name", "Euro").i18n("symbol", "€")
            .plain("iso_code", "EUR").plain("numeric_iso_code", "978").plain("precision", 2)
            .plain("conversion_rate", "1.000000").plain("deleted", 0).plain("active", 1).plain("unofficial", 0)
            .plain("modified", 0).i18n("pattern", "").build());
    }

    List<WsObject> configurations(String shopName) {
        String[][] values = {{"PS_LANG_DEFAULT", "2"}, {"PS_CURRENCY_DEFAULT", "1"}, {"PS_COUNTRY_DEFAULT", "8"},
            {"PS_TAX", "1"}, {"PS_CUSTOMER_GROUP", "3"}, {"PS_SHOP_DEFAULT", "1"}, {"PS_ORDER_OUT_OF_STOCK", "0"},
            {"PS_REWRITING_SETTINGS", "1"}, {"PS_SHOP_NAME", shopName}, {"PS_PRICE_ROUND_MODE", "2"}};
        List<WsObject> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(WsObject.builder(i + 1L).plain("value", values[i][1]).plain("name", values[i][0])
                .plain("id_shop_group", "").plain("id_shop", "").plain("date_add", DATE).plain("date_upd", DATE).build());
        }
        return rows;
    }

    /** PrestaShop 8.1's default image types, in the order it lists them (by name). */
    List<WsObject> imageTypes() {
        Object[][] types = {{1, "cart_default", 125, 1}, {6, "category_default", 141, 0}, {4, "home_default", 250, 1},
            {5, "large_default", 800, 1}, {3, "medium_default", 452, 1}, {2, "small_default", 98, 1}, {7, "stores_default", 170, 0}};
        List<WsObject> rows = new ArrayList<>();
        for (Object[] t : types) {
            int size = (Integer) t[2];
            rows.add(WsObject.builder((Integer) t[0]).plain("name", t[1]).plain("width", size)
                .plain("height", t[1].equals("category_default") ? 180 : t[1].equals("stores_default") ? 115 : size)
                .plain("categories", t[1].equals("category_default") ? 1 : 0).plain("products", t[3])
                .plain("manufacturers", 0).plain("suppliers", 0).plain("stores", t[1].equals("stores_default") ? 1 : 0).build());
        }
        return rows;
    }

    static Field plain(String name, Object value) {
        return new Field(name, String.valueOf(value), null, null, false);
    }

    static String money(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}

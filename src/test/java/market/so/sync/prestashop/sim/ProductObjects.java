package market.so.sync.prestashop.sim;

import static market.so.sync.prestashop.sim.CatalogRows.money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.prestashop.sim.CatalogRows.CombinationRow;
import market.so.sync.prestashop.sim.CatalogRows.ProductFacts;
import market.so.sync.prestashop.sim.CatalogRows.SpecificPrice;
import market.so.sync.prestashop.sim.CatalogRows.StockRow;
import market.so.sync.prestashop.sim.SimObject.Item;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * Turns catalogue rows into webservice objects with the field set and order of PrestaShop 8.1.2
 * (taken from the recorded responses), so generated data reads like a real shop's.
 */
final class ProductObjects {

    private ProductObjects() {
    }

    static SimObject generated(ProductFacts f, List<Item> stockItems, String date) {
        long id = f.id();
        boolean combinations = f.combinations().length > 0;
        String image = Long.toString(f.images()[0]);
        ObjectBuilder b = new ObjectBuilder(id)
                .link("id_manufacturer", "manufacturers", 0).link("id_supplier", "suppliers", 0)
                .link("id_category_default", "categories", f.categories()[f.categories().length - 1])
                .plain("new", "").plain("cache_default_attribute", f.defaultCombination())
                .linkPath("id_default_image", "images/products/" + id + "/" + image, image, true)
                .linkPath("id_default_combination", combinations ? "combinations/" + f.defaultCombination() : null,
                        Long.toString(f.defaultCombination()), true)
                .link("id_tax_rules_group", "tax_rule_groups", f.taxGroup())
                .getter("position_in_category", "1").getter("manufacturer_name", "").getter("quantity", "0")
                .getter("type", "simple").plain("id_shop_default", 1).plain("reference", "REF-" + id)
                .plain("supplier_reference", "").plain("location", "").plain("width", "0.000000")
                .plain("height", "0.000000").plain("depth", "0.000000").plain("weight", "0.500000")
                .plain("quantity_discount", 0).plain("ean13", GeneratedProducts.ean13(id)).plain("isbn", "")
                .plain("upc", "").plain("mpn", "").plain("cache_is_pack", 0).plain("cache_has_attachments", 0)
                .plain("is_virtual", 0).plain("state", 1).plain("additional_delivery_times", 1)
                .i18n("delivery_in_stock", "").i18n("delivery_out_stock", "")
                .plain("product_type", combinations ? "combinations" : "standard").plain("on_sale", 0)
                .plain("online_only", 0).plain("ecotax", "0.000000").plain("minimal_quantity", 1)
                .plain("low_stock_threshold", 0).plain("low_stock_alert", 0).plain("price", money(f.price()))
                .plain("wholesale_price", money(f.price().divide(BigDecimal.valueOf(2))))
                .plain("unity", "").plain("unit_price", "0.000000").plain("unit_price_ratio", "0.000000")
                .plain("additional_shipping_cost", "0.000000").plain("customizable", 0).plain("text_fields", 0)
                .plain("uploadable_files", 0).plain("active", 1).plain("redirect_type", "301-category")
                .plain("id_type_redirected", 0).plain("available_for_order", 1).plain("available_date", "0000-00-00")
                .plain("show_condition", 0).plain("condition", "new").plain("show_price", 1).plain("indexed", 1)
                .plain("visibility", "both").plain("advanced_stock_management", 0).plain("date_add", date)
                .plain("date_upd", date).plain("pack_stock_type", 3).i18n("meta_description", "")
                .i18n("meta_keywords", "").i18n("meta_title", "")
                .i18n("link_rewrite", f.linkRewrite().get(ObjectBuilder.EN), f.linkRewrite().get(ObjectBuilder.FR))
                .i18n("name", "Product " + id, "Produit " + id)
                .i18n("description", "<p>Description of product " + id + ".</p>",
                        "<p>Description du produit " + id + ", fabriqué avec soin.</p>")
                .i18n("description_short", "<p>Product " + id + " in short.</p>", "<p>Produit " + id + " en bref.</p>")
                .i18n("available_now", "").i18n("available_later", "");
        return b.ids("categories", "category", "categories", f.categories())
                .association("images", "image", "images", imageItems(id, f.images()))
                .ids("combinations", "combination", "combinations", f.combinations())
                .ids("product_option_values", "product_option_value", "product_option_values",
                        combinations ? new long[] {1, 2, 3} : new long[0])
                .ids("product_features", "product_feature", "product_features")
                .ids("tags", "tag", "tags")
                .association("stock_availables", "stock_available", "stock_availables", stockItems)
                .ids("attachments", "attachment", "attachments")
                .ids("accessories", "product", "products")
                .ids("product_bundle", "product", "products")
                .build();
    }

    static List<Item> imageItems(long productId, long[] images) {
        List<Item> items = new ArrayList<>(images.length);
        for (long image : images) {
            items.add(new Item("images/products/" + productId + "/" + image,
                    List.of(new Plain("id", Long.toString(image)))));
        }
        return items;
    }

    static SimObject combination(CombinationRow c) {
        return new ObjectBuilder(c.id())
                // the fields and order of a real 8.1.2 combination (prestashop-8.1.2-real/combinations_full_product_1)
                .link("id_product", "products", c.productId()).plain("ean13", c.ean13())
                .plain("isbn", "").plain("upc", "").plain("mpn", "")
                .plain("reference", c.reference()).plain("supplier_reference", "")
                .plain("wholesale_price", "0.000000").plain("price", money(c.impact())).plain("ecotax", "0.000000")
                .plain("weight", "0.000000").plain("unit_price_impact", "0.000000").plain("minimal_quantity", 1)
                .plain("low_stock_threshold", 0).plain("low_stock_alert", 0).plain("default_on", c.defaultOn() ? "1" : "")
                .plain("available_date", "0000-00-00").i18n("available_now", "").i18n("available_later", "")
                .ids("product_option_values", "product_option_value", "product_option_values", c.optionValues())
                .association("images", "image", "images", imageItems(c.productId(), c.images()))
                .build();
    }

    static SimObject stock(StockRow s) {
        return new ObjectBuilder(s.id())
                // recorded: a combination's stock row links its id_product_attribute (prestashop-8.1.2-real/sync_stock_page)
                .link("id_product", "products", s.productId()).link("id_product_attribute", "combinations", s.attributeId())
                .link("id_shop", "shops", 1).plain("id_shop_group", 0).plain("quantity", s.quantity())
                .plain("depends_on_stock", 0).plain("out_of_stock", 2).plain("location", "")
                .build();
    }

    static SimObject specificPrice(SpecificPrice p) {
        return new ObjectBuilder(p.id())
                .plain("id_shop_group", 0).plain("id_shop", p.idShop()).plain("id_cart", p.idCart())
                .link("id_product", "products", p.productId()).plain("id_product_attribute", p.attributeId())
                .plain("id_currency", p.idCurrency()).plain("id_country", p.idCountry()).plain("id_group", p.idGroup())
                .plain("id_customer", p.idCustomer()).plain("id_specific_price_rule", 0)
                .plain("price", money(p.price())).plain("from_quantity", p.fromQuantity())
                .plain("reduction", money(p.reduction())).plain("reduction_tax", p.reductionTax() ? 1 : 0)
                .plain("reduction_type", p.reductionType()).plain("from", p.from()).plain("to", p.to())
                .build();
    }
}

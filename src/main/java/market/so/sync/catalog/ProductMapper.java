package market.so.sync.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.catalog.price.Prices;
import market.so.sync.prestashop.xml.XmlNode;
import org.apache.camel.ExchangeProperty;
import org.jsoup.Jsoup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Maps one PrestaShop {@code <product>} to So.market's model, as the shop itself shows it: the name
 * in the chosen language, the price a customer pays (computed by the shop, tax and reductions
 * included, or by us when the shop cannot), the stock from {@code stock_availables}, its pictures
 * and page, its variants, its So.market category, and "listed" only when the shop lists it.
 * Fields are looked up by name, so the 1.6, 1.7, 8 and 9 shapes map alike.
 */
@Component("productMapper")
public class ProductMapper {

    private final int descriptionLimit;
    private final ProductImages images;

    public ProductMapper(@Value("${somarket.catalog.description-limit:4000}") int descriptionLimit, ProductImages images) {
        this.descriptionLimit = descriptionLimit;
        this.images = images;
    }

    public List<ProductRow> mapPage(CatalogPage page, @ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        List<ProductRow> rows = new ArrayList<>(page.products().size());
        for (XmlNode product : page.products()) {
            Long id = product.longValue("id");
            ProductRow row = id == null ? null : map(product, page.combinationsOf(id), sync);
            if (row != null) {
                rows.add(row);
                sync.variants(row.variantCount());
            }
        }
        return rows;
    }

    public ProductRow map(XmlNode product, List<XmlNode> combinations, ShopSyncContext sync) {
        long id = product.longValue("id");
        String lang = sync.languageId();
        Prices prices = prices(product, sync);
        Integer quantity = sync.stock().quantity(id, 0);
        Long defaultCategory = product.longValue("id_category_default");
        List<Long> categories = associationIds(product, "categories");
        return new ProductRow(id, nameOf(product, lang, id), description(product, lang), product.value("reference"),
            ean13(product.value("ean13")), prices.finalPrice(), prices.regularPrice(),
            discountPercent(prices.finalPrice(), prices.regularPrice()), sync.currency(), quantity,
            available(product, id, quantity, sync), listed(product), images.urls(product, sync),
            productUrl(sync, id), product.localized("link_rewrite", lang), defaultCategory, categories,
            product.value("date_upd"), sync.categories().codeFor(defaultCategory, categories),
            variants(product, id, combinations, sync));
    }

    /** The shop's own computed prices when it gave them, else ours (fallback mode). */
    static Prices prices(XmlNode product, ShopSyncContext sync) {
        BigDecimal finalPrice = money(product.value(CatalogReader.FINAL_PRICE));
        if (finalPrice == null && sync.pricesComputedByUs()) {
            return sync.computedPrices().of(product.longValue("id"), 0, decimal(product.value("price")), BigDecimal.ZERO,
                product.longValue("id_tax_rules_group"));
        }
        BigDecimal regularPrice = money(product.value(CatalogReader.REGULAR_PRICE));
        return new Prices(finalPrice, regularPrice == null ? finalPrice : regularPrice);
    }

    private List<VariantRow> variants(XmlNode product, long id, List<XmlNode> combinations, ShopSyncContext sync) {
        List<VariantRow> variants = new ArrayList<>(combinations.size());
        int position = 0;
        for (XmlNode combination : combinations) {
            Long variantId = combination.longValue("id");
            if (variantId == null) {
                continue;
            }
            Prices prices = variantPrices(product, combination, sync);
            Integer quantity = sync.stock().quantity(id, variantId);
            variants.add(new VariantRow(variantId, sync.options().describe(associationIds(combination, "product_option_values")),
                combination.value("reference"), ean13(combination.value("ean13")), quantity,
                available(product, id, quantity, sync), prices.finalPrice(), prices.regularPrice(),
                combination.flag("default_on", false), position++));
        }
        return variants;
    }

    private static Prices variantPrices(XmlNode product, XmlNode combination, ShopSyncContext sync) {
        BigDecimal finalPrice = money(combination.value(CatalogReader.FINAL_PRICE));
        if (finalPrice == null && sync.pricesComputedByUs()) {
            return sync.computedPrices().of(product.longValue("id"), combination.longValue("id"),
                decimal(product.value("price")), decimal(combination.value("price")), product.longValue("id_tax_rules_group"));
        }
        BigDecimal regularPrice = money(combination.value(CatalogReader.REGULAR_PRICE));
        return new Prices(finalPrice, regularPrice == null ? finalPrice : regularPrice);
    }

    /** PrestaShop's product page; it redirects to its canonical friendly URL itself when rewriting is on. */
    static String productUrl(ShopSyncContext sync, long id) {
        return sync.access().baseUrl() + "/index.php?id_product=" + id + "&controller=product"
            + (sync.languageId() == null ? "" : "&id_lang=" + sync.languageId());
    }

    private static String nameOf(XmlNode product, String lang, long id) {
        String name = product.localized("name", lang);
        return name == null || name.isBlank() ? "#" + id : name;
    }

    /** The description as plain text (jsoup drops tags, scripts and styles), capped; else the short one. */
    String description(XmlNode product, String lang) {
        String html = product.localized("description", lang);
        if (html == null || html.isBlank() || Jsoup.parse(html).text().isBlank()) {
            html = product.localized("description_short", lang);
        }
        if (html == null || html.isBlank()) {
            return null;
        }
        String text = Jsoup.parse(html).text().strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= descriptionLimit ? text : text.substring(0, descriptionLimit - 1).strip() + "…";
    }

    static String ean13(String value) {
        return value == null || value.matches("0+") ? "" : value;
    }

    static BigDecimal money(String value) {
        BigDecimal d = value == null ? null : decimalOrNull(value);
        return d == null ? null : d.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal decimal(String value) {
        BigDecimal d = value == null ? null : decimalOrNull(value);
        return d == null ? BigDecimal.ZERO : d;
    }

    private static BigDecimal decimalOrNull(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer discountPercent(BigDecimal finalPrice, BigDecimal regularPrice) {
        if (finalPrice == null || regularPrice == null || regularPrice.signum() <= 0
            || finalPrice.compareTo(regularPrice) >= 0) {
            return 0;
        }
        return BigDecimal.ONE.subtract(finalPrice.divide(regularPrice, 6, RoundingMode.HALF_UP))
            .movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValue();
    }

    /** In stock, or orderable anyway (out_of_stock 1, or 2 with the shop's default allowing it). */
    private static boolean available(XmlNode product, long id, Integer quantity, ShopSyncContext sync) {
        if (!product.flag("available_for_order", true)) {
            return false;
        }
        if (quantity != null && quantity > 0) {
            return true;
        }
        int policy = sync.stock().outOfStockPolicy(id);
        return policy == 1 || (policy == 2 && sync.orderWhenOutOfStock());
    }

    /** Active, not a draft (state 0, 1.7+), and visible somewhere. */
    static boolean listed(XmlNode product) {
        return product.flag("active", false)
            && product.flag("state", true)
            && !"none".equals(product.value("visibility"));
    }

    static List<Long> associationIds(XmlNode node, String association) {
        List<Long> ids = new ArrayList<>();
        XmlNode associations = node.child("associations");
        XmlNode list = associations == null ? null : associations.child(association);
        if (list != null) {
            for (XmlNode item : list.children()) {
                Long id = item.longValue("id");
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}

package market.so.sync.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.prestashop.xml.XmlNode;
import org.jsoup.Jsoup;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Maps one PrestaShop {@code <product>} to So.market's model, as the shop itself shows it: the name
 * in the chosen language, the price a customer pays (computed by the shop, tax and reductions
 * included), the stock from {@code stock_availables}, and "listed" only when the shop lists it.
 */
@Component("productMapper")
public class ProductMapper {

    private final int descriptionLimit;
    private final String imageType;

    public ProductMapper(@Value("${somarket.catalog.description-limit:4000}") int descriptionLimit,
                         @Value("${somarket.catalog.image-type:large_default}") String imageType) {
        this.descriptionLimit = descriptionLimit;
        this.imageType = imageType;
    }

    public List<ProductRow> mapPage(List<XmlNode> page, @ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        List<ProductRow> rows = new ArrayList<>(page.size());
        for (XmlNode product : page) {
            ProductRow row = map(product, sync);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    public ProductRow map(XmlNode product, ShopSyncContext sync) {
        Long id = product.longValue("id");
        if (id == null) {
            return null;
        }
        String lang = sync.languageId();
        BigDecimal finalPrice = money(product.value(CatalogReader.FINAL_PRICE));
        BigDecimal regularPrice = money(product.value(CatalogReader.REGULAR_PRICE));
        if (regularPrice == null) {
            regularPrice = finalPrice;
        }
        Integer quantity = sync.stock().quantity(id, 0);
        return new ProductRow(
            id,
            nameOf(product, lang, id),
            description(product, lang),
            product.value("reference"),
            ean13(product.value("ean13")),
            finalPrice,
            regularPrice,
            discountPercent(finalPrice, regularPrice),
            sync.currency(),
            quantity,
            available(product, id, quantity, sync),
            listed(product),
            imageUrls(product, sync.access().baseUrl()),
            sync.access().baseUrl() + "/index.php?id_product=" + id + "&controller=product"
                + (lang == null ? "" : "&id_lang=" + lang),
            product.localized("link_rewrite", lang),
            product.longValue("id_category_default"),
            categoryIds(product),
            product.value("date_upd"));
    }

    private static String nameOf(XmlNode product, String lang, long id) {
        String name = product.localized("name", lang);
        return name == null || name.isBlank() ? "#" + id : name;
    }

    private String description(XmlNode product, String lang) {
        String html = product.localized("description", lang);
        if (html == null || html.isBlank()) {
            html = product.localized("description_short", lang);
        }
        if (html == null || html.isBlank()) {
            return null;
        }
        String text = Jsoup.parse(html).text().strip();
        return text.length() <= descriptionLimit ? text : text.substring(0, descriptionLimit - 1).strip() + "…";
    }

    static String ean13(String value) {
        return value == null || value.equals("0") ? "" : value;
    }

    static BigDecimal money(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP);
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

    private List<String> imageUrls(XmlNode product, String baseUrl) {
        List<String> urls = new ArrayList<>();
        Long cover = product.longValue("id_default_image");
        List<Long> ids = associationIds(product, "images");
        if (cover != null && ids.remove(cover)) {
            ids.add(0, cover);
        }
        for (Long imageId : ids) {
            urls.add(baseUrl + "/img/p/" + String.join("/", String.valueOf(imageId).split("")) + "/" + imageId + "-"
                + imageType + ".jpg");
        }
        return urls;
    }

    private static List<Long> categoryIds(XmlNode product) {
        return associationIds(product, "categories");
    }

    static List<Long> associationIds(XmlNode product, String association) {
        List<Long> ids = new ArrayList<>();
        XmlNode associations = product.child("associations");
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

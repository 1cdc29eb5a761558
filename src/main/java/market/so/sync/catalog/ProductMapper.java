package market.so.sync.catalog;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * What this mapper and {@link ProductImages} read of a product read whole: {@code display=[...]} of these costs
     * the shop about half of {@code display=full} (no quantity, manufacturer or position getters, no association but
     * the two), and a third of its bytes (bench/README.md). Every version since 1.5 knows them.
     */
    public static final String READ_DISPLAY = "[id,id_category_default,id_default_image,reference,ean13,date_upd,"
        + "link_rewrite,name,description,description_short,categories[id],images[id]]";

    private final int descriptionLimit;
    private final ProductImages images;

    public ProductMapper(@Value("${somarket.catalog.description-limit:4000}") int descriptionLimit, ProductImages images) {
        this.descriptionLimit = descriptionLimit;
        this.images = images;
    }

    /** A batch of products read whole, each with the state its light row gave (see {@link ProductStates}). */
    public List<ProductRow> mapPage(CatalogPage page, @ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        List<ProductRow> rows = new ArrayList<>(page.products().size());
        for (XmlNode product : page.products()) {
            Long id = product.longValue("id");
            ProductState state = id == null ? null : page.stateOf(id);
            if (state != null) {
                rows.add(map(product, state, sync));
            }
        }
        return rows;
    }

    /** A product read whole with its combinations read whole: its state computed from them. */
    public ProductRow map(XmlNode product, List<XmlNode> combinations, ShopSyncContext sync) {
        List<LightCombination> light = combinations.stream().map(LightCombination::of)
            .filter(java.util.Objects::nonNull).toList();
        return map(product, ProductStates.of(LightProduct.of(product), light, sync), sync);
    }

    public ProductRow map(XmlNode product, ProductState state, ShopSyncContext sync) {
        long id = product.longValue("id");
        String lang = sync.languageId();
        Long defaultCategory = product.longValue("id_category_default");
        List<Long> categories = associationIds(product, "categories");
        return new ProductRow(id, nameOf(product, lang, id), description(product, lang), product.value("reference"),
            ean13(product.value("ean13")), state.price(), state.regularPrice(), state.discountPercent(), sync.currency(),
            state.quantity(), state.available(), state.listed(), images.urls(product, sync), productUrl(sync, id),
            product.localized("link_rewrite", lang), defaultCategory, categories, product.value("date_upd"),
            sync.categories().codeFor(defaultCategory, categories), state.variants(), otherTexts(product, sync));
    }

    /** The product's texts in each other active language of the shop, where it has any (docs/decisions/0026). */
    List<ProductText> otherTexts(XmlNode product, ShopSyncContext sync) {
        if (sync.otherLanguages().isEmpty()) {
            return List.of();
        }
        List<ProductText> texts = new ArrayList<>(sync.otherLanguages().size());
        sync.otherLanguages().forEach((id, iso) -> {
            ProductText text = new ProductText(iso, product.localizedIn("name", id),
                description(product.localizedIn("description", id), product.localizedIn("description_short", id)),
                product.localizedIn("link_rewrite", id));
            if (!text.isEmpty()) {
                texts.add(text);
            }
        });
        return texts;
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
        return description(product.localized("description", lang), product.localized("description_short", lang));
    }

    private String description(String descriptionHtml, String shortHtml) {
        String text = plainText(descriptionHtml);
        if (text.isEmpty()) {
            text = plainText(shortHtml);
        }
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= descriptionLimit ? text : text.substring(0, descriptionLimit - 1).strip() + "…";
    }

    /** Parsed once per field: jsoup is the mapper's largest cost. */
    private static String plainText(String html) {
        return html == null || html.isBlank() ? "" : Jsoup.parse(html).text().strip();
    }

    static String ean13(String value) {
        return value == null || value.matches("0+") ? "" : value;
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
                Long id = item.itemId();
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}

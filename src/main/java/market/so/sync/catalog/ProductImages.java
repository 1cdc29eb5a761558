package market.so.sync.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.xml.XmlNode;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The public addresses of a product's pictures: no key (shoppers' browsers load them), the cover
 * first. PrestaShop serves them as {@code /{id}-{type}/{rewrite}.jpg} when its friendly URLs and
 * their .htaccess rules are on, and always at the physical path {@code /img/p/1/2/3/123-{type}.jpg}
 * unless the files live elsewhere; which form answers is checked once per shop per sync with a plain
 * HEAD (route {@code image-check}, no key), and kept for every product.
 */
@Component("productImages")
public class ProductImages {

    public enum Form { FRIENDLY, PHYSICAL }

    private final WebserviceClient client;
    private final ProducerTemplate template;
    private final String preferredType;

    public ProductImages(WebserviceClient client, ProducerTemplate template,
                         @Value("${somarket.catalog.image-type:large_default}") String preferredType) {
        this.client = client;
        this.template = template;
        this.preferredType = preferredType;
    }

    /** The image type to show: the preferred one if the shop has it for products, else its largest. */
    public void readTypes(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        List<XmlNode> types = new ArrayList<>();
        client.stream(WebserviceCall.of(sync.access(), "image_types",
            Map.of("display", "[id,name,width,height,products]")), 2, types::add, client.syncOptions(sync.meter()));
        sync.imageType(chooseType(types, preferredType));
    }

    static String chooseType(List<XmlNode> types, String preferred) {
        String largest = null;
        long largestArea = -1;
        for (XmlNode type : types) {
            String name = type.value("name");
            if (name == null || !type.flag("products", true)) {
                continue;
            }
            if (name.equals(preferred)) {
                return name;
            }
            Long width = type.longValue("width");
            Long height = type.longValue("height");
            long area = (width == null ? 0 : width) * (height == null ? 0 : height);
            if (area > largestArea) {
                largest = name;
                largestArea = area;
            }
        }
        return largest == null ? preferred : largest;
    }

    /**
     * Route step on each batch of products read whole: the picture type (read once per sync, only when
     * a product is written) and the address form.
     */
    public CatalogPage checkFor(CatalogPage page, @ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        if (sync.imageType() == null && !page.products().isEmpty()) {
            readTypes(sync);
        }
        checkOnce(page.products(), sync);
        return page;
    }

    /** Until the form is known: one HEAD per form, on the first picture found. */
    public List<XmlNode> checkOnce(List<XmlNode> page, ShopSyncContext sync) {
        if (sync.imageForm() != null) {
            return page;
        }
        for (XmlNode product : page) {
            List<Long> images = ProductMapper.associationIds(product, "images");
            String rewrite = product.localized("link_rewrite", sync.languageId());
            if (images.isEmpty()) {
                continue;
            }
            String type = type(sync);
            String base = sync.access().baseUrl();
            Map<Form, String> candidates = new LinkedHashMap<>();
            if (rewrite != null && !rewrite.isBlank() && !"0".equals(sync.config("PS_REWRITING_SETTINGS"))) {
                candidates.put(Form.FRIENDLY, friendly(base, images.get(0), type, rewrite));
            }
            candidates.put(Form.PHYSICAL, physical(base, images.get(0), type));
            for (Map.Entry<Form, String> candidate : candidates.entrySet()) {
                if (answers(candidate.getValue())) {
                    sync.imageForm(candidate.getKey());
                    return page;
                }
            }
            sync.imageForm(Form.PHYSICAL);
            sync.note("picture addresses could not be checked (no answer to a HEAD on " + candidates.get(Form.PHYSICAL)
                + "): the physical form /img/p/... is used");
            return page;
        }
        return page;
    }

    private boolean answers(String url) {
        Exchange result = template.send("direct:image-check", exchange -> exchange.setProperty("imageUrl", url));
        if (result.getException() != null) {
            return false;
        }
        int status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String contentType = result.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        return status >= 200 && status < 300 && (contentType.isEmpty() || contentType.startsWith("image/"));
    }

    /** The product's pictures, cover first, in the form that answered. */
    public List<String> urls(XmlNode product, ShopSyncContext sync) {
        List<Long> ids = ProductMapper.associationIds(product, "images");
        Long cover = product.longValue("id_default_image");
        if (cover != null && ids.remove(cover)) {
            ids.add(0, cover);
        }
        String rewrite = product.localized("link_rewrite", sync.languageId());
        boolean friendly = sync.imageForm() == Form.FRIENDLY && rewrite != null && !rewrite.isBlank();
        List<String> urls = new ArrayList<>(ids.size());
        for (Long id : ids) {
            urls.add(friendly ? friendly(sync.access().baseUrl(), id, type(sync), rewrite)
                : physical(sync.access().baseUrl(), id, type(sync)));
        }
        return urls;
    }

    private String type(ShopSyncContext sync) {
        return sync.imageType() == null ? preferredType : sync.imageType();
    }

    static String friendly(String base, long imageId, String type, String rewrite) {
        return base + "/" + imageId + "-" + type + "/" + rewrite + ".jpg";
    }

    static String physical(String base, long imageId, String type) {
        String id = String.valueOf(imageId);
        return base + "/img/p/" + String.join("/", id.split("")) + "/" + id + "-" + type + ".jpg";
    }
}

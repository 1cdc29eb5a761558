package market.so.sync.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import org.springframework.stereotype.Component;

/**
 * One So.market shop per shop of a multistore PrestaShop, each registered at its own address (a domain, or a
 * virtual folder such as {@code /en-shop/}): PrestaShop itself serves each address in its shop's context. The
 * sync finds the {@code id_shop} of that address in {@code shop_urls} and sends it with every request, so that
 * the shop's own configuration (default language...) and stock rows are the ones read (docs/decisions/0026).
 */
@Component
public class MultistoreShops {

    private final WebserviceClient client;

    public MultistoreShops(WebserviceClient client) {
        this.client = client;
    }

    /** The id of the shop whose address is the shop's base URL; null when none matches or the key may not list them. */
    public Integer idShopAt(ShopSyncContext sync) {
        try {
            XmlNode root = client.document(sync.access(), "shop_urls",
                Map.of("display", "[id_shop,domain,domain_ssl,physical_uri,virtual_uri,active]"),
                client.syncOptions(sync.meter()));
            XmlNode list = root == null ? null : root.child("shop_urls");
            Integer id = list == null ? null : match(list.children(), sync.access().baseUrl());
            sync.note(id == null ? "multistore: no shop's address is " + sync.access().baseUrl() + ", the address's own shop is read"
                : "multistore: shop " + id + " of the PrestaShop");
            return id;
        } catch (WebserviceException.MissingPermission e) {
            sync.note("multistore: the key may not read shop_urls, the address's own shop is read");
            return null;
        }
    }

    /** The id_shop of the active address that is the base URL (domain, physical and virtual folder), the longest first. */
    static Integer match(List<XmlNode> urls, String baseUrl) {
        String wanted = baseUrl.replaceFirst("^https?://", "").replaceAll("/+$", "").toLowerCase(Locale.ROOT) + "/";
        Integer best = null;
        int bestLength = -1;
        for (XmlNode url : urls) {
            if (!url.flag("active", true)) {
                continue;
            }
            String path = (nonNull(url.value("physical_uri")) + "/" + nonNull(url.value("virtual_uri"))).replaceAll("/+", "/");
            for (String domain : new String[] {url.value("domain"), url.value("domain_ssl")}) {
                String address = (nonNull(domain) + "/" + path).replaceAll("(?<!^)/+", "/").toLowerCase(Locale.ROOT);
                address = address.endsWith("/") ? address : address + "/";
                if (domain != null && address.equals(wanted) && address.length() > bestLength) {
                    best = url.longValue("id_shop") == null ? null : url.longValue("id_shop").intValue();
                    bestLength = address.length();
                }
            }
        }
        return best;
    }

    /** A stock row of shop {@code idShop}, or one shared by its group (id_shop 0). */
    static boolean ourStockRow(XmlNode row, int idShop) {
        Long rowShop = row.longValue("id_shop");
        return rowShop == null || rowShop == 0 || rowShop == idShop;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}

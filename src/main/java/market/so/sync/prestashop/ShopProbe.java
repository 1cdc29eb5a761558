package market.so.sync.prestashop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.so.sync.prestashop.xml.XmlNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks a shop's webservice with a merchant's key the way the merchant guide sets it up: {@code GET /api/}
 * with the key in the Authorization header. Finds the two work-arounds a real host may need (the
 * key as {@code ws_key} when the host strips the header; {@code webservice/dispatcher.php} when
 * {@code /api/} is not rewritten) and checks that the key may read every resource a sync needs.
 */
@Component
public class ShopProbe {

    /** What a sync reads; the merchant guide (§2) asks for "View (GET)" on all resources. */
    public static final List<String> NEEDED = List.of("products", "categories", "combinations", "stock_availables",
        "specific_prices", "languages", "currencies", "configurations", "images", "image_types",
        "product_options", "product_option_values");

    private final WebserviceClient client;
    private final boolean wsKeyFallback;

    public ShopProbe(WebserviceClient client,
                     @Value("${somarket.prestashop.ws-key-fallback:true}") boolean wsKeyFallback) {
        this.client = client;
        this.wsKeyFallback = wsKeyFallback;
    }

    /** A shop that answered as a PrestaShop webservice and lets the key read what we need. */
    public record ProbeResult(ShopAccess access, String psVersion, String shopName, Set<String> readable) {
    }

    public ProbeResult probe(String baseUrl, ApiKey key, Integer idShop, RequestMeter meter) {
        ShopAccess access = new ShopAccess(baseUrl, key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, idShop);
        try {
            return listing(access, meter);
        } catch (WebserviceException.NotPrestashop noRewrite) {
            try {
                return listing(access.with(ShopAccess.EntryPoint.DISPATCHER), meter);
            } catch (WebserviceException.NotPrestashop alsoNot) {
                throw noRewrite;
            }
        }
    }

    private ProbeResult listing(ShopAccess access, RequestMeter meter) {
        try {
            return check(access, meter);
        } catch (WebserviceException.HeaderStripped stripped) {
            if (!wsKeyFallback) {
                throw stripped;
            }
            return check(access.with(ShopAccess.AuthMode.WS_KEY), meter);
        }
    }

    private ProbeResult check(ShopAccess access, RequestMeter meter) {
        WebserviceAnswer[] answer = new WebserviceAnswer[1];
        XmlNode[] root = new XmlNode[1];
        answer[0] = client.stream(WebserviceCall.of(access, "", Map.of()), 0, node -> root[0] = node,
            WebserviceClient.Options.probe(meter));
        XmlNode api = root[0] == null ? null : root[0].child("api");
        if (api == null) {
            throw new WebserviceException.NotPrestashop("the address answered XML that is not a PrestaShop resource list");
        }
        Set<String> readable = new LinkedHashSet<>();
        for (XmlNode resource : api.children()) {
            if ("true".equals(resource.attribute("get"))) {
                readable.add(resource.name());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String needed : NEEDED) {
            if (!readable.contains(needed)) {
                missing.add(needed);
            }
        }
        if (!missing.isEmpty()) {
            throw new WebserviceException.MissingPermission(missing);
        }
        return new ProbeResult(access, answer[0].psVersion(), api.attribute("shopName"), readable);
    }
}

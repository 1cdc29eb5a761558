package market.so.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import market.so.sync.prestashop.xml.SafeXmlReader;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * The real shops the real-shop ITs run against, one pair of environment variables each:
 * {@code REAL_PS_BASE_URL} + {@code REAL_PS_KEY}, and {@code REAL_PS_BASE_URL_<NAME>} + {@code REAL_PS_KEY_<NAME>};
 * {@code REAL_PS_ID_SHOP[_<NAME>]} is the PrestaShop shop id of that address when it is one shop of a multistore (1 if unset).
 */
final class RealShops {

    private RealShops() {
    }

    record Shop(String name, String base, String key, int idShop) {
        @Override
        public String toString() {
            return name + " " + base;
        }

        Asker asker(HttpClient http) {
            return new Asker(http, base, key, idShop);
        }
    }

    /** True when at least one shop is configured (JUnit's {@code @EnabledIf}). */
    static boolean any() {
        return !configured().isEmpty();
    }

    static List<Shop> configured() {
        return configured(System.getenv());
    }

    static List<Shop> configured(Map<String, String> env) {
        List<Shop> shops = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (e.getKey().startsWith("REAL_PS_BASE_URL") && !e.getValue().isBlank()) {
                String suffix = e.getKey().substring("REAL_PS_BASE_URL".length());
                String key = env.get("REAL_PS_KEY" + suffix);
                if (key != null && !key.isBlank()) {
                    String idShop = env.getOrDefault("REAL_PS_ID_SHOP" + suffix, "1");
                    shops.add(new Shop(suffix.isEmpty() ? "default" : suffix.substring(1), e.getValue().replaceAll("/+$", ""), key,
                        Integer.parseInt(idShop)));
                }
            }
        }
        return shops;
    }

    /** Asks a real shop directly, with its key, for what the comparisons need. */
    record Asker(HttpClient http, String base, String key, int idShop) {

        List<XmlNode> rows(String resource, String query) throws Exception {
            String encoded = query.replace("[", "%5B").replace("]", "%5D").replace("|", "%7C");
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/" + resource + "?" + encoded))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(resource).isEqualTo(200);
            List<XmlNode> rows = new ArrayList<>();
            new SafeXmlReader().stream(new ByteArrayInputStream(answer.body()), 2, rows::add);
            return rows;
        }

        /** PS_LANG_DEFAULT of the shop (its own value, else the global one), as PrestaShop resolves it. */
        String defaultLanguage() throws Exception {
            String global = null;
            String own = null;
            for (XmlNode row : rows("configurations", "display=[name,value,id_shop,id_shop_group]&filter[name]=[PS_LANG_DEFAULT]")) {
                String shop = row.value("id_shop");
                if (String.valueOf(idShop).equals(shop)) {
                    own = row.value("value");
                } else if (shop == null || shop.isEmpty() || "0".equals(shop)) {
                    global = global == null ? row.value("value") : global;
                }
            }
            return own != null ? own : global;
        }

        String languageIso(String id) throws Exception {
            return rows("languages", "display=[id,iso_code]&filter[id]=[" + id + "]").get(0).value("iso_code");
        }
    }
}

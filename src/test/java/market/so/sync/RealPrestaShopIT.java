package market.so.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service against real PrestaShops (README, "Real shops": 8.1.2, 8.2.1, 9.0 on loopback, demo
 * catalogue). Each shop is one pair of environment variables, {@code REAL_PS_BASE_URL} / {@code REAL_PS_KEY}
 * and {@code REAL_PS_BASE_URL_<NAME>} / {@code REAL_PS_KEY_<NAME>} (e.g. {@code _821}, {@code _90}); every
 * test runs once per shop; the class is skipped when none is set. What it compares comes from the shop
 * itself, asked directly: its {@code price[...]} fields, its {@code stock_availables}, its option value
 * names, in the shop's default language. It prints what it saw, for the closing note of a change.
 */
@SyncTest
@EnabledIf("market.so.sync.RealShops#any")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class RealPrestaShopIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;

    static List<RealShops.Shop> shops() {
        return RealShops.configured();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shops")
    @Order(1)
    void registersSyncsAndStoresWhatTheShopComputes(RealShops.Shop real) throws Exception {
        String url = real.base();
        String key = real.key();
        RealShops.Asker shopApi = real.asker(HTTP);
        String lang = shopApi.defaultLanguage();
        ApiClient api = new ApiClient(rest);
        var answer = api.registerShop(url, key, "real@example.fr");
        System.out.println("[real-ps] register " + url + " -> " + answer.getBody());
        assertThat(answer.getBody()).containsEntry("status", "CONNECTED").containsEntry("url", url);
        long id = ApiClient.id(answer);
        // a new shop's first sync starts on its own, right after the registration
        await().atMost(Duration.ofSeconds(120)).until(() -> api.get("/api/shops/" + id).get("lastSyncAt") != null);
        printSync(id, "first sync");

        List<Map<String, Object>> ours = compareWithShop(api, id, real);
        System.out.println("[real-ps] e.g. product 1: " + ours.get(0).get("name") + ", " + ours.get(0).get("price") + " EUR, "
            + ((List<Map<String, Object>>) ours.get(0).get("variants")).get(0).get("attributes") + ", " + ours.get(0).get("imageUrls"));

        compareOtherLanguages(api, id, real);

        sync(api, id);
        Map<String, Object> again = printSync(id, "re-sync");
        assertThat(((Number) again.get("PRODUCTS_NEW")).intValue()).isZero();
        assertThat(((Number) again.get("PRODUCTS_CHANGED")).intValue()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shops")
    @Order(2)
    void theShopIsFoundFromTheAddressesMerchantsPaste(RealShops.Shop real) throws Exception {
        String url = real.base();
        RealShops.Asker shopApi = real.asker(HTTP);
        String iso = shopApi.languageIso(shopApi.defaultLanguage());
        String key = real.key();
        ApiClient api = new ApiClient(rest);
        URI base = URI.create(url);
        String byIp = url.replace(base.getHost(), "127.0.0.1");
        List<String> forms = new ArrayList<>(List.of(
            byIp + "/api",
            url + "/" + iso + "/",
            url + "/" + iso + "/hommes/1-hummingbird-printed-t-shirt.html",
            url + "/index.php",
            url + "/admin-real-ps/index.php?controller=AdminWebservice&token=0123456789abcdef0123456789abcdef",
            url.replaceFirst("^https?://", ""),
            "   " + url + "/   "));
        List<String> failed = new ArrayList<>();
        for (String form : forms) {
            var answer = api.registerShop(form, key, null);
            Map<String, Object> body = answer.getBody();
            String shown = form.replaceAll("token=[0-9a-f]+", "token=...");
            System.out.println("[real-ps] address '" + shown + "' -> " + body.getOrDefault("status", body.get("error"))
                + " " + body.get("url") + " | " + body.getOrDefault("statusDetail", body.get("message")));
            assertThat(body.toString()).doesNotContain("admin-real-ps").doesNotContain("0123456789abcdef");
            // PrestaShop sends another host to its main shop's domain root (302 /?controller=404), virtual folder lost:
            // the IP address of a multistore's second shop leads to the main shop
            String expected = form.startsWith(byIp) && real.idShop() != 1 ? url.replaceFirst("^(https?://[^/]+).*$", "$1") : url;
            if (!"CONNECTED".equals(body.get("status")) || !expected.equals(body.get("url"))) {
                failed.add(shown);
            }
        }
        assertThat(failed).as("address forms that did not connect at " + url).isEmpty();
        assertThat(jdbc.queryForList("SELECT url FROM shop WHERE url = ?", String.class, url)).containsExactly(url);
    }

    /** Our stored catalogue against what the shop itself says now: names, prices, stock, variants, pictures. */
    private List<Map<String, Object>> compareWithShop(ApiClient api, long id, RealShops.Shop real) throws Exception {
        RealShops.Asker shopApi = real.asker(HTTP);
        String lang = shopApi.defaultLanguage();
        List<Map<String, Object>> ours = ((List<Map<String, Object>>) api.get("/api/shops/" + id + "/products?size=500")
            .get("items")).stream().filter(p -> Boolean.TRUE.equals(p.get("active"))).toList();
        Map<Long, XmlNode> products = byId(shopApi.rows("products", "display=[id,name,somarket_final,somarket_regular]"
            + "&language=" + lang + "&price[somarket_final][use_tax]=1&price[somarket_regular][use_tax]=1"
            + "&price[somarket_regular][use_reduction]=0"), "id");
        Map<String, Integer> stock = new HashMap<>();
        // every shop's rows are listed: those of this shop (multistore) are compared
        for (XmlNode row : shopApi.rows("stock_availables", "display=[id_product,id_product_attribute,quantity,id_shop]"
            + "&filter[id_shop]=[" + real.idShop() + "]")) {
            stock.put(row.value("id_product") + "/" + row.value("id_product_attribute"), Integer.valueOf(row.value("quantity")));
        }
        Map<Long, String> labels = shopLabels(shopApi, lang, shopApi.languageIso(lang).startsWith("fr") ? " : " : ": ");
        Map<Long, XmlNode> combinationPrices = byId(shopApi.rows("combinations", "display=[id,id_product,somarket_final]"
            + "&price[somarket_final][use_tax]=1"), "id");

        Map<Long, XmlNode> full = byId(shopApi.rows("products", "display=full&language=" + lang), "id");
        assertThat(ours).hasSize(products.size());
        int variants = 0;
        for (Map<String, Object> product : ours) {
            long pid = ((Number) product.get("shopProductId")).longValue();
            XmlNode shop = products.get(pid);
            assertThat(product.get("name")).as("name of %d", pid).isEqualTo(shop.localized("name", lang));
            assertThat(money(product.get("price"))).as("price of %d", pid).isEqualTo(cents(shop.value("somarket_final")));
            assertThat(money(product.get("regularPrice"))).as("regular price of %d", pid)
                .isEqualTo(cents(shop.value("somarket_regular")));
            assertThat(product.get("quantity")).as("stock of %d", pid).isEqualTo(stock.get(pid + "/0"));
            assertPictures(pid, (List<String>) product.get("imageUrls"), full.get(pid));
            for (Map<String, Object> variant : (List<Map<String, Object>>) product.get("variants")) {
                long vid = ((Number) variant.get("shopVariantId")).longValue();
                assertThat(variant.get("attributes")).as("label of variant %d", vid).isEqualTo(labels.get(vid))
                    .asString().isNotBlank();
                assertThat(variant.get("quantity")).as("stock of variant %d", vid).isEqualTo(stock.get(pid + "/" + vid));
                assertThat(money(variant.get("price"))).as("price of variant %d", vid)
                    .isEqualTo(cents(combinationPrices.get(vid).value("somarket_final")));
                variants++;
            }
        }
        assertThat(variants).isEqualTo(combinationPrices.values().stream() // those of the products the shop lists
            .filter(c -> products.containsKey(c.longValue("id_product"))).count());
        System.out.println("[real-ps] compared " + ours.size() + " products and " + variants + " variants with the shop: "
            + "names, prices (price[...]), stock (stock_availables), variant labels (option values), pictures: all equal");
        return ours;
    }

    /**
     * Every other active language of the shop: our products in it ({@code language=}) against the shop's own texts
     * in it, names and variant labels (docs/decisions/0026).
     */
    private void compareOtherLanguages(ApiClient api, long id, RealShops.Shop real) throws Exception {
        RealShops.Asker shopApi = real.asker(HTTP);
        String defaultLang = shopApi.defaultLanguage();
        for (XmlNode language : shopApi.rows("languages", "display=[id,iso_code,active]")) {
            String lang = language.value("id");
            String iso = language.value("iso_code");
            if (lang.equals(defaultLang) || !"1".equals(language.value("active"))) {
                continue;
            }
            List<Map<String, Object>> ours = ((List<Map<String, Object>>) api.get("/api/shops/" + id
                + "/products?size=500&language=" + iso).get("items")).stream()
                .filter(p -> Boolean.TRUE.equals(p.get("active"))).toList();
            Map<Long, XmlNode> names = byId(shopApi.rows("products", "display=[id,name]&language=" + lang), "id");
            Map<Long, String> labels = shopLabels(shopApi, lang, iso.startsWith("fr") ? " : " : ": ");
            int variants = 0;
            for (Map<String, Object> product : ours) {
                long pid = ((Number) product.get("shopProductId")).longValue();
                assertThat(product.get("name")).as("%s name of %d", iso, pid).isEqualTo(names.get(pid).localized("name", lang));
                assertThat(product).as("%s product %d", iso, pid).containsEntry("language", iso);
                for (Map<String, Object> variant : (List<Map<String, Object>>) product.get("variants")) {
                    long vid = ((Number) variant.get("shopVariantId")).longValue();
                    assertThat(variant.get("attributes")).as("%s label of variant %d", iso, vid).isEqualTo(labels.get(vid));
                    variants++;
                }
            }
            System.out.println("[real-ps] language " + iso + ": " + ours.size() + " products' names and " + variants
                + " variant labels equal to the shop's; e.g. product 1: " + ours.get(0).get("name"));
        }
    }

    /** The shop of the recipe (REAL_PS_BASE_URL without suffix: the 8.1.2), whose database RealShopEdits edits. */
    static List<RealShops.Shop> editableShops() {
        return RealShops.configured().stream().filter(s -> s.name().equals("default")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("editableShops")
    @Order(3)
    void everyKindOfChangeShowsAtTheNextSyncAndTheShopIsPutBack(RealShops.Shop real) throws Exception {
        Assumptions.assumeTrue(RealShopEdits.available(), "the shop's database is not reachable (mysql, recipe user)");
        ApiClient api = new ApiClient(rest);
        long id = jdbc.queryForObject("SELECT id FROM shop WHERE url = ? ORDER BY id LIMIT 1", Long.class, real.base());
        RealShopEdits edits = new RealShopEdits();
        try {
            edits.prepare();
            syncNotSkipped(api, id);
            printSync(id, "baseline (product 12 on a tax of its own, product 7 30 % off until tomorrow, combinations 10 "
                + "and 28 15 % off)");
            assertThat(stored(id, 7)).containsEntry("DISCOUNT_PERCENT", 30);
            compareWithShop(api, id, real); // the two combinations' own reductions included
            edits.change();
            syncNotSkipped(api, id);
            printSync(id, "after one edit of each kind");
            compareWithShop(api, id, real);
            assertThat(money(stored(id, 3).get("PRICE"))).isEqualTo(new BigDecimal("37.20")); // base price 31 + 20 %
            assertThat(stored(id, 4)).containsEntry("DISCOUNT_PERCENT", 25);                    // a new specific price
            assertThat(stored(id, 7)).containsEntry("DISCOUNT_PERCENT", 0);                     // its end date moved back
            assertThat(money(stored(id, 12).get("PRICE"))).isEqualTo(new BigDecimal("9.90"));  // its tax: 20 % -> 10 %
            assertThat(String.valueOf(stored(id, 8).get("IMAGE_URLS"))).contains("/" + edits.image + "-");
            assertThat(stored(id, 11)).containsEntry("ACTIVE", false);
            System.out.println("[real-ps] after base price (3), new specific price (4), specific price end (7), tax rate "
                + "(12), combination impact (22 of 9), stock (6), name (10), new picture " + edits.image + " (8), product "
                + "gone (11): the re-sync equals the shop");
        } catch (Throwable failure) {
            try {
                edits.undo();
            } catch (Exception undo) {
                failure.addSuppressed(undo);
            }
            throw failure;
        }
        edits.undo();
        syncNotSkipped(api, id);
        printSync(id, "after the shop was put back");
        compareWithShop(api, id, real);
        System.out.println("[real-ps] shop put back, re-synced: equal to the shop again");
    }

    /** A sync of ours, again while the shop's latest was skipped (another one of the shop was still running). */
    private void syncNotSkipped(ApiClient api, long id) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            sync(api, id);
            String outcome = jdbc.queryForObject("SELECT outcome FROM shop_sync WHERE shop_id = ? ORDER BY id DESC LIMIT 1",
                String.class, id);
            if (!"SKIPPED".equals(outcome)) {
                return;
            }
            Thread.sleep(3000);
        }
    }

    private Map<String, Object> stored(long shopId, long productId) {
        return jdbc.queryForMap("SELECT * FROM product WHERE shop_id = ? AND shop_product_id = ?", shopId, productId);
    }

    /**
     * "Taille : S, Couleur : Blanc" per combination, built from the shop's full objects (ids as {@code <id>}), with
     * PrestaShop's ": " of the language (" : " in French).
     */
    private static Map<Long, String> shopLabels(RealShops.Asker shopApi, String lang, String colon) throws Exception {
        Map<Long, String[]> groups = new HashMap<>();
        for (XmlNode g : shopApi.rows("product_options", "display=full&language=" + lang)) {
            groups.put(g.longValue("id"), new String[] {g.localized("public_name", lang), g.value("position")});
        }
        Map<Long, String[]> values = new HashMap<>();
        for (XmlNode v : shopApi.rows("product_option_values", "display=full&language=" + lang)) {
            values.put(v.longValue("id"), new String[] {v.value("id_attribute_group"), v.localized("name", lang), v.value("position")});
        }
        Map<Long, String> labels = new HashMap<>();
        for (XmlNode c : shopApi.rows("combinations", "display=full")) {
            List<String[]> parts = new ArrayList<>();
            for (XmlNode item : c.child("associations").child("product_option_values").children()) {
                parts.add(values.get(item.longValue("id")));
            }
            parts.sort((a, b) -> Integer.compare(Integer.parseInt(groups.get(Long.valueOf(a[0]))[1]),
                Integer.parseInt(groups.get(Long.valueOf(b[0]))[1])));
            List<String> text = new ArrayList<>();
            for (String[] p : parts) {
                text.add(groups.get(Long.valueOf(p[0]))[0] + colon + p[1]);
            }
            labels.put(c.longValue("id"), String.join(", ", text));
        }
        return labels;
    }

    /** As many pictures as the shop has for the product, its cover first, and the cover served as an image. */
    private static void assertPictures(long pid, List<String> urls, XmlNode shop) throws Exception {
        XmlNode images = shop.child("associations") == null ? null : shop.child("associations").child("images");
        int count = images == null ? 0 : images.children().size();
        assertThat(urls).as("pictures of %d", pid).hasSize(count);
        if (count > 0) {
            String cover = shop.value("id_default_image");
            assertThat(urls.get(0)).as("cover of %d", pid).containsPattern("(/|^)" + cover + "-");
            HttpResponse<Void> picture = HTTP.send(HttpRequest.newBuilder(URI.create(urls.get(0)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(picture.statusCode()).as("cover of %d at %s", pid, urls.get(0)).isEqualTo(200);
            assertThat(picture.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
        }
    }

    private static Map<Long, XmlNode> byId(List<XmlNode> rows, String field) {
        Map<Long, XmlNode> map = new HashMap<>();
        rows.forEach(r -> map.put(r.longValue(field), r));
        return map;
    }

    private static BigDecimal cents(String shopValue) {
        return new BigDecimal(shopValue).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(Object ours) {
        return new BigDecimal(String.valueOf(ours)).setScale(2, RoundingMode.HALF_UP);
    }

    private Map<String, Object> printSync(long shopId, String what) {
        Map<String, Object> row = jdbc.queryForMap("SELECT outcome, products_seen, products_new, products_changed, "
            + "products_unchanged, variants, requests, bytes, duration_ms FROM shop_sync WHERE shop_id = ? "
            + "ORDER BY id DESC LIMIT 1", shopId);
        System.out.println("[real-ps] " + what + ": " + row);
        assertThat(row.get("OUTCOME")).isEqualTo("OK");
        return row;
    }

    private static void sync(ApiClient api, long id) {
        Object before = api.get("/api/shops/" + id).get("lastSyncAt");
        api.post("/api/shops/" + id + "/sync", null);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            Map<String, Object> shop = api.get("/api/shops/" + id);
            return shop.get("lastSyncAt") != null && !shop.get("lastSyncAt").equals(before);
        });
    }
}

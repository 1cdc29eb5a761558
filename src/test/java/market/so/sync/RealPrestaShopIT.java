package market.so.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.xml.SafeXmlReader;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service against a real PrestaShop (../shared/tools/real-prestashop: 8.1.2, PHP 8.2, MariaDB, demo
 * catalogue, French default). Runs only when {@code REAL_PS_BASE_URL} (e.g. {@code http://real-ps.test:8089})
 * and {@code REAL_PS_KEY} are set; skipped otherwise. What it compares comes from the shop itself, asked
 * directly: its {@code price[...]} fields, its {@code stock_availables}, its option value names.
 * It prints what it saw, for the closing note of a change.
 */
@SyncTest
@EnabledIfEnvironmentVariable(named = "REAL_PS_BASE_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "REAL_PS_KEY", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class RealPrestaShopIT {

    static final String BASE = System.getenv("REAL_PS_BASE_URL") == null ? ""
        : System.getenv("REAL_PS_BASE_URL").replaceAll("/+$", "");
    static final String KEY = System.getenv("REAL_PS_KEY");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;

    @Test
    @Order(1)
    void registersSyncsAndStoresWhatTheShopComputes() throws Exception {
        ApiClient api = new ApiClient(rest);
        var answer = api.registerShop(BASE, KEY, "real@example.fr");
        System.out.println("[real-ps] register " + BASE + " -> " + answer.getBody());
        assertThat(answer.getBody()).containsEntry("status", "CONNECTED").containsEntry("url", BASE);
        long id = ApiClient.id(answer);
        // a new shop's first sync starts on its own, right after the registration
        await().atMost(Duration.ofSeconds(120)).until(() -> api.get("/api/shops/" + id).get("lastSyncAt") != null);
        printSync(id, "first sync");

        List<Map<String, Object>> ours = compareWithShop(api, id);
        System.out.println("[real-ps] e.g. product 1: " + ours.get(0).get("name") + ", " + ours.get(0).get("price") + " EUR, "
            + ((List<Map<String, Object>>) ours.get(0).get("variants")).get(0).get("attributes"));

        sync(api, id);
        Map<String, Object> again = printSync(id, "re-sync");
        assertThat(((Number) again.get("PRODUCTS_NEW")).intValue()).isZero();
        assertThat(((Number) again.get("PRODUCTS_CHANGED")).intValue()).isZero();
    }

    @Test
    @Order(2)
    void theShopIsFoundFromTheAddressesMerchantsPaste() {
        ApiClient api = new ApiClient(rest);
        URI base = URI.create(BASE);
        String byIp = BASE.replace(base.getHost(), "127.0.0.1");
        List<String> forms = new ArrayList<>(List.of(
            byIp + "/api",
            BASE + "/fr/",
            BASE + "/fr/hommes/1-hummingbird-printed-t-shirt.html",
            BASE + "/index.php",
            BASE + "/admin-real-ps/index.php?controller=AdminWebservice&token=0123456789abcdef0123456789abcdef",
            BASE.replaceFirst("^https?://", ""),
            "   " + BASE + "/   "));
        List<String> failed = new ArrayList<>();
        for (String form : forms) {
            var answer = api.registerShop(form, KEY, null);
            Map<String, Object> body = answer.getBody();
            String shown = form.replaceAll("token=[0-9a-f]+", "token=...");
            System.out.println("[real-ps] address '" + shown + "' -> " + body.getOrDefault("status", body.get("error"))
                + " " + body.get("url") + " | " + body.getOrDefault("statusDetail", body.get("message")));
            assertThat(body.toString()).doesNotContain("admin-real-ps").doesNotContain("0123456789abcdef");
            if (!"CONNECTED".equals(body.get("status")) || !BASE.equals(body.get("url"))) {
                failed.add(shown);
            }
        }
        assertThat(failed).as("address forms that did not connect at " + BASE).isEmpty();
        assertThat(jdbc.queryForList("SELECT url FROM shop", String.class)).containsExactly(BASE);
    }

    /** Our stored catalogue against what the shop itself says now: names, prices, stock, variants, listing. */
    private List<Map<String, Object>> compareWithShop(ApiClient api, long id) throws Exception {
        List<Map<String, Object>> ours = ((List<Map<String, Object>>) api.get("/api/shops/" + id + "/products?size=500")
            .get("items")).stream().filter(p -> Boolean.TRUE.equals(p.get("active"))).toList();
        Map<Long, XmlNode> products = byId(rows("products", "display=[id,name,somarket_final,somarket_regular]"
            + "&language=2&price[somarket_final][use_tax]=1&price[somarket_regular][use_tax]=1"
            + "&price[somarket_regular][use_reduction]=0"), "id");
        Map<String, Integer> stock = new HashMap<>();
        for (XmlNode row : rows("stock_availables", "display=[id_product,id_product_attribute,quantity]")) {
            stock.put(row.value("id_product") + "/" + row.value("id_product_attribute"), Integer.valueOf(row.value("quantity")));
        }
        Map<Long, String> labels = shopLabels();
        Map<Long, XmlNode> combinationPrices = byId(rows("combinations", "display=[id,id_product,somarket_final]"
            + "&price[somarket_final][use_tax]=1"), "id");

        assertThat(ours).hasSize(products.size());
        int variants = 0;
        for (Map<String, Object> product : ours) {
            long pid = ((Number) product.get("shopProductId")).longValue();
            XmlNode shop = products.get(pid);
            assertThat(product.get("name")).as("name of %d", pid).isEqualTo(shop.localized("name", "2"));
            assertThat(money(product.get("price"))).as("price of %d", pid).isEqualTo(cents(shop.value("somarket_final")));
            assertThat(money(product.get("regularPrice"))).as("regular price of %d", pid)
                .isEqualTo(cents(shop.value("somarket_regular")));
            assertThat(product.get("quantity")).as("stock of %d", pid).isEqualTo(stock.get(pid + "/0"));
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
            + "names, prices (price[...]), stock (stock_availables), variant labels (option values): all equal");
        return ours;
    }

    @Test
    @Order(3)
    void everyKindOfChangeShowsAtTheNextSyncAndTheShopIsPutBack() throws Exception {
        Assumptions.assumeTrue(RealShopEdits.available(), "the shop's database is not reachable (mysql, recipe user)");
        ApiClient api = new ApiClient(rest);
        long id = jdbc.queryForObject("SELECT id FROM shop WHERE url = ? ORDER BY id LIMIT 1", Long.class, BASE);
        RealShopEdits edits = new RealShopEdits();
        try {
            edits.prepare();
            syncNotSkipped(api, id);
            printSync(id, "baseline (product 12 on a tax of its own, product 7 30 % off until tomorrow)");
            assertThat(stored(id, 7)).containsEntry("DISCOUNT_PERCENT", 30);
            edits.change();
            syncNotSkipped(api, id);
            printSync(id, "after one edit of each kind");
            compareWithShop(api, id);
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
        compareWithShop(api, id);
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

    /** "Taille : S, Couleur : Blanc" per combination, built from the shop's full objects (ids as {@code <id>}). */
    private static Map<Long, String> shopLabels() throws Exception {
        Map<Long, String[]> groups = new HashMap<>();
        for (XmlNode g : rows("product_options", "display=full&language=2")) {
            groups.put(g.longValue("id"), new String[] {g.localized("public_name", "2"), g.value("position")});
        }
        Map<Long, String[]> values = new HashMap<>();
        for (XmlNode v : rows("product_option_values", "display=full&language=2")) {
            values.put(v.longValue("id"), new String[] {v.value("id_attribute_group"), v.localized("name", "2"), v.value("position")});
        }
        Map<Long, String> labels = new HashMap<>();
        for (XmlNode c : rows("combinations", "display=full")) {
            List<String[]> parts = new ArrayList<>();
            for (XmlNode item : c.child("associations").child("product_option_values").children()) {
                parts.add(values.get(item.longValue("id")));
            }
            parts.sort((a, b) -> Integer.compare(Integer.parseInt(groups.get(Long.valueOf(a[0]))[1]),
                Integer.parseInt(groups.get(Long.valueOf(b[0]))[1])));
            List<String> text = new ArrayList<>();
            for (String[] p : parts) {
                text.add(groups.get(Long.valueOf(p[0]))[0] + " : " + p[1]);
            }
            labels.put(c.longValue("id"), String.join(", ", text));
        }
        return labels;
    }

    private static List<XmlNode> rows(String resource, String query) throws Exception {
        String encoded = query.replace("[", "%5B").replace("]", "%5D");
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/api/" + resource + "?" + encoded))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(resource).isEqualTo(200);
        List<XmlNode> rows = new ArrayList<>();
        new SafeXmlReader().stream(new ByteArrayInputStream(answer.body()), 2, rows::add);
        return rows;
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

package market.so.sync.prestashop.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator answers as the recorded PrestaShop 8.1.2 does, and misbehaves when told to. */
class PrestaShopSimulatorTest {

    private static PrestaShopSimulator sim;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sim = PrestaShopSimulator.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> get(SimShop shop, String pathAndQuery, String basicKey, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.url() + encode(pathAndQuery)));
        if (basicKey != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((basicKey + ":").getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String pathAndQuery) {
        return pathAndQuery.replace("[", "%5B").replace("]", "%5D").replace("|", "%7C").replace(" ", "%20")
                .replace(">", "%3E");
    }

    private static String recorded(String name, SimShop shop) {
        return FixtureXml.text(name).replace(FixtureXml.RECORDED_API, shop.url() + "/api/");
    }

    @Test
    void servesTheRecordedDemoShopByteForByte() throws Exception {
        SimShop demo = sim.fixtureShop("bytes");
        HttpResponse<String> products = get(demo, "/api/products?display=full&limit=5", demo.key());
        assertThat(products.statusCode()).isEqualTo(200);
        assertThat(products.body()).isEqualTo(recorded("products_full_limit5.body", demo));
        assertThat(products.headers().firstValue("Content-Sha1")).hasValue(
                Reply.sha1(products.body().getBytes(StandardCharsets.UTF_8), products.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(products.headers().firstValue("PSWS-Version")).hasValue("8.1.2");
        assertThat(get(demo, "/api/products/1", demo.key()).body()).isEqualTo(recorded("product_1.body", demo));
        assertThat(get(demo, "/api/", demo.key()).body()).isEqualTo(recorded("api_root.body", demo));
        assertThat(get(demo, "/api", demo.key()).statusCode()).isEqualTo(200);
        assertThat(get(demo, "/api/languages?display=full", demo.key()).body()).isEqualTo(recorded("languages_full.body", demo));
        assertThat(get(demo, "/api/specific_prices?display=full", demo.key()).body())
                .isEqualTo(recorded("specific_prices_full.body", demo));
        assertThat(get(demo, "/api/products?filter[reference]=[doesnotexist]", demo.key()).body())
                .isEqualTo(recorded("filter_no_match.body", demo));
    }

    @Test
    void authenticatesLikePrestaShop() throws Exception {
        SimShop demo = sim.fixtureShop("auth");
        assertThat(get(demo, "/api/languages?ws_key=" + demo.key(), null).statusCode()).isEqualTo(200);
        assertThat(get(demo, "/api/languages?ws_key=WRONGKEY" + "0".repeat(24), demo.key()).statusCode())
                .as("Basic wins over ws_key").isEqualTo(200);

        HttpResponse<String> none = get(demo, "/api/products", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("401 Unauthorized");
        assertThat(none.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().contains("PrestaShop Webservice");

        HttpResponse<String> bad = get(demo, "/api/products?display=full&limit=5", "A".repeat(32));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo(FixtureXml.text("error_bad_key.body"));
        assertThat(bad.headers().firstValue("PSWS-Version")).hasValue("0");

        HttpResponse<String> shortKey = get(demo, "/api/products", "SHORT");
        assertThat(shortKey.statusCode()).isEqualTo(401);
        assertThat(shortKey.body()).contains("<code><![CDATA[18]]></code>");

        List<SimRequest> requests = demo.requests();
        assertThat(requests.get(0).wsKey()).isTrue();
        assertThat(requests.get(0).query()).containsEntry("ws_key", "***");
        assertThat(requests.get(1).basicAuth()).isTrue();
        assertThat(requests).extracting(SimRequest::path).contains("/api/languages", "/api/products");
    }

    @Test
    void reproducesBrokenShopsAndHosts() throws Exception {
        SimShop shop = sim.fixtureShop("broken");
        shop.webserviceDisabled(true);
        HttpResponse<String> disabled = get(shop, "/api/", shop.key());
        assertThat(disabled.statusCode()).isEqualTo(503);
        assertThat(disabled.body()).contains("<code><![CDATA[22]]></code>");
        shop.webserviceDisabled(false);

        shop.stripAuthorizationHeader(true);
        assertThat(get(shop, "/api/", shop.key()).body()).isEqualTo("401 Unauthorized");
        assertThat(get(shop, "/api/?ws_key=" + shop.key(), null).statusCode()).isEqualTo(200);
        shop.stripAuthorizationHeader(false);

        shop.noRewrite(true);
        HttpResponse<String> rewritten = get(shop, "/api/", shop.key());
        assertThat(rewritten.statusCode()).isEqualTo(404);
        assertThat(rewritten.body()).contains("<title>404 Not Found</title>");
        HttpResponse<String> dispatched = get(shop, "/webservice/dispatcher.php?url=products&display=[id,name]&limit=2",
                shop.key());
        assertThat(dispatched.statusCode()).isEqualTo(200);
        assertThat(dispatched.body()).contains("T-shirt imprimé colibri").contains(shop.url() + "/api/languages/2");
        shop.noRewrite(false);

        shop.shopNotAllowed(true);
        assertThat(get(shop, "/api/products", shop.key()).body()).contains("<code><![CDATA[132]]></code>");
        shop.shopNotAllowed(false);

        shop.notPrestashop(true);
        HttpResponse<String> other = get(shop, "/api/", shop.key());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).contains("WordPress");
        shop.notPrestashop(false);

        shop.failNextRequests(2, 429, 3);
        HttpResponse<String> limited = get(shop, "/api/", shop.key());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(get(shop, "/api/", shop.key()).statusCode()).isEqualTo(429);
        assertThat(get(shop, "/api/", shop.key()).statusCode()).isEqualTo(200);

        assertThat(get(shop, "/api/products/999999", shop.key()).statusCode()).isEqualTo(404);
        assertThat(get(shop, "/nowhere", null).statusCode()).isEqualTo(404);
        assertThat(get(shop, "/api/produts", shop.key()).body()).contains("<code><![CDATA[27]]></code>");
    }

    @Test
    void deniedResourcesVanishFromTheListingAndAnswer26() throws Exception {
        SimShop shop = sim.fixtureShop("denied").denyGet("specific_prices", "stock_availables");
        String listing = get(shop, "/api/", shop.key()).body();
        assertThat(listing).contains("<products xlink:href").doesNotContain("<specific_prices xlink:href");
        HttpResponse<String> denied = get(shop, "/api/specific_prices?display=full", shop.key());
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains("<code><![CDATA[26]]></code>")
                .contains("Resource of type \"specific_prices\" is not allowed with this authentication key");
    }

    @Test
    void pagesUntilAnEmptyPageAndFiltersByIdAndDate() throws Exception {
        SimShop big = sim.generatedShop("paging", 120);
        int seen = 0;
        for (int offset = 0; ; offset += 50) {
            String page = get(big, "/api/products?display=[id,name]&sort=[id_ASC]&limit=" + offset + ",50", big.key()).body();
            int count = page.split("<product>", -1).length - 1;
            if (count == 0) {
                assertThat(page).endsWith("<products>\n</products>\n</prestashop>\n");
                break;
            }
            seen += count;
        }
        assertThat(seen).isEqualTo(120);

        String some = get(big, "/api/products?filter[id]=[3|7|200]", big.key()).body();
        assertThat(some).contains("<product id=\"3\" xlink:href=\"" + big.url() + "/api/products/3\"/>")
                .contains("<product id=\"7\"").doesNotContain("<product id=\"200\"");
        String interval = get(big, "/api/products?filter[id]=[10,12]&sort=[id_DESC]", big.key()).body();
        assertThat(interval.indexOf("id=\"12\"")).isLessThan(interval.indexOf("id=\"10\""));
        assertThat(interval.split("<product ", -1).length - 1).isEqualTo(3);

        assertThat(get(big, "/api/products?filter[date_upd]=>[2025-01-01 01:00:00]", big.key()).body())
                .contains("<code><![CDATA[32]]></code>");
        big.catalog().setName(5, 2, "Produit cinq renommé");
        big.catalog().setStock(6, 99);
        String changed = get(big, "/api/products?display=[id,name,date_upd]&date=1&filter[date_upd]=>[2025-06-01 00:00:00]",
                big.key()).body();
        assertThat(changed).contains("Produit cinq renommé").doesNotContain("<id><![CDATA[6]]></id>");
    }

    @Test
    void displaysOnlyTheAskedFields() throws Exception {
        SimShop demo = sim.fixtureShop("display");
        String body = get(demo, "/api/products?display=[id,reference,name,categories[id]]&filter[id]=[1]&language=2",
                demo.key()).body();
        assertThat(body).contains("<reference><![CDATA[demo_1]]></reference>")
                .contains("<name><language id=\"2\" xlink:href=\"" + demo.url() + "/api/languages/2\"><![CDATA[T-shirt imprimé colibri]]></language></name>")
                .contains("<categories nodeType=\"category\" api=\"categories\">")
                .doesNotContain("<price>").doesNotContain("<images").doesNotContain("Hummingbird");
        HttpResponse<String> unknown = get(demo, "/api/products?display=[id,nonsense]", demo.key());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<code><![CDATA[35]]></code>");
    }

    @Test
    void computesPricesLikeTheShop() throws Exception {
        SimShop demo = sim.fixtureShop("prices");
        String body = get(demo, "/api/products?display=[id,price,final,regular,off]&filter[id]=[1]"
                + "&price[final][use_tax]=1&price[final][decimals]=6"
                + "&price[regular][use_tax]=1&price[regular][use_reduction]=0&price[regular][decimals]=6"
                + "&price[off][use_tax]=1&price[off][only_reduction]=1&price[off][decimals]=6", demo.key()).body();
        assertThat(body).contains("<price><![CDATA[23.900000]]></price>")
                .contains("<final><![CDATA[22.944000]]></final>")
                .contains("<regular><![CDATA[28.680000]]></regular>")
                .contains("<off><![CDATA[5.736000]]></off>");
        String cents = get(demo, "/api/products?display=[id,final]&filter[id]=[1]&price[final][use_tax]=1", demo.key()).body();
        assertThat(cents).as("decimals defaults to 2, as on a real shop").contains("<final><![CDATA[22.940000]]></final>");
        String combinations = get(demo, "/api/combinations?display=full&filter[id_product]=[1]&price[ti][use_tax]=1&price[ti][decimals]=6",
                demo.key()).body();
        assertThat(combinations.split("<combination>", -1).length - 1).isEqualTo(8);
        assertThat(combinations).contains("<ti><![CDATA[22.944000]]></ti>");

        demo.catalog().setSpecificPrice(1, new BigDecimal("0.5"));
        assertThat(get(demo, "/api/products?display=[id,final]&filter[id]=[1]&price[final][use_tax]=1&price[final][decimals]=6",
                demo.key()).body()).contains("<final><![CDATA[14.340000]]></final>");
    }

    /**
     * Measured on the real 8.1.2 (2026-12-07): with a 10 % specific price on product 3's default combination (13), the
     * product's price alias stays 34.80 (priceCalculation with combination 0 takes only the rows that name none) while
     * combination 13's is 31.32 and its siblings, with their impacts, are untouched.
     */
    @Test
    void aProductsPriceIgnoresTheSpecificPriceOfItsDefaultCombination() throws Exception {
        SimShop demo = sim.fixtureShop("default-combination-price");
        demo.catalog().setImpact(14, new BigDecimal("20")).setImpact(15, new BigDecimal("50")) // the real shop's
                .addCombinationSpecificPrice(3, 13, new BigDecimal("0.1"));
        String prices = "&price[f][use_tax]=1&price[f][decimals]=6&price[r][use_tax]=1&price[r][use_reduction]=0"
                + "&price[r][decimals]=6";
        assertThat(get(demo, "/api/products?display=[id,f,r]&filter[id]=[3]" + prices, demo.key()).body())
                .contains("<f><![CDATA[34.800000]]></f>").contains("<r><![CDATA[34.800000]]></r>");
        String combinations = get(demo, "/api/combinations?display=[id,f,r]&filter[id_product]=[3]&sort=[id_ASC]" + prices,
                demo.key()).body().replaceAll("\\s", "");
        assertThat(combinations)
                .contains("<id><![CDATA[13]]></id><f><![CDATA[31.320000]]></f><r><![CDATA[34.800000]]></r>")
                .contains("<id><![CDATA[14]]></id><f><![CDATA[58.800000]]></f><r><![CDATA[58.800000]]></r>")
                .contains("<id><![CDATA[15]]></id><f><![CDATA[94.800000]]></f><r><![CDATA[94.800000]]></r>");
    }

    @Test
    void answers304WhenTheClientHasThePage() throws Exception {
        SimShop demo = sim.fixtureShop("cache");
        HttpResponse<String> first = get(demo, "/api/products?display=full&limit=0,2", demo.key());
        String sha1 = first.headers().firstValue("Content-Sha1").orElseThrow();
        HttpResponse<String> again = get(demo, "/api/products?display=full&limit=0,2", demo.key(), "Local-Content-Sha1", sha1);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        demo.catalog().setPrice(1, new BigDecimal("25.00"));
        assertThat(get(demo, "/api/products?display=full&limit=0,2", demo.key(), "Local-Content-Sha1", sha1).statusCode())
                .isEqualTo(200);
    }

    @Test
    void failsPagesThatHoldABrokenProductSoAClientCanBisect() throws Exception {
        SimShop big = sim.generatedShop("bisect", 40).failProducts(13).failOffset(30);
        HttpResponse<String> page = get(big, "/api/products?display=full&limit=10,10", big.key());
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).contains("[PHP Warning #2]");
        assertThat(get(big, "/api/products?display=full&limit=10,2", big.key()).statusCode()).isEqualTo(200);
        assertThat(get(big, "/api/products?display=full&limit=14,6", big.key()).statusCode()).isEqualTo(200);
        assertThat(get(big, "/api/products?limit=10,10", big.key()).statusCode()).as("minimal list").isEqualTo(200);
        assertThat(get(big, "/api/products/13", big.key()).statusCode()).isEqualTo(500);
        assertThat(get(big, "/api/products?display=[id]&limit=30,10", big.key()).statusCode()).isEqualTo(500);
    }

    @Test
    void servesPublicImagesAndProductPages() throws Exception {
        SimShop demo = sim.fixtureShop("images");
        assertThat(get(demo, "/img/p/2/1/21-large_default.jpg", null).statusCode()).isEqualTo(200);
        assertThat(get(demo, "/21-large_default/hummingbird-printed-sweater.jpg", null).headers()
                .firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(get(demo, "/img/p/9/9/9/999-large_default.jpg", null).statusCode()).isEqualTo(404);
        assertThat(get(demo, "/img/p/2/1/21-huge.jpg", null).statusCode()).isEqualTo(404);
        assertThat(get(demo, "/index.php?id_product=1&controller=product", null).body()).contains("T-shirt imprimé colibri");
        assertThat(get(demo, "/index.php?id_product=77&controller=product", null).statusCode()).isEqualTo(404);
    }

    @Test
    void servesSlowRequestsInParallel() throws Exception {
        SimShop slow = sim.generatedShop("slow", 10).latency(Duration.ofMillis(500));
        HttpRequest request = HttpRequest.newBuilder(URI.create(slow.url() + "/api/?ws_key="
                + URLEncoder.encode(slow.key(), StandardCharsets.UTF_8))).build();
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        calls.forEach(CompletableFuture::join);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(slow.requestCount()).isEqualTo(64);
    }
}

package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The connect and categories pages against the real PrestaShop 8.1.2 of ../shared/tools/real-prestashop, when it
 * runs (skipped otherwise): its limited and inactive keys get their diagnosis, its full key connects and the real
 * category tree is offered for mapping.
 */
@SyncTest
// a real PHP shop, shared with other engineers and possibly scaled to many thousands of products (../shared/tools/
// real-prestashop/scale.sh): the production timeouts, and a sync stopped after two minutes rather than left loading it
@TestPropertySource(properties = {"somarket.sync.read-timeout=60s", "somarket.sync.connect-timeout=10s",
    "somarket.sync.shop-time-limit=120s"})
class RealPrestaShopPagesTest {

    static final String SHOP = "http://real-ps.test:8089";

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;

    @BeforeAll
    static void realShopUp() {
        int status;
        try {
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SHOP + "/api/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = -1;
        }
        assumeTrue(status == 401, "SKIPPED: the real PrestaShop is not running at " + SHOP
            + " (../shared/tools/real-prestashop/start.sh)");
    }

    @Test
    void theRealShopsKeysGetTheirDiagnosisThenConnectAndTheRealTreeIsOffered() {
        ApiClient api = new ApiClient(rest);
        String connect = (String) api.post("/api/merchant-links", Map.of("purpose", "connect")).getBody().get("path");
        PageClient browser = new PageClient(port, "fr");

        PageClient.Page limited = browser.submit(browser.get(connect), "form",
            Map.of("url", SHOP, "apiKey", "REALPSLIMITEDKEY0000000000000002"));
        assertThat(limited.html().select("#diagnosis h2").text()).isEqualTo("Il manque des droits à cette clé");
        assertThat(limited.html().select("#diagnosis").text()).contains("categories", "stock_availables");
        assertThat(limited.response().body()).doesNotContain("REALPSLIMITEDKEY0000000000000002");

        PageClient.Page inactive = browser.submit(browser.get(connect), "form",
            Map.of("url", SHOP, "apiKey", "REALPSINACTIVEKEY000000000000003"));
        assertThat(inactive.html().select("#diagnosis h2").text()).isEqualTo("Votre boutique ne reconnaît pas cette clé");

        long started = System.nanoTime();
        PageClient.Page connected = browser.submit(browser.get(connect), "form",
            Map.of("url", SHOP, "apiKey", "REALPRESTASHOPTESTKEY00000000001"));
        assertThat(connected.html().select("#connected h2").text()).isEqualTo("C’est fait : votre boutique est connectée");
        String shopPath = connected.path().replaceFirst("\\?.*$", "");
        long shopId = Long.parseLong(shopPath.replaceFirst("^/merchant/s\\.(\\d+)\\..*$", "$1"));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
            .until(() -> api.get("/api/shops/" + shopId).get("lastSyncOutcome") != null);
        Map<String, Object> shop = api.get("/api/shops/" + shopId);
        System.out.printf("real PrestaShop through the connect page: %s (%s), %s products online, %d ms from submit to synced%n",
            shop.get("lastSyncOutcome"), shop.get("status"), shop.get("productCount"), (System.nanoTime() - started) / 1_000_000);
        PageClient.Page status = browser.get(shopPath);
        if ("OK".equals(shop.get("lastSyncOutcome"))) {
            assertThat(status.html().select("#products-online").text()).isEqualTo(String.valueOf(shop.get("productCount")));
            PageClient.Page categories = browser.get(shopPath + "/categories");
            assertThat(categories.html().select("tbody tr label").eachText()).contains("Vêtements", "Hommes", "Femmes");
            assertThat(categories.html().select("#row-4 select option[selected]").attr("value")).isEqualTo("mode-homme");
        } else {
            // a catalogue too big for the time limit: the merchant reads why, and what to do
            assertThat(shop).containsEntry("status", "TIMEOUT");
            assertThat(status.html().select("#state").text()).isEqualTo("Votre boutique a mis trop de temps à répondre");
            assertThat(status.html().select("#failures-title")).isNotEmpty();
        }
    }
}

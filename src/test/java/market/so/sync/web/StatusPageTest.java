package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The shop's status page (products online, last sync in words, failures with their fix, "update now" limited to
 * once per interval), the pages of a refused link, and {@code POST /api/merchant-links}.
 */
@SyncTest
// the connect page does not wait for the first sync here: the status page must follow it on its own
@TestPropertySource(properties = "somarket.site.first-sync-wait=0s")
class StatusPageTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int shops;

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    ApiClient api;
    PageClient browser;
    SimShop demo;
    long shopId;
    String path;

    @BeforeEach
    void aSyncedShop() {
        api = new ApiClient(rest);
        browser = new PageClient(port, "fr");
        demo = sim.fixtureShop("status-page-" + (++shops));
        shopId = ApiClient.id(api.registerShop(demo.url(), demo.key(), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> "OK".equals(api.get("/api/shops/" + shopId).get("lastSyncOutcome")));
        path = (String) api.post("/api/merchant-links", Map.of("purpose", "shop", "shopId", shopId)).getBody().get("path");
    }

    @Test
    void aHealthyShopShowsItsProductsAndItsLastSyncInWords() {
        PageClient.Page page = browser.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("#state").text()).isEqualTo("Connectée, tout va bien");
        assertThat(page.html().select("#products-online").text()).isEqualTo("5");
        assertThat(page.html().select("#last-sync").text()).matches("\\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d : réussie : 5 produits lus, 5 nouveaux, 0 modifiés, 0 retirés");
        assertThat(page.html().select("#unclassified").text()).startsWith("5 produits");
        assertThat(page.html().select("#failures-title")).isEmpty();
        assertThat(page.html().select("button#sync-now").hasAttr("disabled")).isFalse();
        assertThat(page.response().body()).doesNotContain(demo.key());
    }

    @Test
    void updateNowStartsASyncThenWaitsForTheInterval() {
        int before = demo.requestCount();
        PageClient.Page started = browser.submit(browser.get(path), "form", Map.of());
        assertThat(started.path()).endsWith("?sync=started");
        assertThat(started.html().select("#sync-asked").text()).startsWith("C’est noté");
        assertThat(started.html().select("meta[http-equiv=refresh]").attr("content")).isEqualTo("5; url=" + path);
        await().atMost(Duration.ofSeconds(30)).until(() -> demo.requestCount() > before);

        PageClient.Page again = browser.submit(browser.get(path), "form", Map.of());
        assertThat(again.path()).endsWith("?sync=wait");
        assertThat(again.html().select("#sync-asked").text()).matches("Une mise à jour a déjà été demandée récemment : "
            + "vous pourrez en demander une autre à \\d\\d:\\d\\d\\.");
        assertThat(again.html().select("button#sync-now").hasAttr("disabled")).isTrue();
    }

    @Test
    void aFailedSyncIsToldWithItsFixAndTheProductsStayOnline() {
        demo.webserviceDisabled(true);
        api.post("/api/shops/" + shopId + "/sync", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(api.get("/api/shops/" + shopId).get("lastSyncOutcome")));

        PageClient.Page page = browser.get(path);
        assertThat(page.html().select("#state").text()).isEqualTo("Le service web de votre boutique est désactivé");
        assertThat(page.html().select("#last-sync").text()).contains("échouée – Service web désactivé.",
            "Vos produits déjà en ligne restent affichés.");
        assertThat(page.html().select("#products-online").text()).isEqualTo("5");
        assertThat(page.html().select("#failures-title").text()).isEqualTo("Derniers échecs et comment les corriger");
        assertThat(page.html().select(".box.bad").first().text()).contains("Service web désactivé",
            "Dans Paramètres avancés › Service Web, remettez « Activer le service web » sur Oui et enregistrez (guide §1.2).");
        demo.webserviceDisabled(false);
    }

    @Test
    void whileTheFirstSyncRunsThePageSaysSoAndRefreshesItselfThenGivesTheCount() {
        SimShop slow = sim.fixtureShop("status-page-slow-" + (++shops)).latency(Duration.ofMillis(400));
        String connect = (String) api.post("/api/merchant-links", Map.of("purpose", "connect")).getBody().get("path");
        PageClient.Page connected = browser.submit(browser.get(connect), "form", Map.of("url", slow.url(), "apiKey", slow.key()));

        assertThat(connected.html().select("#connected").text()).contains("Nous lisons votre catalogue")
            .doesNotContain("produits sont maintenant en ligne");
        assertThat(connected.html().select("#last-sync").text()).isEqualTo("En cours… cette page se met à jour toute seule.");
        String shopPath = connected.path().replaceFirst("\\?.*$", "");
        assertThat(connected.html().select("meta[http-equiv=refresh]").attr("content")).isEqualTo("5; url=" + shopPath);
        assertThat(connected.html().select("button#sync-now").hasAttr("disabled")).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> browser.get(connected.path()).html().select("#connected").text()
            .contains("5 produits sont maintenant en ligne sur So.market."));
        assertThat(browser.get(shopPath).html().select("meta[http-equiv=refresh]")).isEmpty();
    }

    @Test
    void aShopPausedByOpsCannotBeUpdatedFromThePage() {
        api.post("/api/shops/" + shopId + "/pause", Map.of());
        PageClient.Page page = browser.get(path);
        assertThat(page.html().select("#state").text()).isEqualTo("En pause (décidé par So.market)");
        assertThat(page.html().select("button#sync-now").hasAttr("disabled")).isTrue();
        assertThat(browser.post(path + "/sync", Map.of("_csrf", page.html().select("input[name=_csrf]").attr("value"))).path())
            .endsWith("?sync=paused");
    }

    @Test
    void inEnglishWhenTheBrowserAsks() {
        PageClient.Page page = new PageClient(port, "en-US,en;q=0.8").get(path);
        assertThat(page.html().selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.html().select("#state").text()).isEqualTo("Connected, all is well");
        assertThat(page.html().select("#last-sync").text()).contains("succeeded: 5 products read, 5 new");
    }

    @Test
    void aTamperedLinkGetsAClearPageAndNoLoginPrompt() {
        PageClient.Page page = browser.get(path.replace("/merchant/s." + shopId + ".", "/merchant/s." + (shopId + 1) + "."));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.response().headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(page.html().select("h1").text()).isEqualTo("Ce lien n’est pas valide");
        assertThat(page.html().select("main").text()).contains("Obtenir un nouveau lien", "hello@so.market");
        assertThat(browser.get("/merchant/nonsense/categories").status()).isEqualTo(403);
    }

    @Test
    void anExpiredLinkSaysSinceWhen() {
        MerchantLinks past = new MerchantLinks("test-only-link-secret", Duration.ofDays(-2), "http://localhost", Clock.systemUTC());
        PageClient.Page page = browser.get(MerchantLinks.path(past.token(MerchantLink.Purpose.SHOP, shopId), "categories"));
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.html().select("h1").text()).isEqualTo("Ce lien a expiré");
        assertThat(page.html().select("[role=alert]").text()).matches("Ce lien ne fonctionne plus depuis le \\d\\d/\\d\\d/\\d{4} : .*");
    }

    @Test
    void aLinkToAShopThatIsGoneSaysSo() {
        MerchantLinks links = new MerchantLinks("test-only-link-secret", Duration.ofDays(1), "http://localhost", Clock.systemUTC());
        PageClient.Page page = browser.get(MerchantLinks.path(links.token(MerchantLink.Purpose.SHOP, 987654L), ""));
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.html().select("h1").text()).isEqualTo("Cette boutique n’est plus connectée");
    }

    @Test
    void linksAreGivenToOpsOnlyAndForAShopThatExists() {
        assertThat(rest.postForEntity("/api/merchant-links", Map.of("purpose", "connect"), String.class).getStatusCode().value())
            .isEqualTo(401);
        var shop = api.post("/api/merchant-links", Map.of("purpose", "shop", "shopId", shopId));
        assertThat(shop.getStatusCode().value()).isEqualTo(201);
        assertThat(shop.getBody()).containsEntry("purpose", "shop").containsKey("expiresAt");
        assertThat((String) shop.getBody().get("url")).isEqualTo("http://localhost:8080" + shop.getBody().get("path"));
        assertThat(api.post("/api/merchant-links", Map.of("purpose", "shop", "shopId", 987654)).getStatusCode().value()).isEqualTo(404);
        assertThat(api.post("/api/merchant-links", Map.of("purpose", "shop")).getBody()).containsEntry("field", "shopId");
        assertThat(api.post("/api/merchant-links", Map.of("purpose", "admin")).getBody())
            .containsEntry("error", "INVALID_LINK_REQUEST").containsEntry("field", "purpose");
    }
}

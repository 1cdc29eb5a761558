package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The connect page (guide §3bis, steps 1-3) in every state, as a browser without a script sees it, against the
 * PrestaShop simulator: the empty form, each refusal with its fix, connected with the product count; never the key.
 */
@SyncTest
class ConnectPageTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int shops;

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;
    ApiClient api;
    PageClient browser;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
        browser = new PageClient(port, "fr-FR,fr;q=0.9");
    }

    private SimShop shop() {
        return sim.fixtureShop("connect-page-" + (++shops));
    }

    /** A connect link as So.market's account page gets it. */
    private String connectPath() {
        var answer = api.post("/api/merchant-links", Map.of("purpose", "connect"));
        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        assertThat((String) answer.getBody().get("url")).startsWith("http://localhost:8080/merchant/c.0.");
        return (String) answer.getBody().get("path");
    }

    @Test
    void theEmptyFormHasLabelledFieldsACsrfTokenAndNoOpsLogin() {
        PageClient.Page page = browser.get(connectPath());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(page.html().selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(page.html().select("label[for=url]").text()).isEqualTo("Adresse de votre site");
        assertThat(page.html().select("label[for=apiKey]").text()).isEqualTo("Clé du service web");
        assertThat(page.html().select("input#apiKey").attr("type")).isEqualTo("password");
        assertThat(page.html().select("form input[name=_csrf]").attr("value")).isNotBlank();
        assertThat(page.response().headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void englishWhenTheBrowserAsksOtherwiseFrench() {
        String path = connectPath();
        PageClient.Page english = new PageClient(port, "en-GB,en;q=0.9,fr;q=0.5").get(path);
        assertThat(english.html().selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(english.html().select("h1").text()).isEqualTo("Connect your PrestaShop shop");
        PageClient.Page german = new PageClient(port, "de-DE,de;q=0.9").get(path);
        assertThat(german.html().select("h1").text()).isEqualTo("Connecter votre boutique PrestaShop");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndRegistersNothing() {
        SimShop demo = shop();
        PageClient.Page refused = browser.post(connectPath() + "/connect", Map.of("url", demo.url(), "apiKey", demo.key()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().select("h1").text()).isEqualTo("Ce formulaire n’a pas pu être envoyé");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE url = ?", Integer.class, demo.url())).isZero();
        assertThat(demo.requestCount()).isZero();
    }

    @Test
    void aDisabledWebserviceIsDiagnosedWithWhereToClickAndTheKeyIsNotWrittenBack() {
        SimShop demo = shop().webserviceDisabled(true);
        PageClient.Page form = browser.get(connectPath());
        PageClient.Page answer = browser.submit(form, "form", Map.of("url", demo.url(), "apiKey", demo.key()));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.html().select("#diagnosis h2").text()).isEqualTo("Le service web de votre boutique est désactivé");
        assertThat(answer.html().select("#diagnosis .where").text()).startsWith("Paramètres avancés › Service Web");
        assertThat(answer.html().select("#diagnosis").text()).contains("« Activer le service web de PrestaShop » sur Oui",
            "étape §1.2");
        assertThat(answer.html().select("input#url").attr("value")).isEqualTo(demo.url());
        assertThat(answer.html().select("input#apiKey").hasAttr("value")).isFalse();
        assertThat(answer.response().body()).doesNotContain(demo.key());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE url = ?", Integer.class, demo.url())).isZero();
    }

    @Test
    void missingRightsNameTheResourcesToTick() {
        SimShop demo = shop().denyGet("stock_availables", "categories");
        PageClient.Page answer = browser.submit(browser.get(connectPath()), "form", Map.of("url", demo.url(), "apiKey", demo.key()));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.html().select("#diagnosis h2").text()).isEqualTo("Il manque des droits à cette clé");
        assertThat(answer.html().select("#diagnosis").text()).contains("« Voir (GET) »", "categories", "stock_availables");
        assertThat(answer.html().select("input#apiKey").attr("aria-invalid")).isEqualTo("true");
        assertThat(answer.response().body()).doesNotContain(demo.key());
    }

    @Test
    void anUnknownKeyAndAnAddressThatIsNotAShopAreToldApart() {
        SimShop demo = shop();
        String wrongKey = "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ9";
        PageClient.Page badKey = browser.submit(browser.get(connectPath()), "form", Map.of("url", demo.url(), "apiKey", wrongKey));
        assertThat(badKey.html().select("#diagnosis h2").text()).isEqualTo("Votre boutique ne reconnaît pas cette clé");
        assertThat(badKey.response().body()).doesNotContain(wrongKey);

        SimShop other = shop().notPrestashop(true);
        PageClient.Page notShop = browser.submit(browser.get(connectPath()), "form", Map.of("url", other.url(), "apiKey", other.key()));
        assertThat(notShop.html().select("#diagnosis h2").text()).isEqualTo("Ce site ne répond pas comme une boutique PrestaShop");
        assertThat(notShop.html().select("input#url").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void aMalformedKeyOrAMissingAddressIsRefusedBeforeAnyCallToTheShop() {
        SimShop demo = shop();
        String almostKey = demo.key().substring(0, 30) + "!!";
        PageClient.Page badKey = browser.submit(browser.get(connectPath()), "form", Map.of("url", demo.url(), "apiKey", almostKey));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.html().select("#key-error").text()).contains("32 caractères");
        assertThat(badKey.response().body()).doesNotContain(almostKey);

        PageClient.Page noUrl = browser.submit(browser.get(connectPath()), "form", Map.of("url", " ", "apiKey", demo.key()));
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.html().select("#url-error").text()).isEqualTo("Indiquez l’adresse de votre boutique.");
        assertThat(demo.requestCount()).isZero();
    }

    @Test
    void aWorkingKeyConnectsSyncsAndShowsTheProductsOnline() {
        SimShop demo = shop();
        PageClient.Page answer = browser.submit(browser.get(connectPath()), "form",
            Map.of("url", demo.url(), "apiKey", demo.key(), "contactEmail", "claire@savons.example"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.path()).matches("/merchant/s\\.\\d+\\.\\d+\\.[A-Za-z0-9_-]{43}\\?connected=new");
        long id = jdbc.queryForObject("SELECT id FROM shop WHERE url = ?", Long.class, demo.url());
        assertThat(answer.path()).startsWith("/merchant/s." + id + ".");
        assertThat(answer.html().select("#connected h2").text()).isEqualTo("C’est fait : votre boutique est connectée");
        assertThat(answer.html().select("#connected").text()).contains("5 produits sont maintenant en ligne sur So.market.");
        assertThat(answer.html().select("#products-online").text()).isEqualTo("5");
        assertThat(api.get("/api/shops/" + id)).containsEntry("productCount", 5).containsEntry("contactEmail", "claire@savons.example");
        assertThat(answer.html().select("a#go-categories").attr("href")).endsWith("/categories");
        assertThat(answer.response().body()).doesNotContain(demo.key());
    }
}

package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The categories page (guide §3bis, step 4) on a shop synced from the simulator's recorded demo shop: the tree with
 * its product counts, suggestions pre-selected with their reason, save (products re-mapped at once through the
 * mapping code of the REST API), "accept all suggestions", un-mapping, a refused choice, and what is still à classer.
 */
@SyncTest
@SuppressWarnings("unchecked")
class CategoriesPageTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int shops;

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired market.so.sync.mail.ReplyComposer replies;
    ApiClient api;
    PageClient browser;
    long shopId;
    String path;

    @BeforeEach
    void aSyncedShop() {
        api = new ApiClient(rest);
        browser = new PageClient(port, "fr");
        SimShop demo = sim.fixtureShop("categories-page-" + (++shops));
        shopId = ApiClient.id(api.registerShop(demo.url(), demo.key(), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> "OK".equals(api.get("/api/shops/" + shopId).get("lastSyncOutcome")));
        path = (String) api.post("/api/merchant-links", Map.of("purpose", "shop", "shopId", shopId)).getBody().get("path");
    }

    @Test
    void theTreeWithProductCountsAndTheSuggestionPreselectedWithItsReason() {
        PageClient.Page page = browser.get(path + "/categories");
        assertThat(page.status()).isEqualTo(200);
        List<Map<String, Object>> api = this.api.getList("/api/shops/" + shopId + "/categories");
        assertThat(page.html().select("tbody tr")).hasSize(api.size());

        Element men = page.html().selectFirst("#row-4");
        assertThat(men.select("label").text()).isEqualTo("Hommes");
        assertThat(men.attr("class")).isEqualTo("depth-1");
        assertThat(men.select("select#c4 option[selected]").attr("value")).isEqualTo("mode-homme");
        assertThat(men.select(".suggestion").text()).startsWith("Suggestion : « Mode homme » (le nom « Hommes »")
            .endsWith("Pas encore enregistrée.");
        assertThat(men.select("select#c4 optgroup").size()).isGreaterThan(3);
        assertThat(men.select("select#c4 option[value=a-classer]")).as("not a So.market category").isEmpty();
        assertThat(page.html().selectFirst("#row-3").select(".count").text()).matches("\\d+ produits?");
        assertThat(page.html().select("#todo h2").text()).isEqualTo("Encore à classer : 5 produits sur 5");
        assertThat(page.html().select("#accept-all").text()).startsWith("Accepter toutes les suggestions (");
        assertThat(page.html().select("script[src]").attr("src")).isEqualTo("/merchant/assets/merchant.js");
    }

    @Test
    void theLinkInTheReplyEmailOpensThisShopsCategories() {
        var mail = new market.so.sync.mail.KeyEmail("<m-1@shop.example>", "claire@shop.example", null, "Ma clé", null, "fr",
            List.of(), List.of(), false, null);
        var outcome = new market.so.sync.shop.RegistrationOutcome(shopId, "https://shop.example", market.so.sync.shop.ShopStatus.CONNECTED,
            null, List.of(), market.so.sync.shop.KeyChange.NEW_SHOP, true);
        String body = replies.forOutcome(mail, outcome, 5).body();
        var link = java.util.regex.Pattern.compile("http://localhost:8080(/merchant/\\S+/categories)").matcher(body);
        assertThat(link.find()).as(body).isTrue();

        PageClient.Page page = browser.get(link.group(1));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("h1").text()).isEqualTo("Associer vos catégories à celles de So.market");
        assertThat(page.html().select("tbody tr")).isNotEmpty();
        assertThat(link.group(1)).startsWith("/merchant/s." + shopId + ".");
    }

    @Test
    void inEnglishTheSuggestionAndItsReasonToo() {
        PageClient.Page page = new PageClient(port, "en-GB,en").get(path + "/categories");
        assertThat(page.html().select("h1").text()).isEqualTo("Map your categories to So.market’s");
        assertThat(page.html().select("#row-4 .suggestion").text())
            .isEqualTo("Suggestion: “Mode homme” (the name “Hommes” holds the keyword “homme” of “Mode homme”, "
                + "under the parent category “Vêtements”). Not saved yet.");
    }

    @Test
    void savingTheSuggestionsRemapsTheProductsAtOnce() {
        PageClient.Page saved = browser.submit(browser.get(path + "/categories"), "form", Map.of("action", "save"));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.path()).contains("/categories?saved=");
        assertThat(saved.html().select("#saved").text()).startsWith("Enregistré : ").endsWith("ont changé de catégorie.");
        assertThat(products()).allSatisfy(p -> assertThat(((Map<String, Object>) p.get("category")).get("code")).isNotEqualTo("a-classer"));
        assertThat(saved.html().select("#todo h2").text()).isEqualTo("Encore à classer : aucun produit sur 5");
        assertThat(saved.html().select("#row-4 .saved-mark").text()).isEqualTo("✓ Enregistrée");
        assertThat(mapped(4)).isEqualTo("mode-homme");
    }

    @Test
    void acceptAllTakesEverySuggestionEvenWhereTheSelectWasChanged() {
        Map<String, String> fields = new HashMap<>(Map.of("action", "accept-all", "c4", ""));
        PageClient.Page saved = browser.submit(browser.get(path + "/categories"), "form", fields);
        assertThat(saved.path()).contains("?saved=");
        assertThat(mapped(4)).isEqualTo("mode-homme");
    }

    @Test
    void aCategoryLeftToClassifyIsUnmappedAndItsProductsGoBackToAClasser() {
        browser.submit(browser.get(path + "/categories"), "form", Map.of("action", "save"));
        Map<String, String> everythingUnmapped = new HashMap<>();
        browser.get(path + "/categories").html().select("select").forEach(s -> everythingUnmapped.put(s.attr("name"), ""));
        everythingUnmapped.put("action", "save");
        PageClient.Page page = browser.submit(browser.get(path + "/categories"), "form", everythingUnmapped);

        assertThat(mapped(4)).isNull();
        assertThat(page.html().select("#todo h2").text()).isEqualTo("Encore à classer : 5 produits sur 5");
        assertThat(page.html().select("#todo li").text()).contains("Vêtements > Hommes");
        assertThat(products()).allSatisfy(p -> assertThat(((Map<String, Object>) p.get("category")).get("code")).isEqualTo("a-classer"));
    }

    @Test
    void anUnknownSoMarketCategoryIsRefusedAndNothingIsSaved() {
        PageClient.Page refused = browser.submit(browser.get(path + "/categories"), "form", Map.of("c3", "mode", "c4", "nope"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select(".box.bad").text()).contains("Rien n’a été enregistré");
        assertThat(mapped(3)).isNull();
    }

    @Test
    void aConnectLinkHasNoCategoriesToShowAndLeadsToTheConnectPage() {
        String connect = (String) api.post("/api/merchant-links", Map.of("purpose", "connect")).getBody().get("path");
        PageClient.Page page = browser.get(connect.replace("/connect", "/categories"));
        assertThat(page.path()).endsWith("/connect");
        assertThat(page.html().select("h1").text()).isEqualTo("Connecter votre boutique PrestaShop");
    }

    private String mapped(long shopCategoryId) {
        Map<String, Object> c = api.getList("/api/shops/" + shopId + "/categories").stream()
            .filter(x -> ((Number) x.get("shopCategoryId")).longValue() == shopCategoryId).findFirst().orElseThrow();
        return c.get("mapped") == null ? null : (String) ((Map<String, Object>) c.get("mapped")).get("code");
    }

    private List<Map<String, Object>> products() {
        return (List<Map<String, Object>>) api.get("/api/shops/" + shopId + "/products").get("items");
    }
}

package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimRequest;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo shop through the simulator when its default language is not French (the texts follow the shop's
 * default), and as one shop of a multistore PrestaShop (its {@code id_shop}, found in {@code shop_urls}, goes
 * with every request after it), and a shop speaking 1.6, 1.7 or 9.0. The real shops do the same: RealPrestaShopIT on 9.0 (English) and on the
 * second shop of the multistore 8.2.1.
 */
@SyncTest
@TestPropertySource(properties = "somarket.registration.first-sync=false")
class ShopLanguageAndMultistoreTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();

    @Autowired TestRestTemplate rest;

    @Test
    void aShopWhoseDefaultIsEnglishShowsEnglishAndKeepsFrench() {
        ApiClient api = new ApiClient(rest);
        SimShop shop = sim.fixtureShop("english-default").configuration("PS_LANG_DEFAULT", "1");
        long id = registeredAndSynced(api, shop);
        Map<String, Object> tshirt = first(api, id, "");
        assertThat(tshirt).containsEntry("name", "Hummingbird printed t-shirt").containsEntry("language", "en")
            .containsEntry("productUrl", shop.url() + "/index.php?id_product=1&controller=product&id_lang=1");
        assertThat(labels(tshirt)).contains("Size: S, Color: White");
        Map<String, Object> french = first(api, id, "&language=fr");
        assertThat(french).containsEntry("name", "T-shirt imprimé colibri").containsEntry("language", "fr")
            .containsEntry("price", tshirt.get("price"));
        assertThat(labels(french)).contains("Taille : S, Couleur : Blanc");
        // the texts of every language come in the same reads (the first sync's whole pages), not filtered to one
        assertThat(shop.requests()).filteredOn(r -> r.path().endsWith("/api/products")
                && String.valueOf(r.query().get("display")).contains(",description,"))
            .isNotEmpty().allSatisfy(r -> assertThat(r.query()).doesNotContainKey("language"));
    }

    @Test
    void aFrenchShopKeepsEnglishAndAnEditedTranslationShowsAfterTheNextSync() {
        ApiClient api = new ApiClient(rest);
        SimShop shop = sim.fixtureShop("french-default-english-too");
        long id = registeredAndSynced(api, shop);
        assertThat(first(api, id, "")).containsEntry("name", "T-shirt imprimé colibri").containsEntry("language", "fr");
        assertThat(first(api, id, "&language=en")).containsEntry("name", "Hummingbird printed t-shirt")
            .containsEntry("language", "en");
        assertThat(labels(first(api, id, "&language=en"))).contains("Size: S, Color: White");

        shop.catalog().setName(1, 1, "Hummingbird t-shirt, new print");
        FixtureCatalogTest.sync(api, id);
        assertThat(first(api, id, "&language=en")).containsEntry("name", "Hummingbird t-shirt, new print");
        assertThat(first(api, id, "")).containsEntry("name", "T-shirt imprimé colibri");
    }

    @Test
    void aLanguageTheShopDoesNotHaveIsA400() {
        ApiClient api = new ApiClient(rest);
        long id = registeredAndSynced(api, sim.fixtureShop("no-german"));
        ResponseEntity<String> answer = api.raw("/api/shops/" + id + "/products?language=de");
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("UNKNOWN_LANGUAGE").contains("'de'").contains("fr, en");
        assertThat(api.raw("/api/shops/" + id + "/products?language=%3Cx%3E").getStatusCode().value()).isEqualTo(400);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(ApiClient api, long id, String query) {
        return ((List<Map<String, Object>>) api.get("/api/shops/" + id + "/products?size=50" + query).get("items")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> labels(Map<String, Object> product) {
        return ((List<Map<String, Object>>) product.get("variants")).stream().map(v -> v.get("attributes")).toList();
    }

    private static long registeredAndSynced(ApiClient api, SimShop shop) {
        long id = ApiClient.id(api.registerShop(shop.url(), shop.key(), "contact@demo.fr"));
        FixtureCatalogTest.sync(api, id);
        return id;
    }

    @Test
    void oneShopOfAMultistoreSendsItsIdShopAfterFindingIt() {
        ApiClient api = new ApiClient(rest);
        SimShop shop = sim.fixtureShop("multistore-one").configuration("PS_MULTISHOP_FEATURE_ACTIVE", "1");
        long id = ApiClient.id(api.registerShop(shop.url(), shop.key(), "contact@demo.fr"));
        shop.resetRequests();
        FixtureCatalogTest.sync(api, id);
        List<SimRequest> requests = shop.requests();
        assertThat(requests).extracting(SimRequest::path).element(1).asString().endsWith("/api/shop_urls");
        assertThat(requests.subList(2, requests.size())).filteredOn(r -> r.path().startsWith("/api/"))
            .hasSizeGreaterThan(8).allSatisfy(r -> assertThat(r.query())
            .as(r.path()).containsEntry("id_shop", "1"));
        assertThat(requests).filteredOn(r -> r.path().endsWith("/api/stock_availables"))
            .allSatisfy(r -> assertThat(r.query().get("display")).contains("id_shop"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.6.1.24", "1.7.8.11", "9.0.0"})
    @SuppressWarnings("unchecked")
    void aShopOfAnotherVersionIsReadTheSame(String version) {
        ApiClient api = new ApiClient(rest);
        SimShop shop = sim.fixtureShop("version-" + version.replace(".", "")).version(version);
        long id = ApiClient.id(api.registerShop(shop.url(), shop.key(), "contact@demo.fr"));
        assertThat(api.get("/api/shops/" + id)).containsEntry("psVersion", version);
        FixtureCatalogTest.sync(api, id);
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/shops/" + id + "/products?size=50")
            .get("items");
        assertThat(items).hasSize(5);
        assertThat(items.get(0)).containsEntry("name", "T-shirt imprimé colibri").containsEntry("price", 22.94)
            .containsEntry("quantity", 2400);
    }

}

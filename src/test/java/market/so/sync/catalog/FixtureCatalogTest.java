package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The recorded PrestaShop 8.1.2 demo shop, through the simulator, as a shopper sees it on So.market:
 * French names, prices tax included with the shop's own discounts, stock, pictures, page, variants
 * and the So.market category the merchant mapped; then a product that disappears and comes back.
 */
@SyncTest
@TestPropertySource(properties = "somarket.registration.first-sync=false")
class FixtureCatalogTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();

    @Autowired TestRestTemplate rest;

    @Test
    @SuppressWarnings("unchecked")
    void theDemoShopIsStoredAsTheShopShowsItAndFollowsItsChanges() {
        ApiClient api = new ApiClient(rest);
        SimShop demo = sim.fixtureShop("fixture-catalog");
        long id = ApiClient.id(api.registerShop(demo.url(), demo.key(), "contact@demo.fr"));
        sync(api, id);
        // guide §3bis, last step: the merchant maps the shop's categories; stored products follow at once
        assertThat(api.put("/api/shops/" + id + "/category-mapping", List.of(
            Map.of("shopCategoryId", 4, "code", "mode-homme"),
            Map.of("shopCategoryId", 3, "code", "mode"),
            Map.of("shopCategoryId", 9, "code", "art"))).getStatusCode().is2xxSuccessful()).isTrue();

        Map<String, Object> page = api.get("/api/shops/" + id + "/products?size=50");
        assertThat(page).containsEntry("total", 5);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        Map<String, Object> tshirt = items.get(0);
        assertThat(tshirt).containsEntry("shopProductId", 1).containsEntry("name", "T-shirt imprimé colibri")
            .containsEntry("reference", "demo_1").containsEntry("price", 22.94).containsEntry("regularPrice", 28.68)
            .containsEntry("discountPercent", 20).containsEntry("currency", "EUR").containsEntry("quantity", 2400)
            .containsEntry("available", true).containsEntry("active", true)
            .containsEntry("productUrl", demo.url() + "/index.php?id_product=1&controller=product&id_lang=2");
        assertThat((String) tshirt.get("description")).startsWith("Symbole de légèreté et de délicatesse");
        assertThat((List<String>) tshirt.get("imageUrls")).hasSize(2)
            .first().asString().startsWith(demo.url()).contains("1-large_default");
        assertThat((Map<String, Object>) tshirt.get("category")).containsEntry("code", "mode-homme");
        List<Map<String, Object>> variants = (List<Map<String, Object>>) tshirt.get("variants");
        // the simulator, like PrestaShop 8.1.2, gives the option value ids of a combination only in xlink:href
        assertThat(variants).hasSize(8).allSatisfy(v -> assertThat((String) v.get("attributes")).startsWith("Taille : "));
        assertThat(variants).extracting(v -> v.get("attributes")).doesNotHaveDuplicates()
            .contains("Taille : S, Couleur : Blanc", "Taille : M, Couleur : Noir");
        assertThat(variants).extracting(v -> v.get("price")).containsOnly(22.94);

        Map<String, Object> sweater = items.get(1);
        assertThat(sweater).containsEntry("name", "Pull imprimé colibri").containsEntry("discountPercent", 20);
        assertThat((Map<String, Object>) sweater.get("category")).containsEntry("code", "mode");
        Map<String, Object> poster = items.get(2);
        assertThat(poster).containsEntry("price", 34.8).containsEntry("regularPrice", 34.8)
            .containsEntry("discountPercent", 0);
        assertThat((Map<String, Object>) poster.get("category")).containsEntry("code", "art");

        // the shop stops listing product 3 and changes product 1's stock and discount
        demo.catalog().remove(3).setStock(1, 7).removeSpecificPrice(1);
        sync(api, id);
        items = (List<Map<String, Object>>) api.get("/api/shops/" + id + "/products?size=50").get("items");
        assertThat(items.get(0)).containsEntry("quantity", 7).containsEntry("price", 28.68).containsEntry("discountPercent", 0);
        assertThat(items.get(2)).containsEntry("shopProductId", 3).containsEntry("active", false);
        assertThat(items.get(2).get("deactivatedAt")).isNotNull();
        assertThat(api.get("/api/shops/" + id)).containsEntry("productCount", 4);

        demo.catalog().restore(3);
        sync(api, id);
        items = (List<Map<String, Object>>) api.get("/api/shops/" + id + "/products?size=50").get("items");
        assertThat(items.get(2)).containsEntry("active", true).containsEntry("deactivatedAt", null);
        assertThat(api.get("/api/shops/" + id)).containsEntry("productCount", 5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aControlCharacterPastedIntoAProductNameDoesNotFailTheShop() {
        ApiClient api = new ApiClient(rest);
        SimShop demo = sim.fixtureShop("control-characters");
        demo.catalog().setName(2, 2, "Pull\u0001 imprim\u00e9\u000B colibri\u001F");
        long id = ApiClient.id(api.registerShop(demo.url(), demo.key(), "contact@demo.fr"));
        sync(api, id);
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/shops/" + id + "/products?size=50")
            .get("items");
        assertThat(items).hasSize(5);
        assertThat(items.get(1)).containsEntry("shopProductId", 2).containsEntry("name", "Pull imprim\u00e9 colibri");
    }

    static void sync(ApiClient api, long id) {
        Object before = api.get("/api/shops/" + id).get("lastSyncAt");
        api.post("/api/shops/" + id + "/sync", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> shop = api.get("/api/shops/" + id);
            return shop.get("lastSyncAt") != null && !shop.get("lastSyncAt").equals(before);
        });
        assertThat(api.get("/api/shops/" + id)).containsEntry("lastSyncOutcome", "OK");
    }
}

package market.so.sync.catalog.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.ProductRow;
import market.so.sync.catalog.ProductStore;
import market.so.sync.catalog.Recorded;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.VariantRow;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The mapping API on a stored catalogue (the demo shop's recorded category tree, two products):
 * listing with suggestions, a mapping that re-maps products at once, and refused requests.
 */
@SyncTest
@SuppressWarnings("unchecked")
class CategoryMappingApiTest {

    @Autowired TestRestTemplate rest;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired ShopCategoryStore categories;
    @Autowired ProductStore products;

    private ApiClient api;
    private long shopId;

    @BeforeEach
    void aSyncedShop() {
        api = new ApiClient(rest);
        String url = "https://mapping-" + System.nanoTime() + ".example.fr";
        ApiKey key = ApiKey.of("ABCDEFGHIJKLMNPQRSTUVWXYZ1234567");
        shopId = shops.insert(url, "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(url, key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), "8.1.2", "Demo", "connected");
        categories.replace(shopId, ShopCategoryTree.withPaths(
            ShopCategoryReader.parse(Recorded.document("categories_full.xml"), "2")));
        ShopSyncContext sync = new ShopSyncContext(shopId, 0, "test", null, null);
        products.upsertPage(List.of(
            product(1, 4L, List.of(2L, 3L, 4L), List.of(new VariantRow(1, "Taille : S, Couleur : Blanc", "demo_1_s", "", 300,
                true, new BigDecimal("22.94"), new BigDecimal("28.68"), true, 0))),
            product(3, 9L, List.of(2L, 9L), List.of())), sync);
    }

    private static ProductRow product(long id, Long defaultCategory, List<Long> categoryIds, List<VariantRow> variants) {
        return new ProductRow(id, "Produit " + id, null, "demo_" + id, "", new BigDecimal("22.94"), new BigDecimal("28.68"), 20,
            "EUR", 10, true, true, List.of(), "https://shop/p" + id, "p" + id, defaultCategory, categoryIds, null, null,
            variants);
    }

    @Test
    void listsTheShopsCategoriesWithSuggestionsButNotRootNorHome() {
        List<Map<String, Object>> list = api.getList("/api/shops/" + shopId + "/categories");
        assertThat(list).hasSize(7);
        Map<String, Object> men = list.stream().filter(c -> c.get("shopCategoryId").equals(4)).findFirst().orElseThrow();
        assertThat(men).containsEntry("name", "Hommes").containsEntry("parentId", 3).containsEntry("path", "Vêtements > Hommes")
            .containsEntry("mapped", null);
        assertThat((Map<String, Object>) men.get("suggested")).containsEntry("code", "mode-homme")
            .containsEntry("label", "Mode homme").containsKey("reason");
        Map<String, Object> clothes = list.stream().filter(c -> c.get("shopCategoryId").equals(3)).findFirst().orElseThrow();
        assertThat(clothes.get("parentId")).as("Home is not listed").isNull();
    }

    @Test
    void productsAreUnclassifiedUntilMappedThenRemappedAtOnce() {
        assertThat(category(1)).containsEntry("code", "a-classer").containsEntry("label", "À classer");

        ResponseEntity<Object> put = putMapping(List.of(Map.of("shopCategoryId", 3, "code", "mode"),
            Map.of("shopCategoryId", 9, "code", "art")));
        assertThat(put.getStatusCode().value()).isEqualTo(200);
        assertThat(category(1)).as("from the parent of its default category").containsEntry("code", "mode")
            .containsEntry("label", "Mode");
        assertThat(category(3)).containsEntry("code", "art");

        putMapping(List.of(Map.of("shopCategoryId", 4, "code", "mode-homme")));
        assertThat(category(1)).containsEntry("code", "mode-homme");
        List<Map<String, Object>> list = api.getList("/api/shops/" + shopId + "/categories");
        assertThat(list.stream().filter(c -> c.get("shopCategoryId").equals(4)).findFirst().orElseThrow().get("mapped"))
            .isEqualTo(Map.of("code", "mode-homme", "label", "Mode homme"));

        java.util.HashMap<String, Object> unmap = new java.util.HashMap<>();
        unmap.put("shopCategoryId", 4);
        unmap.put("code", null);
        putMapping(List.of(unmap, Map.of("shopCategoryId", 3, "code", "a-classer")));
        assertThat(category(1)).containsEntry("code", "a-classer");
    }

    @Test
    void theProductItemCarriesItsVariants() {
        Map<String, Object> item = item(1);
        List<Map<String, Object>> variants = (List<Map<String, Object>>) item.get("variants");
        assertThat(variants).hasSize(1);
        assertThat(variants.get(0)).containsEntry("attributes", "Taille : S, Couleur : Blanc").containsEntry("price", 22.94)
            .containsEntry("quantity", 300);
        assertThat(item).containsEntry("variantCount", 1).containsEntry("priceMin", 22.94);
    }

    @Test
    void refusedMappingsSayWhyAndChangeNothing() {
        ResponseEntity<Object> unknownCode = putMapping(List.of(Map.of("shopCategoryId", 3, "code", "mode"),
            Map.of("shopCategoryId", 4, "code", "nope")));
        assertThat(unknownCode.getStatusCode().value()).isEqualTo(422);
        assertThat(error(unknownCode)).containsEntry("error", "UNKNOWN_CATEGORY").containsEntry("field", "code");
        assertThat(category(1)).as("nothing applied").containsEntry("code", "a-classer");

        assertThat(error(putMapping(List.of(Map.of("shopCategoryId", 999, "code", "mode")))))
            .containsEntry("error", "UNKNOWN_SHOP_CATEGORY");
        assertThat(error(putMapping(List.of(Map.of("shopCategoryId", 2, "code", "mode")))))
            .containsEntry("error", "NOT_A_SHOPPER_CATEGORY");
        ResponseEntity<Object> noId = putMapping(List.of(Map.of("code", "mode")));
        assertThat(noId.getStatusCode().value()).isEqualTo(400);
        assertThat(putMapping("{not json").getStatusCode().value()).isEqualTo(400);
        assertThat(put("/api/shops/999999/category-mapping", List.of()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theTaxonomy() {
        List<Map<String, Object>> taxonomy = api.getList("/api/categories");
        assertThat(taxonomy).hasSizeBetween(30, 60);
        assertThat(taxonomy.get(0)).containsEntry("code", "mode").containsEntry("label", "Mode").containsEntry("parentCode", null);
        assertThat(taxonomy.stream().filter(c -> "mode-homme".equals(c.get("code"))).findFirst().orElseThrow())
            .containsEntry("parentCode", "mode");
    }

    /** The answer is the category list on success, an error object otherwise. */
    private ResponseEntity<Object> putMapping(Object body) {
        return put("/api/shops/" + shopId + "/category-mapping", body);
    }

    private ResponseEntity<Object> put(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("ops", "test-ops-password").exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers),
            Object.class);
    }

    private static Map<String, Object> error(ResponseEntity<Object> answer) {
        return (Map<String, Object>) answer.getBody();
    }

    private Map<String, Object> item(long productId) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/shops/" + shopId + "/products").get("items");
        return items.stream().filter(i -> ((Number) i.get("shopProductId")).longValue() == productId).findFirst().orElseThrow();
    }

    private Map<String, Object> category(long productId) {
        return (Map<String, Object>) item(productId).get("category");
    }
}

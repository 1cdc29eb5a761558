package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /api/shops/{id}/products} keeps the contract of architecture.md while a page is one
 * statement (ProductQueries) cached per catalogue version (ListingCache): every field of an item, variants
 * under the right product in their order, paging by number and by cursor, totals, empty pages, unknown
 * shops, and a cached page replaced as soon as the catalogue version moves.
 */
@SyncTest
@SuppressWarnings("unchecked")
class ProductListingApiTest {

    static final List<String> ITEM_FIELDS = List.of("shopProductId", "name", "description", "reference", "ean13", "price",
        "regularPrice", "discountPercent", "currency", "quantity", "available", "active", "imageUrls", "productUrl",
        "category", "shopCategoryIds", "variants", "variantCount", "priceMin", "priceMax", "deactivatedAt", "updatedAt", "language");

    @Autowired TestRestTemplate rest;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired ProductStore products;
    @Autowired JdbcTemplate jdbc;
    @Autowired CatalogVersions versions;
    @Autowired MeterRegistry meters;
    @Autowired DataSource main;
    @Autowired @Qualifier("listingDataSource") HikariDataSource listingPool;

    private ApiClient api;
    private long shopId;

    @BeforeEach
    void aShopOfSevenProducts() {
        api = new ApiClient(rest);
        shopId = shop();
        List<ProductRow> rows = new ArrayList<>();
        for (long id = 1; id <= 7; id++) {
            // products 2 and 5 have variants, stored out of position order
            List<VariantRow> variants = id == 2 ? List.of(variant(22, 2), variant(21, 1), variant(23, 0))
                : id == 5 ? List.of(variant(51, 0)) : List.of();
            rows.add(new ProductRow(id, "Produit \"" + id + "\" é", "<b>" + id + "</b>", "ref-" + id, "", new BigDecimal("22.94"),
                new BigDecimal("28.68"), 20, "EUR", (int) id, true, true,
                id == 3 ? List.of() : List.of("https://shop.example.fr/" + id + "-large_default/p.jpg", "https://shop.example.fr/x\"y.jpg"),
                "https://shop.example.fr/p" + id, "p" + id, 4L, List.of(2L, 4L, id), null, null, variants));
        }
        products.upsertPage(rows, new ShopSyncContext(shopId, 0, "test", null, null));
        versions.moved(shopId); // what the sync does at the end of its transaction
    }

    @Test
    void anItemHasEveryFieldOfTheContractWithItsValues() {
        Map<String, Object> page = api.get("/api/shops/" + shopId + "/products?size=50");
        assertThat(page).containsEntry("page", 0).containsEntry("size", 50).containsEntry("total", 7)
            .containsEntry("next", null);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).extracting(i -> i.get("shopProductId")).containsExactly(1, 2, 3, 4, 5, 6, 7);

        Map<String, Object> item = items.get(1);
        assertThat(item.keySet()).containsExactlyInAnyOrderElementsOf(ITEM_FIELDS);
        assertThat(item).containsEntry("name", "Produit \"2\" é").containsEntry("reference", "ref-2").containsEntry("ean13", "")
            .containsEntry("price", 22.94).containsEntry("regularPrice", 28.68).containsEntry("discountPercent", 20)
            .containsEntry("currency", "EUR").containsEntry("quantity", 2).containsEntry("available", true)
            .containsEntry("active", true).containsEntry("productUrl", "https://shop.example.fr/p2")
            .containsEntry("deactivatedAt", null).containsEntry("variantCount", 3);
        assertThat(item.get("imageUrls")).isEqualTo(List.of("https://shop.example.fr/2-large_default/p.jpg",
            "https://shop.example.fr/x\"y.jpg"));
        assertThat(item.get("shopCategoryIds")).isEqualTo(List.of(2, 4, 2));
        assertThat(item.get("category")).isEqualTo(Map.of("code", "a-classer", "label", "À classer"));
        assertThat((String) item.get("updatedAt")).isNotBlank();
        assertThat(items.get(2).get("imageUrls")).isEqualTo(List.of());
    }

    @Test
    void variantsComeUnderTheirProductInPositionOrder() {
        List<Map<String, Object>> items = items("?size=50");
        List<Map<String, Object>> variants = (List<Map<String, Object>>) items.get(1).get("variants");
        assertThat(variants).extracting(v -> v.get("shopVariantId")).containsExactly(23, 21, 22);
        assertThat(variants.get(0)).containsEntry("attributes", "Taille: 23").containsEntry("reference", "v-23")
            .containsEntry("ean13", "").containsEntry("quantity", 23).containsEntry("available", true)
            .containsEntry("price", 21.5).containsEntry("regularPrice", 25.0).containsEntry("isDefault", false);
        assertThat((List<Object>) items.get(4).get("variants")).extracting(v -> ((Map<String, Object>) v).get("shopVariantId"))
            .containsExactly(51);
        for (int i : new int[] {0, 2, 3, 5, 6}) {
            assertThat((List<Object>) items.get(i).get("variants")).as("product %d", i + 1).isEmpty();
        }
    }

    @Test
    void pagesFollowEachOtherAndAPagePastTheEndIsEmptyWithTheTotal() {
        assertThat(items("?page=0&size=3")).extracting(i -> i.get("shopProductId")).containsExactly(1, 2, 3);
        assertThat(items("?page=1&size=3")).extracting(i -> i.get("shopProductId")).containsExactly(4, 5, 6);
        Map<String, Object> last = api.get("/api/shops/" + shopId + "/products?page=2&size=3");
        assertThat((List<Object>) last.get("items")).hasSize(1);
        assertThat(last).containsEntry("total", 7).containsEntry("page", 2).containsEntry("size", 3);
        Map<String, Object> past = api.get("/api/shops/" + shopId + "/products?page=9&size=3");
        assertThat(past).containsEntry("items", List.of()).containsEntry("total", 7).containsEntry("page", 9);
        // variants of a product on a page boundary stay with it
        assertThat((List<Object>) items("?page=1&size=1").get(0).get("variants")).hasSize(3);
    }

    @Test
    void aCursorGivesTheSamePagesAsPageNumbers() {
        Map<String, Object> first = api.get("/api/shops/" + shopId + "/products?page=0&size=3");
        assertThat(first).containsEntry("next", 3);
        List<Object> byNumber = new ArrayList<>();
        List<Object> byCursor = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            byNumber.add(items("?page=" + page + "&size=3"));
        }
        Object next = 0;
        while (next != null) {
            Map<String, Object> page = api.get("/api/shops/" + shopId + "/products?after=" + next + "&size=3");
            assertThat(page).containsEntry("page", null).containsEntry("size", 3).containsEntry("total", 7);
            byCursor.add(page.get("items"));
            next = page.get("next");
        }
        assertThat(byCursor).isEqualTo(byNumber).hasSize(3);
        // variants stay with their product across a cursor boundary too
        assertThat((List<Object>) ((List<Map<String, Object>>) api.get("/api/shops/" + shopId + "/products?after=1&size=1")
            .get("items")).get(0).get("variants")).hasSize(3);
        assertThat(api.get("/api/shops/" + shopId + "/products?after=7")).containsEntry("items", List.of())
            .containsEntry("next", null).containsEntry("total", 7);
    }

    /**
     * The version is read from the database for every request: a commit that moves it, on this node or any
     * other (here straight through JDBC, as another node's sync would), replaces the cached page at once.
     */
    @Test
    void aCachedPageIsAnsweredUntilTheCatalogueVersionMovesThenReadAgain() {
        assertThat(items("?size=2").get(0)).containsEntry("name", "Produit \"1\" é");
        jdbc.update("UPDATE product SET name = 'Renamed' WHERE shop_id = ? AND shop_product_id = 1", shopId);
        assertThat(items("?size=2").get(0)).as("cached for the version").containsEntry("name", "Produit \"1\" é");
        assertThat(items("?size=3").get(0)).as("another size is another page").containsEntry("name", "Renamed");

        jdbc.update("UPDATE shop SET catalog_version = catalog_version + 1 WHERE id = ?", shopId);
        assertThat(items("?size=2").get(0)).containsEntry("name", "Renamed");
    }

    /** Ops see the cache's hits and misses; Spring Security's per-filter observations are off (their CPU, bench/README.md). */
    @Test
    void theCacheIsMeasuredAndTheSecurityFiltersAreNot() {
        items("?size=4");
        items("?size=4");
        assertThat(meters.get("cache.gets").tag("cache", "product-pages").tag("result", "hit").functionCounter().count())
            .isPositive();
        assertThat(meters.get("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.find("spring.security.filterchains").meters()).isEmpty();
        assertThat(meters.find("spring.security.authentications").meters()).isEmpty();
    }

    @Test
    void aShopWithoutProductsHasAnEmptyPageAndAnUnknownShopIsNotFound() {
        long empty = shop();
        assertThat(api.get("/api/shops/" + empty + "/products")).containsEntry("items", List.of()).containsEntry("total", 0)
            .containsEntry("size", 50);
        var missing = api.raw("/api/shops/987654/products");
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getBody()).contains("\"error\":\"NOT_FOUND\"").contains("no shop 987654");
    }

    @Test
    void aStoredListThatIsNotAJsonArrayIsAnsweredAsAnEmptyList() {
        jdbc.update("UPDATE product SET image_urls = NULL, shop_category_ids = 'null' WHERE shop_id = ? AND shop_product_id = 1",
            shopId);
        Map<String, Object> item = items("?size=1").get(0);
        assertThat(item).containsEntry("imageUrls", List.of()).containsEntry("shopCategoryIds", List.of());
    }

    @Test
    void pagesAreAnsweredWhileTheSyncsHoldEveryConnectionOfTheMainPool() throws Exception {
        HikariDataSource pool = (HikariDataSource) main;
        assertThat(listingPool).isNotSameAs(main);
        assertThat(listingPool.getPoolName()).isEqualTo("listing");
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                taken.add(pool.getConnection()); // what a run's syncs do, one for each shop's transaction
            }
            // neither the version read nor the page (not cached yet at this size) waits for one of them
            assertThat(items("?size=6")).extracting(i -> i.get("shopProductId")).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(items("?size=6")).hasSize(6);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(pool.getMaximumPoolSize());
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    private List<Map<String, Object>> items(String query) {
        return (List<Map<String, Object>>) api.get("/api/shops/" + shopId + "/products" + query).get("items");
    }

    private long shop() {
        String url = "https://listing-" + System.nanoTime() + ".example.fr";
        ApiKey key = ApiKey.of("ABCDEFGHIJKLMNPQRSTUVWXYZ1234567");
        return shops.insert(url, "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(url, key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), "8.1.2", "Demo", "connected");
    }

    private static VariantRow variant(long id, int position) {
        return new VariantRow(id, "Taille: " + id, "v-" + id, "", (int) id, true, new BigDecimal("21.50"), new BigDecimal("25.00"),
            false, position);
    }
}

package market.so.sync.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Profile {@code demo}: the demo shop starts on loopback, registers through route register-shop and
 * syncs, with private networks still refused (its origin alone is trusted): the shop is connected and
 * its products are stored with their variants, prices, stock, pictures and categories.
 */
@SyncTest
@ActiveProfiles("demo")
@TestPropertySource(properties = {"somarket.demo.port=0", "somarket.security.allow-private-networks=false"})
class DemoShopTest {

    @Autowired TestRestTemplate rest;
    @Autowired DemoShop demo;

    @Test
    void theDemoShopIsConnectedAndSyncedWithVariantsPricesStockAndCategories() throws Exception {
        ApiClient api = new ApiClient(rest);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Map<String, Object>> shops = api.getList("/api/shops");
            return shops.size() == 1 && "OK".equals(shops.get(0).get("lastSyncOutcome"));
        });
        Map<String, Object> shop = api.getList("/api/shops").get(0);
        assertThat(shop.get("url")).isEqualTo(demo.url());
        assertThat(shop.get("status")).isEqualTo("CONNECTED");
        assertThat(shop.get("shopName")).isEqualTo("La Droguerie de la Croix-Rousse");
        assertThat(shop.get("psVersion")).isEqualTo("8.1.2");
        assertThat(shop.get("language")).isEqualTo("fr");
        assertThat(shop.get("currency")).isEqualTo("EUR");
        assertThat(shop.get("productCount")).isEqualTo(32);   // 33 in the file, one disabled in the back office
        long id = ((Number) shop.get("id")).longValue();

        Map<String, Object> page = api.get("/api/shops/" + id + "/products?page=0&size=100");
        assertThat(((Number) page.get("total")).intValue()).isEqualTo(33);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        Map<String, Object> mariniere = product(items, "Marinière en coton bio « Saône »");
        assertThat(mariniere.get("price")).isEqualTo(31.2);          // 39.00 less 20 %
        assertThat(mariniere.get("regularPrice")).isEqualTo(39.0);
        assertThat(mariniere.get("discountPercent")).isEqualTo(20);
        assertThat(mariniere.get("quantity")).isEqualTo(36);
        assertThat(mariniere.get("active")).isEqualTo(true);
        assertThat((String) mariniere.get("description")).startsWith("Notre marinière est tricotée");
        assertThat(((Map<String, Object>) mariniere.get("category")).get("code")).isNotNull();
        List<Map<String, Object>> variants = (List<Map<String, Object>>) mariniere.get("variants");
        assertThat(variants).hasSize(10);
        assertThat(variants).extracting(v -> v.get("attributes")).contains("Taille : XS, Couleur : Écru", "Taille : XL, Couleur : Marine");
        assertThat(variants.stream().mapToInt(v -> ((Number) v.get("quantity")).intValue()).sum()).isEqualTo(36);
        assertThat(variants).anyMatch(v -> ((Number) v.get("quantity")).intValue() == 0);   // a sold-out size

        Map<String, Object> tshirt = product(items, "T-shirt « Traboule » en coton bio");
        assertThat((List<Map<String, Object>>) tshirt.get("variants"))
            .filteredOn(v -> ((String) v.get("attributes")).startsWith("Taille : XL")).allMatch(v -> v.get("price").equals(31.0));
        Map<String, Object> coffee = product(items, "Café de spécialité « Croix-Rousse »");
        assertThat(coffee.get("price")).isEqualTo(12.5);             // 5.5 % VAT, tax included as typed
        Map<String, Object> diffuser = product(items, "Diffuseur de parfum « Fleur d'oranger »");
        assertThat(diffuser.get("quantity")).isEqualTo(0);
        assertThat(diffuser.get("available")).isEqualTo(false);
        assertThat(product(items, "Calendrier 2026 « Les pentes »").get("active")).isEqualTo(false);

        // pictures: generated JPEGs at the addresses the sync checked
        String picture = ((List<String>) mariniere.get("imageUrls")).get(0);
        HttpResponse<byte[]> jpeg = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(picture)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.body()).startsWith((byte) 0xFF, (byte) 0xD8);

        List<Map<String, Object>> categories = api.getList("/api/shops/" + id + "/categories");
        assertThat(categories).extracting(c -> c.get("path")).contains("Vêtements > Femme", "Épicerie fine > Thés et cafés",
            "Papeterie");
        assertThat(categories).filteredOn(c -> "Thés et cafés".equals(c.get("name")))
            .allMatch(c -> c.get("suggested") != null || c.get("mapped") != null);
    }

    @Test
    void privateNetworksStayRefusedApartFromTheDemoShop() {
        ApiClient api = new ApiClient(rest);
        String elsewhere = demo.url().replaceFirst(":\\d+$", ":" + (URI.create(demo.url()).getPort() == 1 ? 2 : 1));
        var refused = api.registerShop(elsewhere, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", null);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("error")).isEqualTo("UNSAFE_URL");
        var named = api.registerShop("http://localhost:" + URI.create(demo.url()).getPort(), "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", null);
        assertThat(named.getBody().get("error")).isEqualTo("UNSAFE_URL");
    }

    private static Map<String, Object> product(List<Map<String, Object>> items, String name) {
        return items.stream().filter(p -> name.equals(p.get("name"))).findFirst()
            .orElseThrow(() -> new AssertionError("no product " + name + " in " + items.stream().map(p -> p.get("name")).toList()));
    }
}

package market.so.sync.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.run.ShopOutcome;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Route {@code sync-shop} end to end against a PrestaShop played by WireMock with the recorded 8.1.2
 * answers, as an old version that refuses the {@code price[...]} fields (400): categories, options
 * and picture types read once, every combination in one light request, the picture form checked by one HEAD
 * without the key, our own prices, then deactivation, reactivation and a failed sync that keeps
 * the catalogue. (The simulator-based tests cover the shop that computes its prices.)
 */
@SyncTest
@SuppressWarnings("unchecked")
class CatalogSyncRouteTest {

    private static final String KEY = "REALPRESTASHOPTESTKEY00000000001";

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired TestRestTemplate rest;

    private WireMockServer shop;
    private long shopId;

    @BeforeEach
    void start() {
        shop = new WireMockServer(options().dynamicPort());
        shop.start();
        stub("languages", "languages_full.xml");
        // the real French-default shop's settings (prestashop/configurations.xml has English as its default)
        stub("configurations", "/prestashop-8.1.2-real/sync_configurations.body");
        stub("currencies", "currencies.xml");
        stub("categories", "categories_full.xml");
        stub("product_options", "product_options.xml");
        stub("product_option_values", "product_option_values.xml");
        stub("image_types", "image_types.xml");
        stub("combinations", "combinations_1_3.xml");
        stub("tax_rules", "tax_rules_fr.xml");
        stub("taxes", "taxes.xml");
        stubPage("stock_availables", "0,5000", "stock_availables_full_limit5.xml");
        stubPage("specific_prices", "0,5000", "specific_prices_full.xml");
        productsPage("products_full_limit5.xml");
        shop.stubFor(any(urlPathEqualTo("/api/products")).withQueryParam("price[somarket_final_ti][use_tax]", equalTo("1"))
            .atPriority(1).willReturn(xml(400, """
                <?xml version="1.0" encoding="UTF-8"?>
                <prestashop><errors><error><code><![CDATA[35]]></code>
                <message><![CDATA[Unable to display this field "somarket_final_ti"]]></message></error></errors></prestashop>""")));
        shop.stubFor(head(urlPathMatching("/\\d+-large_default/.*\\.jpg")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "image/jpeg")));
        String url = shop.baseUrl();
        ApiKey key = ApiKey.of(KEY);
        shopId = shops.insert(url, "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(url, key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), "1.5.6.2", "Old demo", "connected");
    }

    @AfterEach
    void stop() {
        shop.stop();
    }

    @Test
    void anOldShopIsSyncedWithOurPricesFewRequestsAndPublicPictures() {
        assertThat(sync().result()).isEqualTo(ShopOutcome.Result.OK);

        Map<String, Object> p1 = item(1);
        assertThat(p1).containsEntry("name", "T-shirt imprimé colibri").containsEntry("price", 22.94)
            .containsEntry("regularPrice", 28.68).containsEntry("discountPercent", 20).containsEntry("currency", "EUR")
            .containsEntry("quantity", 2400).containsEntry("available", true).containsEntry("active", true)
            .containsEntry("productUrl", shop.baseUrl() + "/index.php?id_product=1&controller=product&id_lang=2");
        assertThat((List<String>) p1.get("imageUrls")).containsExactly(
            shop.baseUrl() + "/1-large_default/hummingbird-printed-t-shirt.jpg",
            shop.baseUrl() + "/2-large_default/hummingbird-printed-t-shirt.jpg");
        assertThat((Map<String, Object>) p1.get("category")).containsEntry("code", "a-classer");
        List<Map<String, Object>> variants = (List<Map<String, Object>>) p1.get("variants");
        assertThat(variants).hasSize(8);
        assertThat(variants.get(0)).containsEntry("attributes", "Taille : S, Couleur : Blanc").containsEntry("price", 22.94);
        assertThat(item(3)).containsEntry("priceMin", 34.8).containsEntry("priceMax", 94.8).containsEntry("variantCount", 3);

        Map<String, Object> shopView = new ApiClient(rest).get("/api/shops/" + shopId);
        assertThat((String) shopView.get("statusDetail")).startsWith("5 products online; prices computed by So.market");

        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/categories")).withQueryParam("display",
            equalTo("[id,id_parent,level_depth,active,position,is_root_category,name,link_rewrite]")));
        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/product_option_values")));
        // every combination, light, in one request for an id range: on a first sync, that of the light page's ids
        // the minimal list gave (1-5), ADR 0029
        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/combinations")).withQueryParam("sort",
            equalTo("[id_ASC]")).withQueryParam("filter[id_product]", equalTo("[1,5]")));
        // a first sync: the ids of a light page from the minimal list, then those products read whole by id with the
        // light fields and the fields we map, so no product is read twice (ADR 0029); the refused prices asked once,
        // then the page without them
        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/products")).withQueryParam("limit", equalTo("0,2000"))
            .withQueryParam("display", absent()));
        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/products")).withQueryParam("filter[id]", equalTo("[1|2|3|4|5]"))
            .withQueryParam("display", equalTo("[" + LightProduct.wholeFields(LightProduct.FIELDS) + "]")));
        shop.verify(0, getRequestedFor(urlPathEqualTo("/api/products")).withQueryParam("display",
            equalTo(ProductMapper.READ_DISPLAY)));
        // the price lists read once, by the price change detection before the sweep (ADR 0025), and handed to our
        // own prices once the shop turned out not to compute them
        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/specific_prices")));
        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/tax_rules")));
        shop.verify(1, getRequestedFor(urlPathEqualTo("/api/taxes")));
        shop.verify(1, headRequestedFor(urlPathMatching("/.*\\.jpg")).withHeader("Authorization", absent())
            .withQueryParam("ws_key", absent()));
    }

    @Test
    void aProductGoneFromACompletePassIsDeactivatedAndComesBack() {
        sync();
        assertThat(item(5)).containsEntry("active", true); // the page is cached now, for this catalogue version
        productsPage("products_first4.xml");
        assertThat(sync().productsDeactivated()).isEqualTo(1);
        assertThat(item(5)).containsEntry("active", false);
        assertThat(item(5).get("deactivatedAt")).isNotNull();
        assertThat(new ApiClient(rest).get("/api/shops/" + shopId)).containsEntry("productCount", 4);

        productsPage("products_full_limit5.xml");
        sync();
        assertThat(item(5)).containsEntry("active", true).containsEntry("deactivatedAt", null);
    }

    @Test
    void aSyncThatFailsHalfWayKeepsThePreviousCatalogue() {
        sync();
        shop.stubFor(any(urlPathEqualTo("/api/combinations")).atPriority(1).willReturn(xml(500, "")));
        productsPage("products_first4.xml");
        ShopOutcome failed = sync();
        assertThat(failed.result()).isEqualTo(ShopOutcome.Result.FAILED);
        assertThat(item(5)).containsEntry("active", true).containsEntry("price", 34.8);
        assertThat((List<?>) item(1).get("variants")).hasSize(8);
        Map<String, Object> shopView = new ApiClient(rest).get("/api/shops/" + shopId);
        assertThat(shopView).containsEntry("lastSyncOutcome", "FAILED");
        assertThat((String) shopView.get("statusDetail")).startsWith("last sync failed: the shop answered 500 to combinations");
    }

    private ShopOutcome sync() {
        return camel.requestBodyAndHeader("direct:sync-shop", shopId, "syncTrigger", "test", ShopOutcome.class);
    }

    private Map<String, Object> item(long productId) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) new ApiClient(rest)
            .get("/api/shops/" + shopId + "/products?size=200").get("items");
        return items.stream().filter(i -> ((Number) i.get("shopProductId")).longValue() == productId).findFirst().orElseThrow();
    }

    /**
     * The first sync's whole pages, the next syncs' light pages (an old version: the whole rows come back, read by
     * name) and their reads by id.
     */
    private void productsPage(String file) {
        stubPage("products", "0,100", file);
        stubPage("products", "5,100", null);
        stubPage("products", "0,2000", file);
        stubPage("products", "5,2000", null);
        stubPage("products", "4,2000", null);
        shop.stubFor(any(urlPathEqualTo("/api/products")).withQueryParam("display", equalTo(ProductMapper.READ_DISPLAY))
            .willReturn(xml(200, body(file))));
        shop.stubFor(any(urlPathEqualTo("/api/products")).withQueryParam("filter[id]", matching("\\[[0-9|]+\\]"))
            .willReturn(xml(200, body(file))));
    }

    private void stub(String resource, String file) {
        shop.stubFor(any(urlPathEqualTo("/api/" + resource)).willReturn(xml(200, body(file))));
    }

    private void stubPage(String resource, String limit, String file) {
        MappingBuilder request = any(urlPathEqualTo("/api/" + resource)).withQueryParam("limit", equalTo(limit));
        shop.stubFor(request.willReturn(xml(200, file == null ? emptyList(resource) : body(file))));
    }

    private static String emptyList(String resource) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<prestashop xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<"
            + resource + ">\n</" + resource + ">\n</prestashop>\n";
    }

    private static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=utf-8")
            .withHeader("PSWS-Version", "1.5.6.2").withHeader("X-Powered-By", "PrestaShop Webservice").withBody(body);
    }

    private static String body(String file) {
        if (file.equals("products_first4.xml")) {
            String all = body("products_full_limit5.xml");
            int fifth = all.lastIndexOf("<product>");
            return all.substring(0, fifth) + all.substring(all.lastIndexOf("</product>") + "</product>".length());
        }
        try (InputStream in = CatalogSyncRouteTest.class.getResourceAsStream(file.startsWith("/") ? file : "/prestashop/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

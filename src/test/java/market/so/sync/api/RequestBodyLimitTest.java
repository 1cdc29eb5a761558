package market.so.sync.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Request bodies are capped (issue 10: a 10 MB registration was accepted and registered a shop): over
 * the limit, with or without {@code Content-Length}, the answer is 413 with the API's JSON error body and
 * nothing is stored. Real HTTP requests to the running application.
 */
@SyncTest
class RequestBodyLimitTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("ops:test-ops-password".getBytes());

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTenMegabyteRegistrationIsRefusedWith413AndNoShopIsStored() throws Exception {
        SimShop shop = sim.fixtureShop("body-limit-sized");
        String body = registration(shop, 10 * 1024 * 1024);

        HttpResponse<String> answer = send("POST", "/api/shops", HttpRequest.BodyPublishers.ofString(body));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        Map<?, ?> error = json.readValue(answer.body(), Map.class);
        assertThat(error.get("error")).isEqualTo("BODY_TOO_LARGE");
        assertThat((String) error.get("message")).contains("a shop registration").contains("4096 bytes");
        assertThat(storedShops(shop)).isZero();
        assertThat(shop.requests()).isEmpty();
    }

    @Test
    void aChunkedRegistrationIsCutAtTheLimit() throws Exception {
        SimShop shop = sim.fixtureShop("body-limit-chunked");
        byte[] body = registration(shop, 64 * 1024).getBytes(StandardCharsets.UTF_8);

        // ofInputStream has no length: the JDK client sends the body chunked, without Content-Length
        HttpResponse<String> answer = send("POST", "/api/shops",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(json.readValue(answer.body(), Map.class).get("error")).isEqualTo("BODY_TOO_LARGE");
        assertThat(storedShops(shop)).isZero();
    }

    @Test
    void aRegistrationOfOrdinarySizeStillGoesThroughChunkedOrNot() throws Exception {
        SimShop shop = sim.fixtureShop("body-limit-ordinary");
        byte[] body = registration(shop, 0).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = send("POST", "/api/shops",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(storedShops(shop)).isOne();
    }

    @Test
    void otherApiBodiesHaveTheirOwnLargerLimit() throws Exception {
        long shopId = jdbc.queryForObject("SELECT COUNT(*) FROM shop", Long.class) + 1000; // no such shop
        StringBuilder mapping = new StringBuilder("[");
        while (mapping.length() < 2 * 1024 * 1024) {
            mapping.append("{\"shopCategoryId\": 4, \"code\": \"maison\"},");
        }
        mapping.append("{\"shopCategoryId\": 4, \"code\": \"maison\"}]");

        HttpResponse<String> tooLarge = send("PUT", "/api/shops/" + shopId + "/category-mapping",
            HttpRequest.BodyPublishers.ofString(mapping.toString()));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat((String) json.readValue(tooLarge.body(), Map.class).get("message")).contains("1048576 bytes");

        // 10 kB is more than a registration may carry, and well within the general limit
        HttpResponse<String> ordinary = send("PUT", "/api/shops/" + shopId + "/category-mapping",
            HttpRequest.BodyPublishers.ofString(mapping.substring(0, mapping.indexOf("}", 10_000) + 1) + "]"));
        assertThat(ordinary.statusCode()).isEqualTo(404);
    }

    private String registration(SimShop shop, int padding) {
        return "{\"url\": \"" + shop.url() + "\", \"apiKey\": \"" + shop.key() + "\", \"contactEmail\": \"m@example.fr\""
            + (padding > 0 ? ", \"padding\": \"" + "x".repeat(padding) + "\"" : "") + "}";
    }

    private long storedShops(SimShop shop) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE url = ?", Long.class, shop.url());
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", AUTH).header("Content-Type", "application/json")
            .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }
}

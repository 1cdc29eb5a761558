package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Guide §3bis through {@code POST /api/shops}: every registration outcome against the PrestaShop simulator. */
@SyncTest
class RegistrationRouteTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int shops;

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;
    @Autowired KeyCipher cipher;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    private SimShop shop() {
        return sim.fixtureShop("registration-" + (++shops));
    }

    @Test
    void aWorkingShopIsConnectedStoredWithItsKeyEncryptedAndSyncedInTheBackground() {
        SimShop demo = shop();
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url() + "/", demo.key(), "marchand@example.fr");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getBody()).containsEntry("status", "CONNECTED").containsEntry("url", demo.url())
            .containsEntry("psVersion", "8.1.2");
        assertThat(answer.getBody().toString()).doesNotContain(demo.key());
        long id = ApiClient.id(answer);
        String stored = jdbc.queryForObject("SELECT api_key_enc FROM shop WHERE id = ?", String.class, id);
        assertThat(stored).doesNotContain(demo.key());
        assertThat(cipher.decrypt(stored).reveal()).isEqualTo(demo.key());
        // the shop finder knocks once without the key; the key goes only where PrestaShop's realm answered
        assertThat(demo.requests().get(0)).matches(r -> !r.basicAuth() && !r.wsKey() && r.status() == 401);
        assertThat(demo.requests().subList(1, demo.requests().size())).allMatch(r -> r.basicAuth() && !r.wsKey());

        await().atMost(Duration.ofSeconds(30)).until(() -> "OK".equals(api.get("/api/shops/" + id).get("lastSyncOutcome")));
        assertThat(api.get("/api/shops/" + id)).containsEntry("productCount", 5);
    }

    @Test
    void aDisabledWebserviceIsExplainedWithGuideStep12() {
        SimShop demo = shop().webserviceDisabled(true);
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), demo.key(), null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.getBody()).containsEntry("error", "WEBSERVICE_DISABLED").containsEntry("field", "url");
        assertThat((String) answer.getBody().get("message")).contains("§1.2");
        assertThat(count("SELECT COUNT(*) FROM shop WHERE url = ?", demo.url())).isZero();
    }

    @Test
    void anUnknownOrInactiveKeyIsRefused() {
        SimShop demo = shop();
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ9", null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.getBody()).containsEntry("error", "INVALID_KEY").containsEntry("field", "apiKey");
    }

    @Test
    void aKeyOfTheWrongShapeIsBadInputAndNeverSent() {
        SimShop demo = shop();
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), "too-short", null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).containsEntry("error", "INVALID_KEY").containsEntry("field", "apiKey");
        assertThat(demo.requestCount()).isZero();
    }

    @Test
    void aKeyWithoutViewRightsNamesTheResources() {
        SimShop demo = shop().denyGet("specific_prices", "combinations");
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), demo.key(), null);
        assertThat(answer.getBody()).containsEntry("error", "MISSING_PERMISSION");
        assertThat((String) answer.getBody().get("message")).contains("specific_prices", "combinations", "§2");
    }

    @Test
    void aHostThatStripsTheAuthorizationHeaderGetsTheKeyAsWsKeyAndIsRemembered() {
        SimShop demo = shop().stripAuthorizationHeader(true);
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), demo.key(), null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) answer.getBody().get("statusDetail")).contains("ws_key");
        long id = ApiClient.id(answer);
        assertThat(jdbc.queryForObject("SELECT auth_mode FROM shop WHERE id = ?", String.class, id)).isEqualTo("WS_KEY");
        await().atMost(Duration.ofSeconds(30)).until(() -> "OK".equals(api.get("/api/shops/" + id).get("lastSyncOutcome")));
        assertThat(api.get("/api/shops/" + id)).containsEntry("productCount", 5);
    }

    @Test
    void aShopWithoutUrlRewritingIsReadThroughTheDispatcher() {
        SimShop demo = shop().noRewrite(true);
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), demo.key(), null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = ApiClient.id(answer);
        assertThat(jdbc.queryForObject("SELECT entry_point FROM shop WHERE id = ?", String.class, id)).isEqualTo("DISPATCHER");
        await().atMost(Duration.ofSeconds(30)).until(() -> "OK".equals(api.get("/api/shops/" + id).get("lastSyncOutcome")));
        assertThat(api.get("/api/shops/" + id)).containsEntry("productCount", 5);
    }

    @Test
    void somethingElseThanPrestashopIsSaidSo() {
        SimShop demo = shop().notPrestashop(true);
        assertThat(api.registerShop(demo.url(), demo.key(), null).getBody()).containsEntry("error", "NOT_PRESTASHOP");
    }

    @Test
    void aMultistoreKeyNotAllowedOnThisShopIsAPreciseStatus() {
        SimShop demo = shop().shopNotAllowed(true);
        assertThat(api.registerShop(demo.url(), demo.key(), null).getBody()).containsEntry("error", "SHOP_NOT_ALLOWED");
    }

    @Test
    void anUnreachableShopIsSaidSo() {
        var answer = api.registerShop("http://127.0.0.1:1/shop", "ABCDEFGHIJKLMNPQRSTUVWXYZ1234567", null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.getBody()).containsEntry("error", "UNREACHABLE");
    }

    @Test
    void aShopTooSlowToAnswerIsATimeout() {
        SimShop demo = shop().slowPath("/api", Duration.ofSeconds(4));
        assertThat(api.registerShop(demo.url(), demo.key(), null).getBody()).containsEntry("error", "TIMEOUT");
    }

    @Test
    void aFailedTlsHandshakeIsSaidSo() throws Exception {
        // a server that answers plain HTTP on the https address, as a misconfigured host does
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket client = plain.accept()) {
                        client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            var answer = api.registerShop("https://127.0.0.1:" + plain.getLocalPort() + "/shop",
                "ABCDEFGHIJKLMNPQRSTUVWXYZ1234567", null);
            assertThat(answer.getBody()).containsEntry("error", "TLS_ERROR");
        }
    }

    @Test
    void addressesThatAreNotHttpAreRefused() {
        for (String url : List.of("file:///etc/passwd", "ftp://shop.example.fr", "javascript:alert(1)")) {
            var answer = api.registerShop(url, "ABCDEFGHIJKLMNPQRSTUVWXYZ1234567", null);
            assertThat(answer.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).containsEntry("error", "INVALID_URL").containsEntry("field", "url");
        }
    }

    @Test
    void aNewValidKeyReplacesTheStoredOneAndAnInvalidOneNeverDoes() {
        SimShop demo = shop();
        long id = ApiClient.id(api.registerShop(demo.url(), demo.key(), null));
        // the registration's first sync runs in the background: over before the stored key is made an old one
        await().atMost(Duration.ofSeconds(30)).until(() -> "OK".equals(api.get("/api/shops/" + id).get("lastSyncOutcome")));
        String oldKey = "OLDKEY11111111111111111111111111";
        jdbc.update("UPDATE shop SET api_key_enc = ? WHERE id = ?", cipher.encrypt(ApiKey.of(oldKey)), id);

        var replaced = api.registerShop(demo.url(), demo.key(), null);
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(storedKey(id)).isEqualTo(demo.key());

        var refused = api.registerShop(demo.url(), "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ9", null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((String) refused.getBody().get("message")).contains("keeps its previous key");
        assertThat(storedKey(id)).isEqualTo(demo.key());
        assertThat(api.get("/api/shops/" + id)).containsEntry("status", "CONNECTED");
    }

    @Test
    void malformedJsonAndMissingFieldsGetJsonErrors() {
        var missing = api.post("/api/shops", Map.of("apiKey", "ABCDEFGHIJKLMNPQRSTUVWXYZ1234567"));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody()).containsEntry("field", "url");
        var malformed = api.postJson("/api/shops", "{not json");
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private String storedKey(long id) {
        return cipher.decrypt(jdbc.queryForObject("SELECT api_key_enc FROM shop WHERE id = ?", String.class, id)).reveal();
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }
}

package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimRequest;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shop found from whatever address the merchant gives (ShopAddress, ShopLocator), through
 * {@code POST /api/shops} (the e-mail intake goes through the same route): pasted pages, no scheme,
 * PrestaShop's canonical redirect to its own domain, and the redirects we refuse to follow. The
 * simulator answers {@code localhost} and {@code 127.0.0.1} on the same port: two host names of
 * one shop, as {@code 127.0.0.1:8089} and {@code real-ps.test:8089} are for the real shop.
 */
@SyncTest
class ShopFinderTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int shops;

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    private SimShop shop() {
        return sim.fixtureShop("finder-" + (++shops));
    }

    private static String alias(SimShop shop) {
        return shop.url().replace("127.0.0.1", "localhost");
    }

    @Test
    void everyPageAMerchantPastesLeadsToTheShopAndTheBackOfficeIsNeverKept() {
        SimShop demo = shop();
        for (String pasted : List.of("  " + demo.url() + "/  ", demo.url() + "/fr/",
                demo.url() + "/fr/hommes/1-hummingbird-printed-t-shirt.html",
                demo.url() + "/index.php?id_product=1&controller=product&id_lang=2",
                demo.url() + "/admin-sim/index.php?controller=AdminWebservice&token=5ecre7b0t0ken0f7heback0ff1ce",
                demo.url() + "/admin-sim/")) {
            demo.resetRequests();
            ResponseEntity<Map<String, Object>> answer = api.registerShop(pasted, demo.key(), null);
            assertThat(answer.getStatusCode().is2xxSuccessful()).as(pasted).isTrue();
            assertThat(answer.getBody()).as(pasted).containsEntry("status", "CONNECTED").containsEntry("url", demo.url());
            assertThat(answer.getBody().toString()).doesNotContain("5ecre7b0t0ken").doesNotContain("admin-sim");
            List<SimRequest> requests = demo.requests(); // the previous registration's first sync may run meanwhile
            assertThat(requests).as(pasted).anyMatch(r -> r.status() == 401 && r.path().equals("/api/") && !r.basicAuth())
                .noneMatch(r -> r.path().startsWith("/admin-sim") && r.basicAuth());
            if (pasted.contains("hummingbird")) {
                assertThat(requests).as("walked up folder by folder, without the key").filteredOn(r -> !r.basicAuth() && r.method().equals("GET"))
                    .extracting(SimRequest::path).containsExactly("/fr/hommes/api/", "/fr/hommes/webservice/dispatcher.php",
                        "/fr/api/", "/fr/webservice/dispatcher.php", "/api/");
            }
        }
        assertThat(jdbc.queryForList("SELECT url FROM shop WHERE url LIKE ?", String.class, demo.url() + "%"))
            .containsExactly(demo.url());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE url LIKE '%admin%' OR status_detail LIKE '%oken%'",
            Integer.class)).isZero();
    }

    @Test
    void anAddressWithoutSchemeTriesHttpsThenHttpAndSaysTheShopHasNoHttps() {
        SimShop demo = shop();
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url().replace("http://", ""), demo.key(), null);
        assertThat(answer.getBody()).containsEntry("status", "CONNECTED").containsEntry("url", demo.url());
        assertThat((String) answer.getBody().get("statusDetail")).contains("no https");

        // a typed https is kept: its failure is the answer (the simulator never finishes a TLS handshake)
        var typedHttps = api.registerShop(demo.url().replace("http://", "https://"), demo.key(), null);
        assertThat(typedHttps.getBody()).containsEntry("error", "TIMEOUT");
    }

    @Test
    void prestashopsCanonicalRedirectIsFollowedAndTheShopStoredWhereItAnswers() {
        SimShop demo = shop();
        demo.redirectHost("localhost:" + sim.port(), demo.url());
        ResponseEntity<Map<String, Object>> answer = api.registerShop(alias(demo) + "/fr/", demo.key(), null);
        assertThat(answer.getBody()).containsEntry("status", "CONNECTED").containsEntry("url", demo.url());
        assertThat((String) answer.getBody().get("statusDetail"))
            .contains("we connected " + demo.url() + ", the address your shop answers at");
        List<SimRequest> requests = demo.requests();
        assertThat(requests.get(0)).as("the alias redirects, and gets no key").matches(r -> r.status() == 302 && !r.basicAuth());
        assertThat(requests.subList(0, firstWithKey(requests))).noneMatch(SimRequest::basicAuth);

        // a shop stored earlier under the address that only redirects moves to the one that answers
        long id = ApiClient.id(answer);
        jdbc.update("UPDATE shop SET url = ? WHERE id = ?", alias(demo), id);
        var again = api.registerShop(alias(demo), demo.key(), null);
        assertThat(ApiClient.id(again)).isEqualTo(id);
        assertThat(jdbc.queryForObject("SELECT url FROM shop WHERE id = ?", String.class, id)).isEqualTo(demo.url());
    }

    @Test
    void aRedirectLoopIsNamedAndNoKeyIsSent() {
        SimShop demo = shop();
        demo.redirectHost("localhost:" + sim.port(), demo.url()).redirectHost("127.0.0.1:" + sim.port(), alias(demo));
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), demo.key(), null);
        assertThat(answer.getBody()).containsEntry("error", "REDIRECT_LOOP");
        assertThat((String) answer.getBody().get("message")).contains("loop").contains("§3bis");
        assertThat(demo.requests()).isNotEmpty().noneMatch(SimRequest::basicAuth);
    }

    @Test
    void atMostThreeHopsAreFollowed() {
        String port = String.valueOf(sim.port());
        SimShop end = shop();
        SimShop third = shop().redirectHost("localhost:" + port, end.url());
        SimShop second = shop().redirectHost("127.0.0.1:" + port, alias(third));
        SimShop first = shop().redirectHost("localhost:" + port, second.url());
        assertThat(api.registerShop(alias(first), end.key(), null).getBody())
            .as("three hops").containsEntry("status", "CONNECTED").containsEntry("url", end.url());

        SimShop zeroth = shop().redirectHost("127.0.0.1:" + port, alias(first));
        assertThat(api.registerShop(zeroth.url(), end.key(), null).getBody())
            .as("four hops").containsEntry("error", "REDIRECT_LOOP");
        for (SimShop redirecting : List.of(zeroth, first, second, third)) {
            assertThat(redirecting.requests()).isNotEmpty().noneMatch(SimRequest::basicAuth);
        }
    }

    @Test
    void aRedirectToAPrivateOrLinkLocalAddressIsRefusedBeforeAnythingIsSent() {
        SimShop demo = shop().redirectHost("127.0.0.1:" + sim.port(), "http://169.254.169.254/latest");
        ResponseEntity<Map<String, Object>> answer = api.registerShop(demo.url(), demo.key(), null);
        assertThat(answer.getBody()).containsEntry("error", "UNSAFE_URL");
        assertThat((String) answer.getBody().get("message")).contains("169.254.169.254").contains("not followed");
        assertThat(demo.requests()).hasSize(1).noneMatch(SimRequest::basicAuth);
    }

    @Test
    void whatAnswersButIsNoPrestaShopIsSaidSo() {
        SimShop other = shop().notPrestashop(true);
        ResponseEntity<Map<String, Object>> answer = api.registerShop(other.url() + "/fr/page.html", other.key(), null);
        assertThat(answer.getBody()).containsEntry("error", "NOT_PRESTASHOP");
        assertThat(other.requests()).noneMatch(SimRequest::basicAuth);
    }

    private static int firstWithKey(List<SimRequest> requests) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).basicAuth()) {
                return i;
            }
        }
        throw new AssertionError("the key was never sent: " + requests);
    }
}

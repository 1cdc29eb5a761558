package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The key typed into the connect page (a form field this time, not JSON) with logging at DEBUG, web and security
 * included: neither the key nor its Basic-auth form is in any log line or in any of the merchant's pages, whether
 * the shop connects or refuses the key.
 */
@SyncTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.root=DEBUG", "logging.level.market.so=DEBUG",
    "logging.level.org.springframework.web=DEBUG", "logging.level.org.springframework.security=DEBUG",
    "logging.level.org.apache.camel=DEBUG",
    // the simulated merchant server receives the key and logs it at DEBUG, as a shop's own server would
    "logging.level.com.sun.net.httpserver=INFO"})
class MerchantPagesKeyLeakTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;

    @Test
    void theKeyTypedIntoThePageIsInNoLogLineAndNoPage(CapturedOutput output) {
        SimShop shop = sim.fixtureShop("page-leak");
        SimShop refusing = sim.fixtureShop("page-leak-refusing").denyGet("products");
        String connect = (String) new ApiClient(rest).post("/api/merchant-links", Map.of("purpose", "connect")).getBody().get("path");
        PageClient browser = new PageClient(port, "fr");
        StringBuilder pages = new StringBuilder();

        PageClient.Page refused = browser.submit(browser.get(connect), "form", Map.of("url", refusing.url(), "apiKey", refusing.key()));
        assertThat(refused.status()).isEqualTo(422);
        PageClient.Page connected = browser.submit(browser.get(connect), "form", Map.of("url", shop.url(), "apiKey", shop.key()));
        assertThat(connected.html().select("#connected")).isNotEmpty();
        String shopPath = connected.path().replaceFirst("\\?.*$", "");
        pages.append(refused.response().body()).append(connected.response().body())
            .append(browser.get(shopPath + "/categories").response().body())
            .append(browser.get(shopPath + "/connect").response().body());

        for (String key : new String[] {shop.key(), refusing.key()}) {
            String basic = Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
            assertThat(output.getAll()).as("log output").doesNotContain(key).doesNotContain(basic);
            assertThat(pages).as("pages").doesNotContain(key).doesNotContain(basic);
        }
        assertThat(output.getAll()).as("the test did log at DEBUG").contains("DEBUG");
    }
}

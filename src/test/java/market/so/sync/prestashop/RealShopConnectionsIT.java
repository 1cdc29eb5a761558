package market.so.sync.prestashop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;
import market.so.sync.support.SyncTest;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

/**
 * The connection policy against the real PrestaShop 8.1.2 of /work/shared/tools/real-prestashop (skipped when it
 * is not up): its Apache answers gzip (asked by HttpClient), chunked or with {@code Content-Length}; complete
 * answers give their connection back to the pool, an answer over the size cap closes its own. GET requests only.
 */
@SyncTest
@TestPropertySource(properties = {"somarket.sync.max-response-size=64KB", "somarket.sync.read-timeout=30s"})
class RealShopConnectionsIT {

    static final String URL = "http://real-ps.test:8089";
    static final ShopAccess ACCESS = new ShopAccess(URL, ApiKey.of("REALPRESTASHOPTESTKEY00000000001"),
        ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null);

    @Autowired WebserviceClient client;
    @Autowired @Qualifier("shopConnections") PoolingHttpClientConnectionManager pool;

    @BeforeAll
    static void realShopIsUp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("real-ps.test", 8089), 1000);
        } catch (Exception e) {
            assumeTrue(false, "the real PrestaShop is not running: " + e);
        }
    }

    @Test
    void completeAnswersAreReusedAndAnOversizedOneClosesItsConnection() {
        WebserviceClient.Options options = client.syncOptions(new RequestMeter());
        XmlNode api = client.document(ACCESS, "", Map.of(), options);
        assertThat(api.child("api")).isNotNull();
        Map<String, String> page = new LinkedHashMap<>();
        page.put("display", "[id,price]");
        page.put("sort", "[id_ASC]");
        page.put("limit", "0,50");
        int listed = client.rows(WebserviceCall.of(ACCESS, "products", page), options).rows().size();
        assertThat(listed).isBetween(1, 50); // 19 products, or more when the shop was scaled
        assertThat(pool.getTotalStats().getLeased()).isZero();
        assertThat(pool.getTotalStats().getAvailable()).as("read to the end: kept for the next request").isPositive();

        Map<String, String> full = new LinkedHashMap<>();
        full.put("display", "full");
        full.put("sort", "[id_ASC]");
        full.put("limit", "0,30"); // about 170 kB for the 19 demo products
        assertThatThrownBy(() -> client.rows(WebserviceCall.of(ACCESS, "products", full), options))
            .isInstanceOfSatisfying(WebserviceException.class, e -> {
                assertThat(e.status()).isEqualTo(ShopStatus.RESPONSE_TOO_LARGE);
                assertThat(e.getMessage()).contains("64 kB");
            });
        assertThat(pool.getTotalStats().getLeased()).isZero();
        // and the host answers the next request at once
        assertThat(client.rows(WebserviceCall.of(ACCESS, "products", page), options).rows()).hasSize(listed);
        assertThat(pool.getTotalStats().getLeased()).isZero();
    }
}

package market.so.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimRequest;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A hostile or unlucky merchant's server, row by row of issue 10: each misbehaviour costs that shop at
 * most (its recorded outcome and error class say what happened), never the other shops of the run, never
 * the host's connections (counted by the simulator's relay and in our pool), never what was stored.
 * Bounds on the run's end are derived from the limits below, with a wide margin: they hold on a loaded machine.
 */
@SyncTest
@TestPropertySource(properties = {"somarket.sync.shop-time-limit=8s", "somarket.sync.request-time-limit=20s",
    "somarket.sync.read-timeout=5s", "somarket.sync.max-response-size=1MB", "somarket.sync.max-retry-delay=10s",
    "somarket.registration.first-sync=false", "somarket.sync.sweep-page-size=100"})
class MisbehavingShopTest {

    static final Duration SHOP_LIMIT = Duration.ofSeconds(8);
    static final int PER_HOST = 2;
    static final long HUNDRED_MB = 100L * 1024 * 1024;
    /** Its own simulator: the connections counted are ours only, and its host is a route of its own in the pool. */
    static final PrestaShopSimulator sim = PrestaShopSimulator.startCountingConnections();
    static int names;

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;
    @Autowired SyncRunRepository runs;
    @Autowired ShopSyncRepository syncs;
    @Autowired TestRestTemplate rest;
    @Autowired @Qualifier("shopConnections") PoolingHttpClientConnectionManager pool;

    SimShop good;
    SimShop bad;
    long goodId;
    long badId;

    @BeforeEach
    void twoShopsSyncedOnce() {
        jdbc.update("DELETE FROM shop");
        good = sim.generatedShop("good" + (++names), 30);
        bad = sim.generatedShop("bad" + names, 40);
        goodId = store(good);
        badId = store(bad);
        assertThat(sync(goodId).result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(sync(badId).result()).isEqualTo(ShopOutcome.Result.OK);
        bad.resetRequests();
    }

    @AfterEach
    void connectionsComeBackAndNothingStoredIsLost() {
        bad.clearBodyFaults().clearFailures().webserviceDisabled(false);
        // the host's connections: none leased, at most the pool's idle ones left open
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(pool.getTotalStats().getLeased()).isZero();
            assertThat(sim.openConnections()).isLessThanOrEqualTo(PER_HOST);
        });
        assertThat(activeProducts(goodId)).isEqualTo(30);
        assertThat(activeProducts(badId)).isEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND price <= 0",
            Integer.class, badId)).isZero();
        // and the misbehaving shop's host syncs again as soon as it behaves
        assertThat(sync(badId).result()).isEqualTo(ShopOutcome.Result.OK);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void tenOversizedAnswersInARowCloseTheirConnectionsAndTheHostStillSyncsAndRegisters() {
        bad.oversized("/api/products", HUNDRED_MB, true, 10);
        Run run = run();
        assertThat(run.outcome(badId).errorClass()).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(run.outcome(badId).errorDetail()).contains("1 MB").contains("100 MB");
        assertThat(run.outcome(goodId).result()).isEqualTo(ShopOutcome.Result.OK);
        for (int i = 2; i <= 10; i++) {
            ShopOutcome outcome = sync(badId);
            assertThat(outcome.errorClass()).as("answer %d", i).isEqualTo("RESPONSE_TOO_LARGE");
            assertThat(pool.getTotalStats().getLeased()).as("leased after answer %d", i).isZero();
        }
        // the simulator records an answer once it has written it: the last one may still be failing to write
        await().atMost(Duration.ofSeconds(10)).until(() -> productRequests(bad).size() >= 10);
        List<SimRequest> oversized = productRequests(bad);
        // one request per sync (a size error is not asked again), none of them read to its end
        assertThat(oversized).hasSize(10).allSatisfy(r -> assertThat(r.bytes()).isLessThan(HUNDRED_MB / 2));
        assertThat(sync(goodId).result()).isEqualTo(ShopOutcome.Result.OK);

        SimShop newcomer = sim.generatedShop("newcomer" + names, 5);
        Map<String, Object> registered = new ApiClient(rest).registerShop(newcomer.url(), newcomer.key(), "m@example.fr")
            .getBody();
        assertThat(registered).containsEntry("status", "CONNECTED");
    }

    @Test
    void anOversizedAnswerWithoutLengthAndAnEndlessOneAreSizeErrorsWithTheLimit() {
        bad.oversized("/api/products", HUNDRED_MB, false, 1);
        ShopOutcome chunked = sync(badId);
        assertThat(chunked.errorClass()).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(chunked.errorDetail()).contains("larger than 1 MB").contains("max-response-size");

        bad.endlessChunked("/api/products", 1);
        ShopOutcome endless = sync(badId);
        assertThat(endless.errorClass()).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(endless.errorDetail()).contains("larger than 1 MB");
        assertThat(bad.requests().stream().filter(r -> r.path().equals("/api/products")))
            .hasSize(2).allSatisfy(r -> assertThat(r.bytes()).isLessThan(HUNDRED_MB / 2));
    }

    @Test
    void aTricklingShopEndsTimeoutWithinItsLimitAndDoesNotHoldTheRun() {
        bad.trickle("/api/products", Duration.ofSeconds(2)); // every read gets a byte: the 5 s read timeout never fires
        long start = System.nanoTime();
        Run run = run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ShopOutcome outcome = run.outcome(badId);
        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.FAILED);
        assertThat(outcome.errorClass()).isEqualTo("TIMEOUT");
        assertThat(outcome.errorDetail()).contains("time limit");
        assertThat(run.outcome(goodId).result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(run.run().finishedAt()).isNotNull();
        // the limit plus one read timeout and a wide margin for a loaded machine; the trickle alone would last hours
        assertThat(took).isLessThan(SHOP_LIMIT.plusSeconds(5).multipliedBy(3));
        assertThat(outcome.durationMs()).isLessThan(SHOP_LIMIT.plusSeconds(5).multipliedBy(3).toMillis());
    }

    @Test
    void aBodyCutShortIsRetriedLikeAResetConnection() {
        bad.cutBody("/api/products", 1);
        ShopOutcome cut = sync(badId);
        assertThat(cut.result()).isEqualTo(ShopOutcome.Result.OK);
        List<SimRequest> pages = bad.requests().stream().filter(r -> r.path().equals("/api/products")).toList();
        assertThat(pages.get(0).query()).isEqualTo(pages.get(1).query());

        // a product changed since the last sync: the page changed, so the retry gets it whole (not a 304)
        bad.resetRequests().cutXml("/api/products", 1).catalog().setPrice(1, new java.math.BigDecimal("12.00"));
        ShopOutcome retried = sync(badId);
        assertThat(retried.result()).isEqualTo(ShopOutcome.Result.OK);
        // the rows read before the document broke off are dropped with it (they were 296 phantom products, "seen"
        // and "skipped": a product deleted in the shop would have stayed listed)
        assertThat(retried.productsSeen()).isEqualTo(40);
        assertThat(retried.productsSkipped()).isZero();

        bad.resetRequests().cutBody("/api/products", -1);
        ShopOutcome always = sync(badId);
        assertThat(always.errorClass()).isEqualTo("UNREACHABLE");
        assertThat(always.errorDetail()).contains("broke off");
        // the first try and the retries of the test settings (3)
        assertThat(bad.requests().stream().filter(r -> r.path().equals("/api/products"))).hasSize(4);
    }

    @Test
    void aWellFormedAnswerThatIsNotPrestashopIsStillNotPrestashop() {
        bad.notPrestashop(true);
        ShopOutcome outcome = sync(badId);
        bad.notPrestashop(false);
        assertThat(outcome.errorClass()).isEqualTo("NOT_PRESTASHOP");
    }

    @Test
    void a503WithPrestashopXmlIsRetriedAfterRetryAfterButCode22StaysWebserviceDisabled() {
        bad.failWithXml("/api/products", 1, 503, 7, 2);
        ShopOutcome outcome = sync(badId);
        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        List<SimRequest> pages = bad.requests().stream().filter(r -> r.path().equals("/api/products")).toList();
        assertThat(pages.get(0).status()).isEqualTo(503);
        assertThat(pages.get(1).status()).isIn(200, 304); // 304: the same page as at the last sync
        assertThat(pages.get(1).query()).isEqualTo(pages.get(0).query());
        assertThat(outcome.durationMs()).isGreaterThanOrEqualTo(7000); // the shop asked for 7 s: we waited them

        bad.resetRequests().webserviceDisabled(true);
        ShopOutcome disabled = sync(badId);
        assertThat(disabled.errorClass()).isEqualTo("WEBSERVICE_DISABLED");
        assertThat(bad.requests()).hasSize(1); // code 22 is not asked again
    }

    private record Run(SyncRun run, List<ShopOutcome> shops) {
        ShopOutcome outcome(long shopId) {
            return shops.stream().filter(s -> s.shopId() == shopId).findFirst().orElseThrow();
        }
    }

    private Run run() {
        camel.requestBodyAndHeader("direct:catalog-sync", null, "runTrigger", "test");
        SyncRun run = runs.recent(1).get(0);
        return new Run(run, syncs.forRun(run.id()));
    }

    private long store(SimShop shop) {
        ApiKey key = ApiKey.of(shop.key());
        return shops.insert(shop.url(), "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(shop.url(), key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), "8.1.2",
            shop.name(), "connected");
    }

    private ShopOutcome sync(long shopId) {
        return camel.requestBodyAndHeader("direct:sync-shop", shopId, "syncTrigger", "test", ShopOutcome.class);
    }

    private int activeProducts(long shopId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active", Integer.class, shopId);
    }

    private static List<SimRequest> productRequests(SimShop shop) {
        return shop.requests().stream().filter(r -> r.path().equals("/api/products")).toList();
    }
}

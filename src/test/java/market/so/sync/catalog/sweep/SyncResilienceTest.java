package market.so.sync.catalog.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.ShopOutcome;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A shop's server misbehaving the ways real ones do: failures retried with backoff (Retry-After
 * honoured), a product that breaks every page it is on skipped alone, a sync that runs out of time
 * stopped with nothing changed.
 */
@SyncTest
@TestPropertySource(properties = {"somarket.sync.sweep-page-size=100", "somarket.sync.page-size=20",
    "somarket.sync.combination-page-size=40", "somarket.sync.stock-page-size=200"})
class SyncResilienceTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int names;

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;
    SweepSupport support;

    @BeforeEach
    void setUp() {
        support = new SweepSupport(camel, shops, cipher, jdbc);
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedAndTheSyncSucceeds() {
        SimShop shop = sim.generatedShop("res-a" + (++names), 50);
        long id = support.store(shop);
        shop.failNextRequests(2, 500, null);
        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(shop.requests().subList(0, 3)).extracting(r -> r.status()).containsExactly(500, 500, 200);

        shop.resetRequests().failNextRequests(1, 429, 1);
        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);
        shop.resetRequests().failNextRequests(1, 503, 1);
        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(shop.requests().get(0).status()).isEqualTo(503);
        assertThat(shop.requests().get(1).path()).isEqualTo(shop.requests().get(0).path());
    }

    @Test
    void timeoutsAreRetriedThenFailTheShopWithItsCatalogueKept() {
        SimShop shop = sim.generatedShop("res-b" + (++names), 30);
        long id = support.store(shop);
        support.sync(id);
        shop.slowPath("/api/stock_availables", Duration.ofSeconds(3)); // read timeout of the tests: 2 s
        shop.resetRequests();
        ShopOutcome outcome = support.sync(id);
        shop.slowPath("/api/stock_availables", Duration.ZERO);
        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.FAILED);
        assertThat(outcome.errorClass()).isEqualTo("TIMEOUT");
        // configuration, languages, currency, categories, then stock 1 + 3 retries (the simulator cannot
        // record the timed-out ones: their client has gone when it answers)
        assertThat(outcome.requests()).isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND active", Integer.class, id))
            .isEqualTo(30);
    }

    @Test
    void aProductThatBreaksItsPageIsSkippedAloneAndReported() {
        SimShop shop = sim.generatedShop("res-c" + (++names), 250);
        long id = support.store(shop);
        support.sync(id);
        shop.catalog().setName(137, 2, "Renommé").setName(138, 2, "Renommé aussi");
        shop.failProducts(137);

        ShopOutcome outcome = support.sync(id);
        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(outcome.productsSkipped()).isEqualTo(1);
        assertThat(outcome.productsDeactivated()).isZero();
        assertThat(support.product(id, 137)).containsEntry("active", true).containsEntry("name", "Produit 137");
        assertThat(support.product(id, 138)).containsEntry("name", "Renommé aussi");
        assertThat(support.skippedDetail(outcome))
            .contains("#137").contains("500");
        assertThat(shops.find(id).orElseThrow().statusDetail()).contains("1 products skipped").contains("#137");

        shop.clearFailures();
        support.sync(id);
        assertThat(support.product(id, 137)).containsEntry("name", "Renommé");
    }

    @Test
    void aNewProductThatCannotBeRenderedIsNotStoredButTheOthersAre() {
        SimShop shop = sim.generatedShop("res-d" + (++names), 60);
        shop.failProducts(5);
        long id = support.store(shop);
        ShopOutcome outcome = support.sync(id);
        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(outcome.productsNew()).isEqualTo(59);
        // a first sync reads by id (ADR 0029): the ids of the failing page halved down to #5, skipped and reported
        assertThat(outcome.productsSkipped()).isEqualTo(1);
        assertThat(support.skippedDetail(outcome))
            .contains("#5").contains("500");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND shop_product_id = 5",
            Integer.class, id)).isZero();
    }

    @Test
    void aSyncPastItsTimeLimitStopsWithNothingChangedAndAShopPastTheRunLimitIsSkipped() {
        SimShop shop = sim.generatedShop("res-e" + (++names), 120);
        long id = support.store(shop);
        support.sync(id);
        shop.catalog().setPrice(1, new BigDecimal("99.00"));
        shop.latency(Duration.ofMillis(300));
        ShopOutcome late = camel.requestBodyAndHeaders("direct:sync-shop", id, Map.of("syncTrigger", "test",
            "syncRunDeadline", Instant.now().plusMillis(800).toEpochMilli()), ShopOutcome.class);
        shop.latency(Duration.ZERO);
        assertThat(late.result()).isEqualTo(ShopOutcome.Result.FAILED);
        assertThat(late.errorClass()).isEqualTo("TIMEOUT");
        assertThat(late.errorDetail()).contains("time limit");
        assertThat(support.product(id, 1)).containsEntry("price", new BigDecimal("13.80"));

        ShopOutcome skipped = camel.requestBodyAndHeaders("direct:sync-shop", id, Map.of("syncTrigger", "test",
            "syncRunDeadline", Instant.now().minusSeconds(1).toEpochMilli()), ShopOutcome.class);
        assertThat(skipped.result()).isEqualTo(ShopOutcome.Result.SKIPPED);
        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(support.product(id, 1)).containsEntry("price", new BigDecimal("118.80"));
    }
}

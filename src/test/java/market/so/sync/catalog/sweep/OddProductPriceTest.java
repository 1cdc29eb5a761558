package market.so.sync.catalog.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
 * Issue 10, last row: one odd product (a 60 MB name, no price field at all) alone on the last page of the
 * sweep must not switch the whole shop to prices computed by So.market: that is chosen once per sync from a
 * normal page. The odd product is skipped and reported, kept as stored, and nothing is ever listed at 0. A shop
 * that refuses the price fields everywhere does get our prices, from its price lists read once per sync.
 */
@SyncTest
@TestPropertySource(properties = {"somarket.sync.sweep-page-size=100", "somarket.sync.page-size=20"})
class OddProductPriceTest {

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
    void oneProductWithoutPricesIsSkippedAndTheShopKeepsItsOwnPrices() {
        SimShop shop = sim.generatedShop("odd-price" + (++names), 101);
        long id = support.store(shop);
        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);
        BigDecimal before101 = (BigDecimal) support.product(id, 101).get("price");
        BigDecimal before7 = (BigDecimal) support.product(id, 7).get("price");

        shop.catalog().setName(101, 2, "x".repeat(60 * 1024 * 1024)); // and its date_upd moves: read whole again?
        shop.withoutPrices(101);
        shop.resetRequests();
        ShopOutcome outcome = support.sync(id);
        shop.clearBodyFaults();

        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(outcome.productsSkipped()).isEqualTo(1);
        assertThat(outcome.productsChanged()).as("no product rewritten with other prices").isZero();
        assertThat(support.skippedDetail(outcome))
            .contains("#101").contains("no price");
        String detail = shops.find(id).orElseThrow().statusDetail();
        assertThat(detail).contains("#101").doesNotContain("computed by So.market");
        assertThat(support.product(id, 101)).containsEntry("price", before101).containsEntry("active", true);
        assertThat(support.product(id, 7)).containsEntry("price", before7);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND (price IS NULL OR price <= 0)",
            Integer.class, id)).isZero();
        // the skipped product is never read whole (its 60 MB name never asked for), and the specific prices are
        // read once, for the change detection of the shop's prices (ADR 0025): the fallback was not engaged
        assertThat(SweepSupport.fullReads(shop)).noneMatch(r -> r.query().getOrDefault("filter[id]", "").contains("101"));
        assertThat(SweepSupport.to(shop, "specific_prices")).hasSize(1);
    }

    /** A shop whose webservice refuses the price fields: our own prices, from its price lists read once. */
    @Test
    void aShopThatRefusesThePriceFieldsHasItsPriceListsReadOncePerSync() {
        SimShop shop = sim.generatedShop("odd-price" + (++names), 20).refusePriceFields(true);
        shop.catalog().setSpecificPrice(9, new BigDecimal("0.3"));
        long id = support.store(shop);
        ShopOutcome outcome = support.sync(id);
        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(shops.find(id).orElseThrow().statusDetail()).contains("computed by So.market");
        assertThat(support.product(id, 9)).containsEntry("discount_percent", 30);
        // by the price change detection before the sweep, then handed to our own prices (before: read again)
        assertThat(SweepSupport.to(shop, "specific_prices")).hasSize(1);
        assertThat(SweepSupport.to(shop, "tax_rules")).hasSize(1);
        assertThat(SweepSupport.to(shop, "taxes")).hasSize(1);
    }

    @Test
    void aNewProductWithoutAnyPriceIsNotStoredAtZero() {
        SimShop shop = sim.generatedShop("odd-price" + (++names), 20);
        shop.withoutPrices(3);
        long id = support.store(shop);
        ShopOutcome outcome = support.sync(id);
        shop.clearBodyFaults();
        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(outcome.productsNew()).isEqualTo(19);
        assertThat(outcome.productsSkipped()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ? AND shop_product_id = 3",
            Integer.class, id)).isZero();
    }
}

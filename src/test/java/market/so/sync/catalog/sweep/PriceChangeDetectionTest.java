package market.so.sync.catalog.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.ShopOutcome;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The computed prices are asked only for the products whose price inputs moved (docs/decisions/0025),
 * and still every kind of change that moves a product shows at the next sync: base price, a new specific
 * price, a specific price that ends, a combination's price impact, stock, name, a new picture (none of
 * stock, specific prices, impacts and pictures moves {@code date_upd}), a deleted product. A tax rule
 * edit is tested on the real shop (RealPrestaShopIT): the simulator's tax tables are fixed.
 */
@SyncTest
@TestPropertySource(properties = {"somarket.sync.sweep-page-size=100", "somarket.sync.page-size=20",
    "somarket.sync.combination-page-size=40", "somarket.sync.stock-page-size=200"})
class PriceChangeDetectionTest {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final PrestaShopSimulator sim = SharedSimulator.get();

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;

    @Test
    void everyKindOfChangeShowsAtTheNextSyncWhileOnlyTheMovedPricesAreAsked() {
        SweepSupport support = new SweepSupport(camel, shops, cipher, jdbc);
        SimShop shop = sim.generatedShop("price-inputs", 120);
        LocalDateTime now = LocalDateTime.now().withNano(0);
        shop.catalog().clock(Clock.fixed(now.atZone(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault()));
        shop.catalog().setSpecificPrice(9, new BigDecimal("0.3"))
            .setSpecificPriceDates(9, now.minusHours(1).format(DATE), now.plusHours(1).format(DATE));
        long id = support.store(shop);
        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(support.product(id, 9)).containsEntry("discount_percent", 30);
        long combination = ((Number) support.variants(id, 10).get(0).get("shop_variant_id")).longValue();
        BigDecimal variantBefore = (BigDecimal) support.variants(id, 10).get(0).get("price");
        String imagesBefore = (String) support.product(id, 13).get("image_urls");
        BigDecimal price20 = (BigDecimal) support.product(id, 20).get("price");

        // the shop's clock moves past the end of product 9's specific price; the rest is edited
        shop.catalog().clock(Clock.fixed(now.plusHours(2).atZone(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault()));
        shop.catalog().setPrice(1, new BigDecimal("99.00")).setSpecificPrice(5, new BigDecimal("0.5"))
            .setImpact(combination, new BigDecimal("5.00")).setStock(3, 42).setName(11, 2, "Nouveau nom").remove(12);
        shop.catalog().addImage(13);
        shop.resetRequests();
        ShopOutcome second = support.sync(id);

        assertThat(second.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(support.product(id, 1)).containsEntry("price", new BigDecimal("118.80"));
        assertThat(support.product(id, 5)).containsEntry("discount_percent", 50);
        assertThat(support.product(id, 9)).containsEntry("discount_percent", 0);
        assertThat((BigDecimal) support.variants(id, 10).get(0).get("price"))
            .isEqualByComparingTo(variantBefore.add(new BigDecimal("6.00"))); // 5.00 + 20 % VAT
        assertThat(support.product(id, 3)).containsEntry("quantity", 42);
        assertThat(support.product(id, 11).get("name").toString()).isEqualTo("Nouveau nom");
        assertThat(support.product(id, 12)).containsEntry("active", false);
        assertThat((String) support.product(id, 13).get("image_urls")).isNotEqualTo(imagesBefore).contains("900000");
        assertThat(support.product(id, 20)).containsEntry("price", price20);
        // prices asked by id only where an input moved: 9's end date is near, so it is asked at every sync
        assertThat(askedPrices(shop)).containsExactly(1L, 5L, 9L, 10L, 11L);
        assertThat(SweepSupport.fullReads(shop)).extracting(r -> r.query().get("filter[id]"))
            .containsExactly("[1|11|13]"); // price and name moved date_upd; the picture did not, but the list of them did
    }

    private static Set<Long> askedPrices(SimShop shop) {
        Set<Long> ids = new TreeSet<>();
        SweepSupport.to(shop, "products").stream()
            .filter(r -> r.query().getOrDefault("display", "").startsWith("[id,somarket_final_ti"))
            .forEach(r -> Arrays.stream(r.query().get("filter[id]").replaceAll("[\\[\\]]", "").split("\\|"))
                .forEach(i -> ids.add(Long.valueOf(i))));
        return ids;
    }
}

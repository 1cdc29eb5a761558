package market.so.sync.catalog.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import market.so.sync.catalog.CatalogReader;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.RequestMeter;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.prestashop.xml.XmlNode;
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
 * A combination the shop prices as its product (same impact and ecotax as the default combination, named by no
 * specific price) takes its product's computed prices instead of being asked (docs/decisions/0030); every other one is
 * asked by id. Either way every variant's stored prices are the shop's own, on a first sync and after the default
 * combination's impact moves.
 */
@SyncTest
@TestPropertySource(properties = {"somarket.sync.sweep-page-size=100", "somarket.sync.page-size=20"})
class CombinationPricesTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;
    @Autowired WebserviceClient client;

    @Test
    void onlyTheCombinationsPricedUnlikeTheirProductAreAskedAndEveryVariantHasTheShopsPrices() {
        SweepSupport support = new SweepSupport(camel, shops, cipher, jdbc);
        SimShop shop = sim.generatedShop("combination-prices", 60);
        // generated: products 10, 20, ... 60 have three combinations, impacts 0 (the default), 1 and 2
        long c20 = combinationsOf(shop, 20).get(1);
        List<Long> of30 = combinationsOf(shop, 30);
        long c40 = combinationsOf(shop, 40).get(1);
        long c50 = combinationsOf(shop, 50).get(1);
        shop.catalog().setImpact(c20, BigDecimal.ZERO)
            .setImpact(of30.get(1), BigDecimal.ZERO).addCombinationSpecificPrice(30, of30.get(0), new BigDecimal("0.1"))
            .setImpact(c40, BigDecimal.ZERO).setSpecificPrice(40, new BigDecimal("0.2"))
            .setImpact(c50, BigDecimal.ZERO).addCombinationSpecificPrice(50, c50, new BigDecimal("0.15"));
        long id = support.store(shop);

        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);

        Set<Long> expected = new TreeSet<>();
        for (long product = 10; product <= 60; product += 10) {
            expected.add(combinationsOf(shop, product).get(2)); // impact 2, the default's 0
        }
        expected.addAll(List.of(combinationsOf(shop, 10).get(1), combinationsOf(shop, 60).get(1), // impact 1
            of30.get(0), c50)); // named by a specific price
        assertThat(askedCombinationPrices(shop)).containsExactlyElementsOf(expected);
        assertEveryPriceIsTheShops(shop, id, support);
        assertThat((BigDecimal) support.variants(id, 30).get(0).get("price"))
            .as("the default combination's own reduction, which its product's price does not carry")
            .isLessThan((BigDecimal) support.variants(id, 30).get(1).get("price"));

        // the default combination's impact moves: the product's price with it, and which siblings are priced as it
        shop.catalog().setImpact(combinationsOf(shop, 20).get(0), new BigDecimal("3"));
        shop.resetRequests();
        assertThat(support.sync(id).result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(askedCombinationPrices(shop)).containsExactly(c20, combinationsOf(shop, 20).get(2));
        assertEveryPriceIsTheShops(shop, id, support);
    }

    /** What the shop itself answers for every product and combination, against what was stored. */
    private void assertEveryPriceIsTheShops(SimShop shop, long id, SweepSupport support) {
        for (XmlNode row : shopPrices(shop, "products", "[1,60]")) {
            Map<String, Object> stored = support.product(id, row.longValue("id"));
            assertThat((BigDecimal) stored.get("price")).as("product " + row.longValue("id"))
                .isEqualByComparingTo(money(row.value(CatalogReader.FINAL_PRICE)));
        }
        List<XmlNode> combinations = shopPrices(shop, "combinations", "[1,60]");
        assertThat(combinations).hasSize(18);
        for (XmlNode row : combinations) {
            Map<String, Object> stored = jdbc.queryForMap(
                "SELECT price, regular_price FROM product_variant WHERE shop_id = ? AND shop_variant_id = ?", id,
                row.longValue("id"));
            assertThat((BigDecimal) stored.get("price")).as("combination " + row.longValue("id"))
                .isEqualByComparingTo(money(row.value(CatalogReader.FINAL_PRICE)));
            assertThat((BigDecimal) stored.get("regular_price")).as("combination " + row.longValue("id"))
                .isEqualByComparingTo(money(row.value(CatalogReader.REGULAR_PRICE)));
        }
    }

    private List<XmlNode> shopPrices(SimShop shop, String resource, String range) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", "[id," + CatalogReader.FINAL_PRICE + "," + CatalogReader.REGULAR_PRICE + "]");
        params.put(resource.equals("products") ? "filter[id]" : "filter[id_product]", range);
        params.putAll(CatalogReader.virtualPrices());
        return client.rows(WebserviceCall.of(access(shop), resource, params),
            WebserviceClient.Options.probe(new RequestMeter())).rows();
    }

    private static List<Long> combinationsOf(SimShop shop, long product) {
        return shop.catalog().combinationIdsOf(product);
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static ShopAccess access(SimShop shop) {
        return new ShopAccess(shop.url(), ApiKey.of(shop.key()), ShopAccess.AuthMode.HEADER,
            ShopAccess.EntryPoint.REWRITE, null);
    }

    /** The combinations whose computed prices were asked by id. */
    private static Set<Long> askedCombinationPrices(SimShop shop) {
        Set<Long> ids = new TreeSet<>();
        SweepSupport.to(shop, "combinations").stream()
            .filter(r -> r.query().containsKey("filter[id]"))
            .forEach(r -> Arrays.stream(r.query().get("filter[id]").replaceAll("[\\[\\]]", "").split("\\|"))
                .forEach(i -> ids.add(Long.valueOf(i))));
        return ids;
    }
}

package market.so.sync.catalog.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import market.so.sync.catalog.CatalogPage;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.ProductMapper;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimRequest;
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
 * Few requests: every sync sweeps all products light, reads whole only the new and changed ones, and
 * applies prices, stock and variants to the others without reading them again.
 */
@SyncTest
@TestPropertySource(properties = {"somarket.sync.sweep-page-size=100", "somarket.sync.page-size=20",
    "somarket.sync.combination-page-size=40", "somarket.sync.stock-page-size=200",
    "somarket.sync.max-products-per-shop=300"})
class LightSweepTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static int names;

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;
    @Autowired FullFetch fetch;
    SweepSupport support;

    @BeforeEach
    void setUp() {
        support = new SweepSupport(camel, shops, cipher, jdbc);
    }

    /**
     * Products are read whole with only the fields the mapper reads (half the shop's work of display=full); a shop
     * whose webservice refuses one of them (a fork, a module) has them read in full instead, and stores the same.
     */
    @Test
    void productsAreReadWithTheMappersFieldsAndInFullWhereTheShopRefusesOne() {
        SimShop usual = sim.generatedShop("fields-a" + (++names), 30);
        SimShop refusing = sim.generatedShop("fields-b" + names, 30).refuseField("products", "id_default_image");
        long usualId = support.store(usual);
        long refusingId = support.store(refusing);

        assertThat(support.sync(usualId).result()).isEqualTo(ShopOutcome.Result.OK);
        ShopOutcome outcome = support.sync(refusingId);

        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(outcome.productsNew()).isEqualTo(30);
        // a first sync reads the ids of a light page (30, then none), then its products whole by id, 20 and 10, with
        // the light fields and the mapped ones (ADR 0029); nothing by id with the mapper's fields alone
        assertThat(SweepSupport.fullReads(usual)).isEmpty();
        assertThat(SweepSupport.idPages(usual)).hasSize(2);
        assertThat(SweepSupport.wholePages(usual)).hasSize(2).allSatisfy(r -> assertThat(r.query().get("display"))
            .startsWith("[" + LightProduct.FIELDS + ",").contains(",name,description,").contains(",categories[id]"));
        // the refused whole page, then light pages and reads by id: the refused one, then the same ids and the
        // next batch in full
        assertThat(SweepSupport.wholePages(refusing)).hasSize(1);
        assertThat(SweepSupport.fullReads(refusing)).extracting(r -> r.query().get("display"))
            .containsExactly(ProductMapper.READ_DISPLAY, "full", "full");
        String columns = "shop_product_id, name, description, reference, ean13, price, quantity, active, link_rewrite, "
            + "default_category_id, shop_date_upd, REPLACE(image_urls, ?, '') AS images"; // (the content hash has the URLs)
        assertThat(jdbc.queryForList("SELECT " + columns + " FROM product WHERE shop_id = ? ORDER BY shop_product_id",
                refusing.url(), refusingId))
            .isEqualTo(jdbc.queryForList("SELECT " + columns + " FROM product WHERE shop_id = ? ORDER BY shop_product_id",
                usual.url(), usualId))
            .hasSize(30).allSatisfy(row -> assertThat((String) row.get("images")).contains("large_default"));
    }

    @Test
    void theFirstSyncReadsEveryProductWholeOnceAndTheNextReadsNoneWhole() {
        SimShop shop = sim.generatedShop("sweep-a" + (++names), 250);
        long id = support.store(shop);

        ShopOutcome first = support.sync(id);
        assertThat(first.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(first.productsNew()).isEqualTo(250);
        assertThat(first.variants()).isEqualTo(75);
        // every product is new: the ids of each light page (100, 100, 50, then none) from the minimal list, and its
        // products read whole by id, page-size at a time; nothing light, nothing by id twice (ADR 0029)
        assertThat(SweepSupport.fullReads(shop)).isEmpty();
        assertThat(SweepSupport.lightPages(shop)).isEmpty();
        assertThat(SweepSupport.idPages(shop)).extracting(r -> r.query().get("limit"))
            .containsExactly("0,100", "100,100", "200,100", "250,100");
        assertThat(SweepSupport.wholePages(shop)).hasSize(13) // 12 x 20, then 10
            .allSatisfy(r -> assertThat(r.query()).containsEntry("sort", "[id_ASC]"))
            .first().satisfies(r -> assertThat(r.query()).containsEntry("filter[id]", "[1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20]"));
        assertThat(support.product(id, 7)).containsEntry("price", new BigDecimal("17.85")); // 17.50 + 20 % VAT, 15 % off
        assertThat(support.variants(id, 10)).hasSize(3).first().satisfies(v -> assertThat(v.get("attributes")).isNotNull());

        shop.resetRequests();
        ShopOutcome second = support.sync(id);
        assertThat(second.productsUnchanged()).isEqualTo(250);
        assertThat(second.productsNew() + second.productsChanged()).isZero();
        assertThat(SweepSupport.fullReads(shop)).isEmpty();
        assertThat(SweepSupport.wholePages(shop)).isEmpty();
        assertThat(SweepSupport.lightPages(shop)).hasSize(4); // 100, 100, 50, then the empty page
        // nothing moved a price: no computed price is asked (ADR 0025), so the pages differ from the first
        // sync's (which carried them) and the next sync's are answered 304
        assertThat(shop.requests()).noneMatch(r -> r.query().keySet().stream().anyMatch(k -> k.startsWith("price[")));
        assertThat(SweepSupport.to(shop, "combinations")).hasSize(3)
            .allSatisfy(r -> assertThat(r.query()).containsEntry("sort", "[id_ASC]").containsKey("filter[id_product]"));
        shop.resetRequests();
        assertThat(support.sync(id).productsUnchanged()).isEqualTo(250);
        assertThat(shop.requests()).filteredOn(r -> r.status() == 304).hasSize(3);
    }

    @Test
    void stockAndSpecificPricesReachUnchangedProductsWithoutReadingThemWhole() {
        SimShop shop = sim.generatedShop("sweep-b" + (++names), 120);
        long id = support.store(shop);
        support.sync(id);
        long comboOf20 = ((Number) support.variants(id, 20).get(1).get("shop_variant_id")).longValue();

        shop.catalog().setStock(3, 42).setSpecificPrice(5, new BigDecimal("0.5")).setStock(20, comboOf20, 0);
        shop.resetRequests();
        ShopOutcome outcome = support.sync(id);

        assertThat(SweepSupport.fullReads(shop)).isEmpty();
        assertThat(outcome.productsChanged()).isEqualTo(3);
        assertThat(support.product(id, 3)).containsEntry("quantity", 42);
        assertThat((BigDecimal) support.product(id, 5).get("price")).isLessThan((BigDecimal) support.product(id, 5)
            .get("regular_price"));
        assertThat(support.product(id, 5)).containsEntry("discount_percent", 50);
        assertThat(support.variants(id, 20).get(1)).containsEntry("quantity", 0);
    }

    @Test
    void aChangedProductIsReadWholeAloneAndAGoneOneIsDeactivatedAfterTheCompletePass() {
        SimShop shop = sim.generatedShop("sweep-c" + (++names), 120);
        long id = support.store(shop);
        support.sync(id);

        shop.catalog().setName(11, 2, "Nouveau nom").remove(12);
        shop.resetRequests();
        ShopOutcome outcome = support.sync(id);

        assertThat(SweepSupport.fullReads(shop)).singleElement().extracting(SimRequest::query)
            .satisfies(q -> assertThat(q).containsEntry("filter[id]", "[11]"));
        assertThat(outcome.productsChanged()).isEqualTo(1);
        assertThat(outcome.productsDeactivated()).isEqualTo(1);
        assertThat(support.product(id, 11)).containsEntry("name", "Nouveau nom");
        assertThat(support.product(id, 12)).containsEntry("active", false);

        shop.catalog().restore(12);
        support.sync(id);
        assertThat(support.product(id, 12)).containsEntry("active", true).containsEntry("deactivated_at", null);
    }

    @Test
    void theNextBatchIsAskedForWhileTheCurrentOneIsHandled() {
        SimShop shop = sim.generatedShop("sweep-d" + (++names), 100);
        ShopAccess access = new ShopAccess(shop.url(), ApiKey.of(shop.key()), ShopAccess.AuthMode.HEADER,
            ShopAccess.EntryPoint.REWRITE, null);
        ShopSyncContext sync = new ShopSyncContext(0, 0, "test", null, access);
        List<Long> ids = LongStream.rangeClosed(1, 100).boxed().toList();

        try (FullFetch.Batches batches = fetch.batches(new FetchPlan(ids, Map.of(), Map.of()), sync)) {
            CatalogPage first = batches.next();
            assertThat(first.products()).extracting(p -> p.longValue("id")).containsExactlyElementsOf(ids.subList(0, 20));
            // the caller has not asked for the second batch: it is on its way already
            await().atMost(Duration.ofSeconds(10)).until(() -> SweepSupport.fullReads(shop).size() == 2);
            assertThat(SweepSupport.fullReads(shop).get(1).query().get("filter[id]")).startsWith("[21|22|").endsWith("|40]");
            CatalogPage second = batches.next();
            assertThat(second.products()).extracting(p -> p.longValue("id")).containsExactlyElementsOf(ids.subList(20, 40));
        }
        assertThat(sync.meter().requests()).isBetween(2L, 3L);
    }

    /**
     * A first sync asks its next whole page while it prices and stores the current one (somarket.sync.read-ahead):
     * two requests at the shop at once, each page still asked once, the catalogue the same.
     */
    @Test
    void aFirstSyncAsksItsNextWholePageWhileItStoresTheCurrentOne() {
        SimShop shop = sim.generatedShop("ahead-a" + (++names), 100).latency(Duration.ofMillis(40));
        shop.catalog().setName(100, 2, "Le centième");
        long id = support.store(shop);
        sim.resetConcurrency();

        ShopOutcome outcome = support.sync(id);
        shop.latency(Duration.ZERO);

        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(outcome.productsNew()).isEqualTo(100);
        assertThat(sim.mostConcurrentRequests()).as("the next page on its way while one is stored").isEqualTo(2);
        assertThat(SweepSupport.wholePages(shop)).extracting(r -> r.query().get("filter[id]"))
            .hasSize(5).doesNotHaveDuplicates();
        assertThat(support.product(id, 100)).containsEntry("name", "Le centième");
    }

    /**
     * A page asked ahead is asked once, with no retry and nothing adapted on its thread: when it fails (a product
     * the shop cannot render), the sync asks it again itself and halves it down to that product, as for any page.
     */
    @Test
    void aPageAskedAheadThatFailsIsReadAgainTheUsualWay() {
        SimShop shop = sim.generatedShop("ahead-b" + (++names), 100);
        shop.failProducts(25);
        long id = support.store(shop);

        ShopOutcome outcome = support.sync(id);

        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.OK);
        assertThat(outcome.productsNew()).isEqualTo(99);
        assertThat(outcome.productsSkipped()).isEqualTo(1);
        assertThat(support.skippedDetail(outcome)).contains("#25");
        assertThat(SweepSupport.wholePages(shop)).filteredOn(r -> r.query().get("filter[id]").startsWith("[21|"))
            .as("the page of #25: ahead, then the sync's own try and its retries").hasSizeGreaterThan(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ?", Integer.class, id))
            .isEqualTo(99);
    }

    /** A shop past the row budget fails loudly, whether its sync is a first one (whole pages) or a later one. */
    @Test
    void aShopWithMoreProductsThanTheBudgetFailsAndStoresNothing() {
        SimShop shop = sim.generatedShop("budget" + (++names), 400);
        long id = support.store(shop);

        ShopOutcome outcome = support.sync(id);

        assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.FAILED);
        assertThat(outcome.errorDetail()).contains("lists more than 300 products");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE shop_id = ?", Integer.class, id)).isZero();
    }
}

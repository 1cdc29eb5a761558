package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import market.so.sync.catalog.ProductMapper;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.sim.SimRequest;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.ShopOutcome;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** A simulated shop stored as registered, synced through route {@code sync-shop}, and what it was asked. */
final class SweepSupport {

    private final ProducerTemplate camel;
    private final ShopRepository shops;
    private final KeyCipher cipher;
    private final JdbcTemplate jdbc;

    SweepSupport(ProducerTemplate camel, ShopRepository shops, KeyCipher cipher, JdbcTemplate jdbc) {
        this.camel = camel;
        this.shops = shops;
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    long store(SimShop shop) {
        ApiKey key = ApiKey.of(shop.key());
        return shops.insert(shop.url(), "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(shop.url(), key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), "8.1.2",
            shop.name(), "connected");
    }

    ShopOutcome sync(long shopId) {
        return camel.requestBodyAndHeader("direct:sync-shop", shopId, "syncTrigger", "test", ShopOutcome.class);
    }

    /** The requests of one resource, e.g. "products". */
    static List<SimRequest> to(SimShop shop, String resource) {
        return shop.requests().stream().filter(r -> r.path().equals("/api/" + resource)).toList();
    }

    /** Requests for products read whole: with the fields the mapper reads, or every field (the fallback). */
    static List<SimRequest> fullReads(SimShop shop) {
        return to(shop, "products").stream().filter(r -> ProductMapper.READ_DISPLAY.equals(r.query().get("display"))
            || "full".equals(r.query().get("display"))).toList();
    }

    /**
     * A first sync's sweep pages: read whole by id with the light fields and the ones the mapper reads (ADR 0029).
     */
    static List<SimRequest> wholePages(SimShop shop) {
        return to(shop, "products").stream().filter(r -> r.query().containsKey("filter[id]")
            && String.valueOf(r.query().get("display")).startsWith("[id,date_upd")
            && String.valueOf(r.query().get("display")).contains(",description,")).toList();
    }

    /** Pages of the minimal list (ids only, nothing rendered): where a first sync learns the ids of a light page. */
    static List<SimRequest> idPages(SimShop shop) {
        return to(shop, "products").stream().filter(r -> r.query().containsKey("limit") && !r.query().containsKey("display"))
            .toList();
    }

    /** The light sweep's pages (the syncs after the first). */
    static List<SimRequest> lightPages(SimShop shop) {
        return to(shop, "products").stream().filter(r -> r.query().containsKey("limit")
            && String.valueOf(r.query().get("display")).startsWith("[id,date_upd")
            && !String.valueOf(r.query().get("display")).contains(",description,")).toList();
    }

    /** What ops and the merchant are told of the products the sync skipped ({@code shop_sync.skipped_detail}). */
    String skippedDetail(ShopOutcome outcome) {
        return jdbc.queryForObject("SELECT skipped_detail FROM shop_sync WHERE id = ?", String.class, outcome.syncId());
    }

    Map<String, Object> product(long shopId, long productId) {
        return jdbc.queryForMap("SELECT * FROM product WHERE shop_id = ? AND shop_product_id = ?", shopId, productId);
    }

    List<Map<String, Object>> variants(long shopId, long productId) {
        return jdbc.queryForList("SELECT * FROM product_variant WHERE shop_id = ? AND shop_product_id = ? ORDER BY position",
            shopId, productId);
    }
}

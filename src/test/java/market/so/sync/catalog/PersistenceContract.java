package market.so.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.run.ShopOutcome;
import market.so.sync.run.ShopSyncRepository;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.shop.ShopStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the persistence layer must do on every database we support; run on H2 and on a real
 * PostgreSQL by the two subclasses.
 */
abstract class PersistenceContract {

    @Autowired ShopRepository shops;
    @Autowired ShopSyncRepository syncs;
    @Autowired ProductStore products;
    @Autowired KeyCipher cipher;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProductQueries listing;
    @Autowired CatalogVersions versions;

    private long newShop(String url) {
        ApiKey key = ApiKey.of("ABCDEFGHIJKLMNPQRSTUVWXYZ1234567");
        ShopAccess access = new ShopAccess(url, key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null);
        return shops.insert(url, "merchant@example.fr", cipher.encrypt(key), key.hint(), access, "8.1.2", "Demo", "connected");
    }

    private static ProductRow row(long id, String name, String price) {
        return new ProductRow(id, name, "desc", "REF-" + id, "", new BigDecimal(price), new BigDecimal(price), 0, "EUR",
            5, true, true, List.of("https://shop.example.fr/img/p/1/1-large_default.jpg"), "https://shop.example.fr/p",
            "p-" + id, 3L, List.of(2L, 3L), "2026-01-01 10:00:00");
    }

    @Test
    void storesAShopWithItsKeyEncryptedAndReadsItBack() {
        long id = newShop("https://contract-a.example.fr");
        var shop = shops.find(id).orElseThrow();
        assertThat(shop.status()).isEqualTo(ShopStatus.CONNECTED);
        assertThat(shop.encryptedKey()).startsWith("v1:").doesNotContain("ABCDEFGH");
        assertThat(cipher.decrypt(shop.encryptedKey()).reveal()).isEqualTo("ABCDEFGHIJKLMNPQRSTUVWXYZ1234567");
        assertThat(shops.findByUrl("https://contract-a.example.fr")).isPresent();
    }

    /**
     * The API's page of products is one statement (shop, total, products, variants), by page number or after a
     * cursor; the total is the count kept with the catalogue version. Same answer on both databases.
     */
    @Test
    void aPageOfProductsComesInOneStatementWithItsVariantsAndTheTotal() {
        long id = newShop("https://contract-listing.example.fr");
        ProductRow withVariants = new ProductRow(2, "Deux", "desc", "REF-2", "", new BigDecimal("10.00"), new BigDecimal("10.00"),
            0, "EUR", 5, true, true, List.of("https://shop.example.fr/2.jpg"), "https://shop.example.fr/p2", "p-2", 3L,
            List.of(2L, 3L), "2026-01-01 10:00:00", null, List.of(
                new VariantRow(8, "Taille: M", "R-8", "", 1, true, new BigDecimal("10.00"), new BigDecimal("10.00"), false, 1),
                new VariantRow(7, "Taille: S", "R-7", "", 1, true, new BigDecimal("10.00"), new BigDecimal("10.00"), true, 0)));
        products.upsertPage(List.of(row(1, "Un", "5.00"), withVariants, row(3, "Trois", "7.00")),
            new ShopSyncContext(id, 0, "test", null, null));
        long before = versions.current(id).orElseThrow().number();
        versions.moved(id);
        assertThat(versions.current(id).orElseThrow()).extracting(CatalogVersions.Version::number, CatalogVersions.Version::products).containsExactly(before + 1, 3L);
        assertThat(versions.current(id + 1000)).isEmpty();

        ProductQueries.Page first = listing.page(id, 0, 2).orElseThrow();
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.next()).isEqualTo(2L);
        assertThat(first.items()).extracting(ProductQueries.ProductView::shopProductId).containsExactly(1L, 2L);
        assertThat(first.items().get(1).variants()).extracting(ProductQueries.Variant::shopVariantId).containsExactly(7L, 8L);
        assertThat(first.items().get(0).variants()).isEmpty();
        assertThat(first.items().get(0).imageUrls()).isEqualTo("[\"https://shop.example.fr/img/p/1/1-large_default.jpg\"]");
        assertThat(listing.page(id, 1, 2).orElseThrow().items()).extracting(ProductQueries.ProductView::shopProductId)
            .containsExactly(3L);
        assertThat(listing.after(id, 0, 2).orElseThrow()).isEqualTo(new ProductQueries.Page(first.items(), null, 2, 3, 2L));
        ProductQueries.Page last = listing.after(id, 2, 2).orElseThrow();
        assertThat(last.items()).extracting(ProductQueries.ProductView::shopProductId).containsExactly(3L);
        assertThat(last.next()).isNull();
        assertThat(listing.after(id, Long.MAX_VALUE, 2).orElseThrow().items()).isEmpty();
        assertThat(listing.after(id + 1000, 0, 2)).isEmpty();
        ProductQueries.Page past = listing.page(id, 5, 2).orElseThrow();
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(3);
        assertThat(listing.page(id + 1000, 0, 2)).isEmpty();
    }

    @Test
    void aShopLeaseIsTakenOnceUntilReleased() {
        long id = newShop("https://contract-b.example.fr");
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5);
        assertThat(shops.tryLease(id, "node-1", until)).isTrue();
        assertThat(shops.tryLease(id, "node-2", until)).isFalse();
        shops.releaseLease(id, "node-1");
        assertThat(shops.tryLease(id, "node-2", until)).isTrue();
    }

    @Test
    void upsertsCountNewChangedUnchangedAndACompletePassDeactivatesTheMissing() {
        long id = newShop("https://contract-c.example.fr");
        ShopSyncContext first = context(id);
        products.upsertPage(List.of(row(1, "Chaise", "10.00"), row(2, "Table", "99.90"), row(3, "Lampe", "25.00")), first);
        products.deactivateMissing(first);
        assertThat(first.productsNew()).isEqualTo(3);
        assertThat(products.countListed(id)).isEqualTo(3);

        ShopSyncContext second = context(id);
        products.upsertPage(List.of(row(1, "Chaise", "10.00"), row(2, "Table", "89.90")), second);
        products.deactivateMissing(second);
        assertThat(second.productsUnchanged()).isEqualTo(1);
        assertThat(second.productsChanged()).isEqualTo(1);
        assertThat(second.productsDeactivated()).isEqualTo(1);
        assertThat(products.countListed(id)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT price FROM product WHERE shop_id = ? AND shop_product_id = 2",
            BigDecimal.class, id)).isEqualByComparingTo("89.90");
        assertThat(jdbc.queryForObject("SELECT deactivated_at IS NOT NULL FROM product WHERE shop_id = ? AND shop_product_id = 3",
            Boolean.class, id)).isTrue();

        ShopSyncContext third = context(id);
        products.upsertPage(List.of(row(1, "Chaise", "10.00"), row(2, "Table", "89.90"), row(3, "Lampe", "25.00")), third);
        products.deactivateMissing(third);
        assertThat(third.productsChanged()).isEqualTo(1); // the lamp is back
        assertThat(products.countListed(id)).isEqualTo(3);
    }

    @Test
    void recordsShopSyncOutcomes() {
        long id = newShop("https://contract-d.example.fr");
        long syncId = syncs.start(id, null, "api");
        syncs.finish(new ShopOutcome(id, syncId, null, ShopOutcome.Result.OK, null, null, 19, 19, 0, 0, 0, 8, 6, 120_000, 900));
        assertThat(jdbc.queryForObject("SELECT outcome FROM shop_sync WHERE id = ?", String.class, syncId)).isEqualTo("OK");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED", Integer.class)).isZero();
    }

    private ShopSyncContext context(long shopId) {
        return new ShopSyncContext(shopId, syncs.start(shopId, null, "test"), "test", null, null);
    }
}

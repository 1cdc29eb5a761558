package market.so.sync.mail;

import market.so.sync.run.ShopOutcome;
import market.so.sync.shop.Shop;
import market.so.sync.shop.ShopRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Nothing silent": when a shop has failed {@code somarket.sync.unreachable-after} syncs in a row, its merchant is
 * told why and what to fix, once per failure streak ({@code ShopSyncs.failed} decides when). Route
 * {@code merchant-notice} sends what this composes.
 */
@Component("merchantNotices")
public class MerchantNotices {

    private static final Logger LOG = LoggerFactory.getLogger(MerchantNotices.class);

    private final ShopRepository shops;
    private final ReplyComposer composer;

    public MerchantNotices(ShopRepository shops, ReplyComposer composer) {
        this.shops = shops;
        this.composer = composer;
    }

    /** The notice for the shop of a failed sync, or {@code null} when there is nobody to tell. */
    public Reply compose(ShopOutcome failedSync) {
        Shop shop = shops.find(failedSync.shopId()).orElse(null);
        if (shop == null || shop.contactEmail() == null || shop.contactEmail().isBlank()) {
            LOG.warn("shop {} keeps failing ({}), but has no contact address: nobody told", failedSync.shopId(),
                    shop == null ? "unknown shop" : shop.status());
            return null;
        }
        LOG.info("shop {} failed {} syncs in a row ({}): telling its merchant {}", shop.id(), shop.consecutiveFailures(),
                shop.status(), shop.contactEmail());
        return composer.forShopFailing(shop);
    }
}

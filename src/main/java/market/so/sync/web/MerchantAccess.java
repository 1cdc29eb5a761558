package market.so.sync.web;

import market.so.sync.shop.Shop;
import market.so.sync.shop.ShopRepository;
import org.springframework.stereotype.Component;

/** The shop a link opens, or why it opens nothing. */
@Component
public class MerchantAccess {

    private final MerchantLinks links;
    private final ShopRepository shops;

    public MerchantAccess(MerchantLinks links, ShopRepository shops) {
        this.links = links;
        this.shops = shops;
    }

    public MerchantLink link(String token) {
        return links.verify(token);
    }

    /** The shop of a shop link; null for a connect link (the caller sends the merchant to the connect page). */
    public Shop shopOf(MerchantLink link) {
        if (!link.forShop()) {
            return null;
        }
        return shops.find(link.shopId()).orElseThrow(() -> new LinkRefused(LinkRefused.Why.NO_SHOP, null));
    }

    /** A fresh link for a shop: after a connect link connected it, or in a reply. */
    public String tokenFor(long shopId) {
        return links.token(MerchantLink.Purpose.SHOP, shopId);
    }
}

package market.so.sync.catalog.price;

import java.time.LocalDateTime;

/**
 * Who the computed price is for: a visitor of the shop in its default country, currency and
 * customer group, now (in the shop's local time, as PrestaShop compares its from/to dates).
 */
public record PriceContext(long shopId, long currencyId, long countryId, long groupId, LocalDateTime now) {
}

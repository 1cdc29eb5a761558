package market.so.sync.api;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import market.so.sync.shop.Shop;

/** A shop as the API shows it: status and what to fix, never the key. */
public record ShopView(long id, String url, String status, String statusDetail, String guideStep,
                       List<String> missingResources, String shopName, String psVersion, String contactEmail,
                       String language, String currency, int productCount, OffsetDateTime lastSyncAt,
                       String lastSyncOutcome, OffsetDateTime lastSuccessAt, int consecutiveFailures, boolean paused,
                       OffsetDateTime createdAt) {

    static ShopView of(Shop s) {
        return new ShopView(s.id(), s.url(), s.status().name(), s.statusDetail(), s.status().guideStep(),
            s.missingResources() == null ? List.of() : Arrays.asList(s.missingResources().split(",")),
            s.shopName(), s.psVersion(), s.contactEmail(), s.languageIso(), s.currency(), s.productCount(),
            s.lastSyncAt(), s.lastSyncOutcome(), s.lastSuccessAt(), s.consecutiveFailures(), s.paused(), s.createdAt());
    }
}

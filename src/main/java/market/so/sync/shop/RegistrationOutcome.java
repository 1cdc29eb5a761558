package market.so.sync.shop;

import java.util.List;

public record RegistrationOutcome(Long shopId, String url, ShopStatus status, String statusDetail,
        List<String> missingResources, KeyChange keyChange, boolean newShop) {}

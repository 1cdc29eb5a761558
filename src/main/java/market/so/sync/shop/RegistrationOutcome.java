package market.so.sync.shop;

import java.util.List;

/**
 * The answer to a registration, for the REST caller and for the merchant's reply e-mail.
 * {@code shopId} is null when nothing was stored (bad address, or a new shop whose key was refused).
 */
public record RegistrationOutcome(Long shopId, String url, ShopStatus status, String statusDetail,
        List<String> missingResources, KeyChange keyChange, boolean newShop) {

    public RegistrationOutcome {
        missingResources = missingResources == null ? List.of() : List.copyOf(missingResources);
    }

    public boolean connected() {
        return status == ShopStatus.CONNECTED;
    }
}

package market.so.sync.shop;

import java.time.OffsetDateTime;
import market.so.sync.prestashop.ShopAccess;

/** A registered shop as stored; the key stays encrypted here and is only decrypted into a {@link ShopAccess}. */
public record Shop(
    long id,
    String url,
    String contactEmail,
    String encryptedKey,
    String keyHint,
    ShopAccess.AuthMode authMode,
    ShopAccess.EntryPoint entryPoint,
    String psVersion,
    String shopName,
    Integer idShop,
    ShopStatus status,
    String statusDetail,
    String missingResources,
    Integer languageId,
    String languageIso,
    String currency,
    int productCount,
    OffsetDateTime lastSyncAt,
    String lastSyncOutcome,
    OffsetDateTime lastSuccessAt,
    int consecutiveFailures,
    boolean paused,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

    @Override
    public String toString() {
        return "Shop[" + id + " " + url + " " + status + "]";
    }
}

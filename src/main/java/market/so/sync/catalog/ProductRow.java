package market.so.sync.catalog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** One product as So.market stores it, mapped from the shop's XML. */
public record ProductRow(
    long shopProductId,
    String name,
    String description,
    String reference,
    String ean13,
    BigDecimal price,
    BigDecimal regularPrice,
    Integer discountPercent,
    String currency,
    Integer quantity,
    boolean available,
    boolean listedByShop,
    List<String> imageUrls,
    String productUrl,
    String linkRewrite,
    Long defaultCategoryId,
    List<Long> shopCategoryIds,
    String shopDateUpd) {

    /** What changes when anything a shopper sees changes: unchanged products cost no write. */
    public String contentHash() {
        String canonical = String.join("\u0001", name, String.valueOf(description), String.valueOf(reference),
            String.valueOf(ean13), String.valueOf(price), String.valueOf(regularPrice), String.valueOf(discountPercent),
            String.valueOf(currency), String.valueOf(quantity), String.valueOf(available), String.valueOf(listedByShop),
            String.valueOf(imageUrls), String.valueOf(productUrl), String.valueOf(linkRewrite),
            String.valueOf(defaultCategoryId), String.valueOf(shopCategoryIds));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

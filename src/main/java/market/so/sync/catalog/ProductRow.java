package market.so.sync.catalog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One product as So.market stores it, mapped from the shop's XML, with its variants and its
 * So.market category code (null: not mapped yet, shown "à classer").
 */
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
    String shopDateUpd,
    String categoryCode,
    List<VariantRow> variants) {

    public ProductRow {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A product without variants and not mapped to a So.market category. */
    public ProductRow(long shopProductId, String name, String description, String reference, String ean13,
                      BigDecimal price, BigDecimal regularPrice, Integer discountPercent, String currency,
                      Integer quantity, boolean available, boolean listedByShop, List<String> imageUrls,
                      String productUrl, String linkRewrite, Long defaultCategoryId, List<Long> shopCategoryIds,
                      String shopDateUpd) {
        this(shopProductId, name, description, reference, ean13, price, regularPrice, discountPercent, currency,
            quantity, available, listedByShop, imageUrls, productUrl, linkRewrite, defaultCategoryId, shopCategoryIds,
            shopDateUpd, null, List.of());
    }

    public int variantCount() {
        return variants.size();
    }

    /** The lowest price a shopper can pay: the cheapest variant, or the product's price. */
    public BigDecimal priceMin() {
        return variants.stream().map(VariantRow::price).filter(Objects::nonNull).min(BigDecimal::compareTo).orElse(price);
    }

    public BigDecimal priceMax() {
        return variants.stream().map(VariantRow::price).filter(Objects::nonNull).max(BigDecimal::compareTo).orElse(price);
    }

    /** What changes when anything a shopper sees changes: unchanged products cost no write. */
    public String contentHash() {
        String canonical = String.join("\u0001", name, String.valueOf(description), String.valueOf(reference),
            String.valueOf(ean13), String.valueOf(price), String.valueOf(regularPrice), String.valueOf(discountPercent),
            String.valueOf(currency), String.valueOf(quantity), String.valueOf(available), String.valueOf(listedByShop),
            String.valueOf(imageUrls), String.valueOf(productUrl), String.valueOf(linkRewrite),
            String.valueOf(defaultCategoryId), String.valueOf(shopCategoryIds), String.valueOf(categoryCode),
            String.valueOf(variants));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

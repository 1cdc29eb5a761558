package market.so.sync.catalog;

import java.math.BigDecimal;
import java.util.List;

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
    List<VariantRow> variants,
    List<ProductText> texts) {

    public ProductRow {
        variants = variants == null ? List.of() : List.copyOf(variants);
        texts = texts == null ? List.of() : List.copyOf(texts);
    }

    /** A product with its texts in the shop's default language only. */
    public ProductRow(long shopProductId, String name, String description, String reference, String ean13,
                      BigDecimal price, BigDecimal regularPrice, Integer discountPercent, String currency,
                      Integer quantity, boolean available, boolean listedByShop, List<String> imageUrls,
                      String productUrl, String linkRewrite, Long defaultCategoryId, List<Long> shopCategoryIds,
                      String shopDateUpd, String categoryCode, List<VariantRow> variants) {
        this(shopProductId, name, description, reference, ean13, price, regularPrice, discountPercent, currency,
            quantity, available, listedByShop, imageUrls, productUrl, linkRewrite, defaultCategoryId, shopCategoryIds,
            shopDateUpd, categoryCode, variants, List.of());
    }

    /** A product without variants and not mapped to a So.market category. */
    public ProductRow(long shopProductId, String name, String description, String reference, String ean13,
                      BigDecimal price, BigDecimal regularPrice, Integer discountPercent, String currency,
                      Integer quantity, boolean available, boolean listedByShop, List<String> imageUrls,
                      String productUrl, String linkRewrite, Long defaultCategoryId, List<Long> shopCategoryIds,
                      String shopDateUpd) {
        this(shopProductId, name, description, reference, ean13, price, regularPrice, discountPercent, currency,
            quantity, available, listedByShop, imageUrls, productUrl, linkRewrite, defaultCategoryId, shopCategoryIds,
            shopDateUpd, null, List.of(), List.of());
    }

    public int variantCount() {
        return variants.size();
    }

    /** The part of the product that moves without its {@code date_upd}: see {@link ProductState}. */
    public ProductState state() {
        return new ProductState(price, regularPrice, discountPercent, quantity, available, listedByShop, variants);
    }

    public BigDecimal priceMin() {
        return state().priceMin();
    }

    public BigDecimal priceMax() {
        return state().priceMax();
    }

    public String stateHash() {
        return state().hash();
    }

    /**
     * What changes when the shop changed the product itself (name, text, pictures, categories...): only
     * read again when its {@code date_upd} moved. The moving part is in {@link #stateHash()}. The other
     * languages' texts count too (a translation edited is a product changed); without any, the hash is the one
     * it always was.
     */
    public String contentHash() {
        String others = texts.isEmpty() ? ""
            : "\u0001" + String.join("\u0001", texts.stream().map(ProductText::canonical).toList());
        return ProductState.sha256(String.join("\u0001", name, String.valueOf(description), String.valueOf(reference),
            String.valueOf(ean13), String.valueOf(currency), String.valueOf(imageUrls), String.valueOf(productUrl),
            String.valueOf(linkRewrite), String.valueOf(defaultCategoryId), String.valueOf(shopCategoryIds),
            String.valueOf(categoryCode), String.valueOf(shopDateUpd)) + others);
    }
}

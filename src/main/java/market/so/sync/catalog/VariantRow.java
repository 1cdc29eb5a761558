package market.so.sync.catalog;

import java.math.BigDecimal;

/** One combination of a product ("Taille : M, Couleur : Bleu") as So.market stores it. */
public record VariantRow(long shopVariantId, String attributes, String reference, String ean13, Integer quantity,
                         boolean available, BigDecimal price, BigDecimal regularPrice, boolean isDefault, int position) {
}

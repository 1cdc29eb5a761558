package market.so.sync.catalog;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * One combination of a product ("Taille : M, Couleur : Bleu") as So.market stores it. {@code labels}: its label
 * in the shop's other languages where it differs from the default one (iso code to label, docs/decisions/0026).
 */
public record VariantRow(long shopVariantId, String attributes, String reference, String ean13, Integer quantity,
                         boolean available, BigDecimal price, BigDecimal regularPrice, boolean isDefault, int position,
                         Map<String, String> labels) {

    public VariantRow {
        labels = labels == null || labels.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** A variant with its label in the default language only. */
    public VariantRow(long shopVariantId, String attributes, String reference, String ean13, Integer quantity,
                      boolean available, BigDecimal price, BigDecimal regularPrice, boolean isDefault, int position) {
        this(shopVariantId, attributes, reference, ean13, quantity, available, price, regularPrice, isDefault, position,
            Map.of());
    }

    /**
     * The text the state hash is made of (ProductState): the record's own form for the first ten components,
     * as before the labels existed, so that a variant without other labels hashes as it always did (no product
     * of a single-language shop reads as changed); the labels follow, in iso order, when there are any.
     */
    @Override
    public String toString() {
        return "VariantRow[shopVariantId=" + shopVariantId + ", attributes=" + attributes + ", reference=" + reference
            + ", ean13=" + ean13 + ", quantity=" + quantity + ", available=" + available + ", price=" + price
            + ", regularPrice=" + regularPrice + ", isDefault=" + isDefault + ", position=" + position
            + (labels.isEmpty() ? "" : ", labels=" + labels) + "]";
    }
}

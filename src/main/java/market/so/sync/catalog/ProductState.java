package market.so.sync.catalog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The part of a product that moves without its {@code date_upd} moving: prices (specific prices),
 * stock and availability, whether the shop lists it, and its variants (combination edits). Every sync
 * recomputes it for every product from the light sweep, the stock and the combinations, and writes it
 * only when its {@link #hash()} changed; the rest of the product is re-read only when the shop says
 * the product changed.
 */
public record ProductState(BigDecimal price, BigDecimal regularPrice, Integer discountPercent, Integer quantity,
                           boolean available, boolean listed, List<VariantRow> variants) {

    public ProductState {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    public BigDecimal priceMin() {
        return variants.stream().map(VariantRow::price).filter(Objects::nonNull).min(BigDecimal::compareTo).orElse(price);
    }

    public BigDecimal priceMax() {
        return variants.stream().map(VariantRow::price).filter(Objects::nonNull).max(BigDecimal::compareTo).orElse(price);
    }

    public String hash() {
        return sha256(String.join("\u0001", String.valueOf(price), String.valueOf(regularPrice),
            String.valueOf(discountPercent), String.valueOf(quantity), String.valueOf(available), String.valueOf(listed),
            String.valueOf(variants)));
    }

    /** Hex SHA-256 of a canonical text: the content hash of a row, and of a product's price inputs. */
    public static String sha256(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

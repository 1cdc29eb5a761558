package market.so.sync.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import market.so.sync.catalog.price.Prices;

/**
 * Computes a product's {@link ProductState} as the shop shows it: the prices the shop computed (or
 * ours, in fallback mode, from the base price and the combination's impact), the stock from
 * {@code stock_availables}, availability from the out-of-stock policy, and the variants. The same code
 * for a product read whole and for one only swept, so both give the same hash.
 */
public final class ProductStates {

    private ProductStates() {
    }

    public static ProductState of(LightProduct product, List<LightCombination> combinations, ShopSyncContext sync) {
        Prices prices = prices(product, null, sync);
        Integer quantity = sync.stock().quantity(product.id(), 0);
        List<VariantRow> variants = new ArrayList<>(combinations.size());
        int position = 0;
        for (LightCombination combination : combinations) {
            Prices variantPrices = prices(product, combination, sync);
            Integer variantQuantity = sync.stock().quantity(product.id(), combination.id());
            String label = sync.options().describe(combination.optionValueIds());
            variants.add(new VariantRow(combination.id(), label,
                combination.reference(), ProductMapper.ean13(combination.ean13()), variantQuantity,
                available(product, variantQuantity, sync), variantPrices.finalPrice(), variantPrices.regularPrice(),
                combination.defaultOn(), position++, otherLabels(label, combination, sync)));
        }
        return new ProductState(prices.finalPrice(), prices.regularPrice(),
            discountPercent(prices.finalPrice(), prices.regularPrice()), quantity, available(product, quantity, sync),
            product.listed(), variants);
    }

    /** The variant's label in each other language of the shop where it differs from the default one. */
    static Map<String, String> otherLabels(String label, LightCombination combination, ShopSyncContext sync) {
        if (sync.otherOptions().isEmpty()) {
            return Map.of();
        }
        Map<String, String> labels = new HashMap<>();
        sync.otherOptions().forEach((iso, names) -> {
            String other = names.describe(combination.optionValueIds());
            if (!other.equals(label)) {
                labels.put(iso, other);
            }
        });
        return labels;
    }

    /** The shop's own computed prices when it gave them, else ours (fallback mode). */
    static Prices prices(LightProduct product, LightCombination combination, ShopSyncContext sync) {
        String finalText = combination == null ? product.finalPrice() : combination.finalPrice();
        String regularText = combination == null ? product.regularPrice() : combination.regularPrice();
        BigDecimal finalPrice = money(finalText);
        if (finalPrice == null && sync.pricesComputedByUs()) {
            if (combination == null && (product.basePrice() == null || decimalOrNull(product.basePrice()) == null)) {
                return new Prices(null, null); // nothing to compute from: the product is skipped, never priced 0
            }
            return sync.computedPrices().of(product.id(), combination == null ? 0 : combination.id(),
                decimal(product.basePrice()), combination == null ? BigDecimal.ZERO : decimal(combination.impact()),
                product.taxGroup());
        }
        BigDecimal regularPrice = money(regularText);
        return new Prices(finalPrice, regularPrice == null ? finalPrice : regularPrice);
    }

    /** In stock, or orderable anyway (out_of_stock 1, or 2 with the shop's default allowing it). */
    static boolean available(LightProduct product, Integer quantity, ShopSyncContext sync) {
        if (!product.availableForOrder()) {
            return false;
        }
        if (quantity != null && quantity > 0) {
            return true;
        }
        int policy = sync.stock().outOfStockPolicy(product.id());
        return policy == 1 || (policy == 2 && sync.orderWhenOutOfStock());
    }

    static Integer discountPercent(BigDecimal finalPrice, BigDecimal regularPrice) {
        if (finalPrice == null || regularPrice == null || regularPrice.signum() <= 0
            || finalPrice.compareTo(regularPrice) >= 0) {
            return 0;
        }
        return BigDecimal.ONE.subtract(finalPrice.divide(regularPrice, 6, RoundingMode.HALF_UP))
            .movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValue();
    }

    static BigDecimal money(String value) {
        BigDecimal d = value == null ? null : decimalOrNull(value);
        return d == null ? null : d.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal decimal(String value) {
        BigDecimal d = value == null ? null : decimalOrNull(value);
        return d == null ? BigDecimal.ZERO : d;
    }

    private static BigDecimal decimalOrNull(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import market.so.sync.prestashop.sim.CatalogRows.SpecificPrice;

/**
 * The price PrestaShop computes for a {@code price[ALIAS]} virtual field, for the default customer:
 * base price (+ combination impact), the matching specific price's fixed price if any, tax of the
 * default country if asked, then the reduction (percentage of the taxed price, or an amount
 * adjusted for tax), rounded half-up to {@code decimals} and printed with six decimals.
 */
final class Pricing {

    static final long COUNTRY = 8;
    static final long CUSTOMER_GROUP = 3;

    private Pricing() {
    }

    /** Tax rate of a tax rule group in France: group 1 = 20 %, 2 = 10 %, 3 = 5.5 %. */
    static BigDecimal taxRate(long taxGroup) {
        return switch ((int) taxGroup) {
            case 1 -> new BigDecimal("0.20");
            case 2 -> new BigDecimal("0.10");
            case 3 -> new BigDecimal("0.055");
            default -> BigDecimal.ZERO;
        };
    }

    static String compute(PriceSpec spec, BigDecimal basePrice, long taxGroup, long attributeId, BigDecimal impact,
                          List<SpecificPrice> candidates, String now) {
        SpecificPrice specific = best(candidates, attributeId, now);
        BigDecimal price = basePrice;
        if (specific != null && specific.price().signum() >= 0) {
            price = specific.price();
            if (specific.attributeId() == 0) {
                price = price.add(impact);
            }
        } else {
            price = price.add(impact);
        }
        BigDecimal taxFactor = BigDecimal.ONE.add(taxRate(taxGroup));
        if (spec.useTax()) {
            price = price.multiply(taxFactor);
        }
        BigDecimal reduction = BigDecimal.ZERO;
        if (specific != null && (spec.useReduction() || spec.onlyReduction())) {
            reduction = reduction(specific, price, spec.useTax(), taxFactor);
        }
        if (spec.onlyReduction()) {
            return CatalogRows.money(reduction.setScale(spec.decimals(), RoundingMode.HALF_UP));
        }
        if (spec.useReduction()) {
            price = price.subtract(reduction);
        }
        price = price.setScale(Math.max(0, spec.decimals()), RoundingMode.HALF_UP);
        return CatalogRows.money(price.signum() < 0 ? BigDecimal.ZERO : price);
    }

    private static BigDecimal reduction(SpecificPrice specific, BigDecimal price, boolean useTax, BigDecimal taxFactor) {
        if (!specific.reductionType().equals("amount")) {
            return price.multiply(specific.reduction());
        }
        BigDecimal amount = specific.reduction();
        if (!useTax && specific.reductionTax()) {
            return amount.divide(taxFactor, 10, RoundingMode.HALF_UP);
        }
        return useTax && !specific.reductionTax() ? amount.multiply(taxFactor) : amount;
    }

    /** The most specific row for one unit bought by a guest of the default shop, currency and country. */
    private static SpecificPrice best(List<SpecificPrice> candidates, long attributeId, String now) {
        return candidates.stream()
                .filter(p -> p.attributeId() == 0 || p.attributeId() == attributeId)
                .filter(p -> p.idCart() == 0 && p.idCustomer() == 0 && p.fromQuantity() <= 1)
                .filter(p -> p.idShop() == 0 || p.idShop() == 1)
                .filter(p -> p.idCurrency() == 0 || p.idCurrency() == 1)
                .filter(p -> p.idCountry() == 0 || p.idCountry() == COUNTRY)
                .filter(p -> p.idGroup() == 0 || p.idGroup() == CUSTOMER_GROUP)
                .filter(p -> inRange(p, now))
                .max(Comparator.comparingInt(Pricing::score))
                .orElse(null);
    }

    private static int score(SpecificPrice p) {
        return (p.attributeId() != 0 ? 8 : 0) + (p.productId() != 0 ? 4 : 0) + (p.idCountry() != 0 ? 2 : 0)
                + (p.idGroup() != 0 ? 1 : 0);
    }

    private static boolean inRange(SpecificPrice p, String now) {
        boolean started = p.from().startsWith("0000") || p.from().compareTo(now) <= 0;
        boolean notEnded = p.to().startsWith("0000") || p.to().compareTo(now) >= 0;
        return started && notEnded;
    }
}

package market.so.sync.catalog.price;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Our own price computation, for shops whose webservice refuses the {@code price[...]} virtual
 * fields (old versions): the price a visitor pays, tax included, from the base price (tax excluded),
 * a combination's impact, the tax rate of the shop's country and the specific prices. It follows
 * PrestaShop's documented rules - a price of -1 keeps the base price, a percentage or an amount
 * (tax included or not) is taken off the price tax included, only rows for every shopper, valid
 * now, count - and picks among several matching rows the way PrestaShop orders them with its
 * default priorities (combination first, manual rows before catalogue rules, then shop, currency,
 * country, group). Group discounts and eco-tax are not applied (see docs/catalog.md).
 */
@Component
public class SpecificPriceCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The row PrestaShop would apply for that product and combination, among rows of that product and of "all". */
    public Optional<SpecificPrice> choose(List<SpecificPrice> rows, long productId, long attributeId, PriceContext ctx) {
        return rows.stream()
            .filter(r -> r.productId() == 0 || r.productId() == productId)
            .filter(r -> r.attributeId() == 0 || r.attributeId() == attributeId)
            .filter(r -> applies(r, ctx))
            .min(Comparator.comparingLong((SpecificPrice r) -> -r.attributeId())
                .thenComparingInt(r -> -r.fromQuantity())
                .thenComparingLong(SpecificPrice::ruleId)
                .thenComparingInt(r -> -score(r))
                .thenComparing(SpecificPrice::to, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(SpecificPrice::from, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparingLong(r -> -r.productId())
                .thenComparingLong(SpecificPrice::id));
    }

    /** True for a row that a visitor of the shop's default country, currency and group gets now. */
    public boolean applies(SpecificPrice r, PriceContext ctx) {
        return r.isForEveryShopper() && r.isCurrent(ctx.now())
            && (r.shopId() == 0 || r.shopId() == ctx.shopId())
            && (r.currencyId() == 0 || r.currencyId() == ctx.currencyId())
            && (r.countryId() == 0 || r.countryId() == ctx.countryId())
            && (r.groupId() == 0 || r.groupId() == ctx.groupId());
    }

    /**
     * Final and regular price, tax included, rounded to cents.
     *
     * @param baseTaxExcluded the product's {@code price}
     * @param impactTaxExcluded the combination's {@code price} (its impact), zero for a product
     * @param taxRatePercent e.g. 20 for 20 %; zero when the shop shows prices without tax
     * @param chosen the applicable specific price, or null
     */
    public Prices price(BigDecimal baseTaxExcluded, BigDecimal impactTaxExcluded, BigDecimal taxRatePercent,
                        SpecificPrice chosen) {
        BigDecimal price = chosen == null || chosen.keepsBasePrice() ? baseTaxExcluded : chosen.price();
        if (chosen == null || chosen.attributeId() == 0 || chosen.keepsBasePrice()) {
            price = price.add(impactTaxExcluded);
        }
        BigDecimal taxFactor = BigDecimal.ONE.add(taxRatePercent.divide(HUNDRED, 10, RoundingMode.HALF_UP));
        BigDecimal regular = price.multiply(taxFactor);
        BigDecimal reduction = BigDecimal.ZERO;
        if (chosen != null && chosen.reduction().signum() > 0) {
            reduction = chosen.percentage() ? regular.multiply(chosen.reduction())
                : chosen.reductionTaxIncluded() ? chosen.reduction() : chosen.reduction().multiply(taxFactor);
        }
        BigDecimal finalPrice = regular.subtract(reduction).max(BigDecimal.ZERO);
        return new Prices(cents(finalPrice), cents(regular));
    }

    public Prices price(List<SpecificPrice> rows, long productId, long attributeId, BigDecimal baseTaxExcluded,
                        BigDecimal impactTaxExcluded, BigDecimal taxRatePercent, PriceContext ctx) {
        return price(baseTaxExcluded, impactTaxExcluded, taxRatePercent,
            choose(rows, productId, attributeId, ctx).orElse(null));
    }

    /** PrestaShop's default priorities id_shop > id_currency > id_country > id_group, as weights. */
    private static int score(SpecificPrice r) {
        return (r.shopId() != 0 ? 8 : 0) + (r.currencyId() != 0 ? 4 : 0) + (r.countryId() != 0 ? 2 : 0)
            + (r.groupId() != 0 ? 1 : 0);
    }

    static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}

package market.so.sync.catalog.price;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one sync needs to compute prices itself (fallback mode): tax rates of the shop's
 * country, the specific prices that concern a visitor (grouped by product; product 0 = every
 * product), and who the visitor is. Built once per sync by {@link FallbackPricing}.
 */
public final class ComputedPrices {

    private final SpecificPriceCalculator calculator;
    private final TaxRates taxes;
    private final boolean taxIncluded;
    private final Map<Long, List<SpecificPrice>> byProduct;
    private final PriceContext context;

    public ComputedPrices(SpecificPriceCalculator calculator, TaxRates taxes, boolean taxIncluded,
                          Map<Long, List<SpecificPrice>> byProduct, PriceContext context) {
        this.calculator = calculator;
        this.taxes = taxes;
        this.taxIncluded = taxIncluded;
        this.byProduct = byProduct;
        this.context = context;
    }

    /** Prices of a product (attributeId 0, no impact) or of one of its combinations. */
    public Prices of(long productId, long attributeId, BigDecimal baseTaxExcluded, BigDecimal impactTaxExcluded,
                     Long taxRulesGroupId) {
        List<SpecificPrice> rows = new ArrayList<>(byProduct.getOrDefault(productId, List.of()));
        rows.addAll(byProduct.getOrDefault(0L, List.of()));
        BigDecimal rate = taxIncluded ? taxes.rate(taxRulesGroupId) : BigDecimal.ZERO;
        return calculator.price(rows, productId, attributeId, baseTaxExcluded == null ? BigDecimal.ZERO : baseTaxExcluded,
            impactTaxExcluded == null ? BigDecimal.ZERO : impactTaxExcluded, rate, context);
    }
}

package market.so.sync.catalog.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.catalog.Recorded;
import org.junit.jupiter.api.Test;

/** Our fallback prices, on the demo shop's recorded specific prices (20 % off products 1 and 2). */
class SpecificPriceCalculatorTest {

    private static final PriceContext VISITOR = new PriceContext(1, 1, 8, 3, LocalDateTime.of(2026, 11, 28, 15, 0));
    private static final BigDecimal TVA = new BigDecimal("20");

    private final SpecificPriceCalculator calculator = new SpecificPriceCalculator();
    private final List<SpecificPrice> recorded = Recorded.rows("specific_prices_full.xml").stream()
        .map(SpecificPrice::of).toList();

    @Test
    void readsTheRecordedRows() {
        assertThat(recorded).hasSize(2);
        SpecificPrice first = recorded.get(0);
        assertThat(first.productId()).isEqualTo(1);
        assertThat(first.keepsBasePrice()).isTrue();
        assertThat(first.percentage()).isTrue();
        assertThat(first.reduction()).isEqualByComparingTo("0.2");
        assertThat(first.from()).isNull();
        assertThat(first.to()).isNull();
        assertThat(first.isForEveryShopper()).isTrue();
    }

    @Test
    void product1IsTwentyPercentOffItsPriceWithVat() {
        Prices prices = calculator.price(recorded, 1, 0, new BigDecimal("23.900000"), BigDecimal.ZERO, TVA, VISITOR);
        assertThat(prices.regularPrice()).isEqualByComparingTo("28.68");
        assertThat(prices.finalPrice()).isEqualByComparingTo("22.94");
    }

    @Test
    void aProductWithoutSpecificPriceKeepsItsPriceWithVat() {
        Prices prices = calculator.price(recorded, 3, 0, new BigDecimal("29.000000"), BigDecimal.ZERO, TVA, VISITOR);
        assertThat(prices.finalPrice()).isEqualByComparingTo("34.80");
        assertThat(prices.regularPrice()).isEqualByComparingTo("34.80");
    }

    @Test
    void aCombinationAddsItsImpactBeforeTheReduction() {
        Prices prices = calculator.price(recorded, 1, 3, new BigDecimal("23.90"), new BigDecimal("5.00"), TVA, VISITOR);
        assertThat(prices.regularPrice()).isEqualByComparingTo("34.68");
        assertThat(prices.finalPrice()).isEqualByComparingTo("27.74");
    }

    @Test
    void cartCustomerAndQuantityRowsAreNotTheShopWindowPrice() {
        List<SpecificPrice> rows = List.of(
            row(10, 3, "-1", "0.5", true, "percentage", 0, 7, 1, null, null),
            row(11, 3, "-1", "0.5", true, "percentage", 0, 0, 5, null, null),
            row(12, 3, "-1", "0.5", true, "percentage", 9, 0, 1, null, null));
        Prices prices = calculator.price(rows, 3, 0, new BigDecimal("29"), BigDecimal.ZERO, TVA, VISITOR);
        assertThat(prices.finalPrice()).isEqualByComparingTo("34.80");
    }

    @Test
    void datesBoundTheReduction() {
        SpecificPrice ended = row(20, 3, "-1", "0.5", true, "percentage", 0, 0, 1, "2026-01-01 00:00:00", "2026-02-01 00:00:00");
        SpecificPrice future = row(21, 3, "-1", "0.5", true, "percentage", 0, 0, 1, "2027-01-01 00:00:00", null);
        SpecificPrice current = row(22, 3, "-1", "0.1", true, "percentage", 0, 0, 1, "2026-11-01 00:00:00", "2026-12-01 00:00:00");
        assertThat(calculator.price(List.of(ended, future), 3, 0, new BigDecimal("29"), BigDecimal.ZERO, TVA, VISITOR)
            .finalPrice()).isEqualByComparingTo("34.80");
        assertThat(calculator.price(List.of(ended, future, current), 3, 0, new BigDecimal("29"), BigDecimal.ZERO, TVA, VISITOR)
            .finalPrice()).isEqualByComparingTo("31.32");
    }

    @Test
    void anAmountIsTakenOffTaxIncludedOrGrossedUpWhenTaxExcluded() {
        SpecificPrice taxIncluded = row(30, 3, "-1", "5.000000", true, "amount", 0, 0, 1, null, null);
        SpecificPrice taxExcluded = row(31, 3, "-1", "5.000000", false, "amount", 0, 0, 1, null, null);
        assertThat(calculator.price(List.of(taxIncluded), 3, 0, new BigDecimal("29"), BigDecimal.ZERO, TVA, VISITOR)
            .finalPrice()).isEqualByComparingTo("29.80");
        assertThat(calculator.price(List.of(taxExcluded), 3, 0, new BigDecimal("29"), BigDecimal.ZERO, TVA, VISITOR)
            .finalPrice()).isEqualByComparingTo("28.80");
    }

    @Test
    void aFixedPriceReplacesTheBasePriceAndIsTheRegularPriceToo() {
        SpecificPrice fixed = row(40, 3, "20.000000", "0", true, "amount", 0, 0, 1, null, null);
        Prices prices = calculator.price(List.of(fixed), 3, 0, new BigDecimal("29"), BigDecimal.ZERO, TVA, VISITOR);
        assertThat(prices.finalPrice()).isEqualByComparingTo("24.00");
        assertThat(prices.regularPrice()).isEqualByComparingTo("24.00");
    }

    @Test
    void theMostSpecificRowWins() {
        SpecificPrice everyProduct = row(50, 0, "-1", "0.1", true, "percentage", 0, 0, 1, null, null);
        SpecificPrice thisProduct = row(51, 3, "-1", "0.3", true, "percentage", 0, 0, 1, null, null);
        SpecificPrice otherCountry = withCountry(row(52, 3, "-1", "0.5", true, "percentage", 0, 0, 1, null, null), 21);
        SpecificPrice ourCountry = withCountry(row(53, 3, "-1", "0.4", true, "percentage", 0, 0, 1, null, null), 8);
        List<SpecificPrice> rows = List.of(everyProduct, thisProduct, otherCountry);
        assertThat(calculator.choose(rows, 3, 0, VISITOR)).get().extracting(SpecificPrice::id).isEqualTo(51L);
        List<SpecificPrice> more = new ArrayList<>(rows);
        more.add(ourCountry);
        assertThat(calculator.choose(more, 3, 0, VISITOR)).get().extracting(SpecificPrice::id).isEqualTo(53L);
        assertThat(calculator.choose(List.of(everyProduct), 4, 0, VISITOR)).get().extracting(SpecificPrice::id).isEqualTo(50L);
    }

    @Test
    void neverBelowZero() {
        SpecificPrice huge = row(60, 3, "-1", "100", true, "amount", 0, 0, 1, null, null);
        assertThat(calculator.price(List.of(huge), 3, 0, new BigDecimal("29"), BigDecimal.ZERO, TVA, VISITOR)
            .finalPrice()).isEqualByComparingTo("0.00");
    }

    @Test
    void taxRatesOfTheShopsCountryFromTaxRulesAndTaxes() {
        TaxRates rates = TaxRates.of(Recorded.rows("tax_rules_fr.xml"), Recorded.rows("taxes.xml"), 8);
        assertThat(rates.rate(1L)).isEqualByComparingTo("20");
        assertThat(rates.rate(2L)).isEqualByComparingTo("10");
        assertThat(rates.rate(3L)).isEqualByComparingTo("5.5");
        assertThat(rates.rate(99L)).isEqualByComparingTo("0");
        assertThat(TaxRates.of(Recorded.rows("tax_rules_fr.xml"), Recorded.rows("taxes.xml"), 21).rate(1L))
            .isEqualByComparingTo("0");
    }

    private static SpecificPrice row(long id, long product, String price, String reduction, boolean taxIncluded,
                                     String type, long cart, long customer, int fromQuantity, String from, String to) {
        return new SpecificPrice(id, product, 0, 0, 0, 0, 0, cart, customer, 0, new BigDecimal(price), fromQuantity,
            new BigDecimal(reduction), taxIncluded, !"amount".equals(type), SpecificPrice.date(from), SpecificPrice.date(to));
    }

    private static SpecificPrice withCountry(SpecificPrice r, long country) {
        return new SpecificPrice(r.id(), r.productId(), r.attributeId(), r.shopId(), r.currencyId(), country, r.groupId(),
            r.cartId(), r.customerId(), r.ruleId(), r.price(), r.fromQuantity(), r.reduction(), r.reductionTaxIncluded(),
            r.percentage(), r.from(), r.to());
    }
}

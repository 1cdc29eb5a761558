package market.so.sync.catalog.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.LightProduct;
import org.junit.jupiter.api.Test;

/**
 * When the shop prices a combination as its product (docs/decisions/0030): PrestaShop's product price takes its default
 * combination's impact and ecotax (the combination's when above zero, else the product's) and the specific prices that
 * name no combination.
 */
class PricedAsProductTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 7, 12, 0);

    @Test
    void sameImpactAndEcotaxAsTheDefaultAndNamedByNoSpecificPrice() {
        LightCombination standard = combination(1, true, "0.000000", "0.000000");
        LightCombination same = combination(2, false, "0", "0.000000");
        LightCombination dearer = combination(3, false, "2.500000", "0.000000");
        List<LightCombination> own = List.of(standard, same, dearer);
        PriceInputs inputs = inputs(Set.of(), Map.of(), false);

        assertThat(inputs.pricedAsProduct(10, standard, own)).isTrue();
        assertThat(inputs.pricedAsProduct(10, same, own)).isTrue();
        assertThat(inputs.pricedAsProduct(10, dearer, own)).isFalse();
        assertThat(inputs(Set.of(2L), Map.of(), false).pricedAsProduct(10, same, own)).as("named by a specific price").isFalse();
        assertThat(inputs(Set.of(1L), Map.of(), false).pricedAsProduct(10, standard, own))
            .as("the default one, named: the product's price does not carry it").isFalse();
        assertThat(inputs(Set.of(), Map.of(), true).pricedAsProduct(10, same, own)).as("combination feature off").isFalse();
    }

    @Test
    void theEcotaxThatCountsIsTheCombinationsWhenAboveZeroElseTheProducts() {
        LightCombination standard = combination(1, true, "0", "0.000000");
        List<LightCombination> own = List.of(standard, combination(2, false, "0", "-1.000000"),
            combination(3, false, "0", "0.500000"), combination(4, false, "0", null));
        PriceInputs inputs = inputs(Set.of(), Map.of(), false);

        assertThat(inputs.pricedAsProduct(10, own.get(1), own)).as("not above zero: the product's, as the default").isTrue();
        assertThat(inputs.pricedAsProduct(10, own.get(2), own)).as("its own ecotax").isFalse();
        assertThat(inputs.pricedAsProduct(10, own.get(3), own)).as("ecotax not read").isFalse();

        List<LightCombination> bothTaxed = List.of(combination(1, true, "0", "0.5"), combination(2, false, "0", "0.500000"),
            combination(3, false, "0", "0.000000"));
        assertThat(inputs.pricedAsProduct(10, bothTaxed.get(1), bothTaxed)).isTrue();
        assertThat(inputs.pricedAsProduct(10, bothTaxed.get(2), bothTaxed)).isFalse();
    }

    @Test
    void noneWithoutExactlyOneDefaultOrNearASpecificPricesDate() {
        LightCombination a = combination(1, false, "0", "0");
        LightCombination b = combination(2, false, "0", "0");
        assertThat(inputs(Set.of(), Map.of(), false).pricedAsProduct(10, b, List.of(a, b))).as("no default").isFalse();
        LightCombination c = combination(3, true, "0", "0");
        LightCombination d = combination(4, true, "0", "0");
        assertThat(inputs(Set.of(), Map.of(), false).pricedAsProduct(10, c, List.of(c, d))).as("two defaults").isFalse();

        List<LightCombination> own = List.of(c, b);
        Map<Long, List<String>> ending = Map.of(10L, List.of("0000-00-00 00:00:00", "2026-12-07 14:00:00"));
        assertThat(inputs(Set.of(), ending, false).pricedAsProduct(10, b, own)).as("its specific price ends soon").isFalse();
        assertThat(inputs(Set.of(), ending, false).pricedAsProduct(20, b, own)).as("another product's").isTrue();
    }

    @Test
    void turningTheCombinationFeatureOffOrOnAgainChangesTheFingerprint() {
        LightProduct product = new LightProduct(10, "2026-12-01 10:00:00", true, true, null, null, "12.500000", 1L,
            true, "", null, null);
        List<LightCombination> own = List.of(combination(1, true, "0", "0"), combination(2, false, "1.000000", "0"));

        String on = inputs(Set.of(), Map.of(), false).fingerprint(product, own);
        String off = inputs(Set.of(), Map.of(), true).fingerprint(product, own);

        assertThat(off).isNotEqualTo(on);
        assertThat(inputs(Set.of(), Map.of(), false).fingerprint(product, own)).isEqualTo(on);
        assertThat(inputs(Set.of(), Map.of(), true).fingerprint(product, own)).isEqualTo(off);
    }

    private static PriceInputs inputs(Set<Long> named, Map<Long, List<String>> dates, boolean featureOff) {
        return new PriceInputs(Map.of(), dates, Map.of(), named, featureOff, "PS_TAX=1;", NOW, Duration.ofHours(15));
    }

    private static LightCombination combination(long id, boolean defaultOn, String impact, String ecotax) {
        return new LightCombination(id, 10, "REF-" + id, "", defaultOn, List.of(), null, null, impact, ecotax);
    }
}

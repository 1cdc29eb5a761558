package market.so.sync.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import market.so.sync.demo.WsObject.Field;

/**
 * The {@code price[alias]} virtual fields PrestaShop computes for a visitor: base price plus the
 * combination's impact (the default combination's for a product), tax of the shop's country when
 * {@code use_tax}, minus the product's percentage discount when {@code use_reduction}, rounded half-up to
 * {@code decimals} (2 unless asked: PrestaShop's PS_PRICE_ROUND_MODE quirk) and printed with six decimals.
 */
final class DemoPrices {

    private final DemoCatalogue catalogue;

    DemoPrices(DemoCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<Field> fields(String resource, long id, List<WsQuery.Price> prices) {
        if (prices.isEmpty()) {
            return List.of();
        }
        long productId = id;
        Long attribute = null;
        if (resource.equals("combinations")) {
            DemoCatalogue.Combination combination = catalogue.combinations.get(id);
            productId = combination.productId();
            attribute = id;
        }
        DemoCatalogue.Facts facts = catalogue.facts.get(productId);
        List<Field> fields = new ArrayList<>();
        for (WsQuery.Price price : prices) {
            long combination = attribute != null ? attribute
                : price.productAttribute() != null ? price.productAttribute() : facts.defaultCombination();
            DemoCatalogue.Combination row = catalogue.combinations.get(combination);
            BigDecimal impact = row != null && row.productId() == productId ? row.impact() : BigDecimal.ZERO;
            fields.add(new Field(price.alias(), compute(price, facts, impact), null, null, false));
        }
        return fields;
    }

    static String compute(WsQuery.Price spec, DemoCatalogue.Facts facts, BigDecimal impact) {
        BigDecimal price = facts.basePrice().add(impact);
        if (spec.useTax()) {
            price = price.multiply(BigDecimal.ONE.add(facts.taxRate()));
        }
        BigDecimal reduction = price.multiply(facts.discount());
        if (spec.onlyReduction()) {
            price = reduction;
        } else if (spec.useReduction()) {
            price = price.subtract(reduction);
        }
        return DemoObjects.money(price.setScale(Math.max(0, spec.decimals()), RoundingMode.HALF_UP));
    }
}

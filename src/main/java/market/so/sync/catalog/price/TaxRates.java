package market.so.sync.catalog.price;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * The tax rate of each tax rule group in the shop's default country, from {@code tax_rules} (rows of
 * the whole country: id_state 0) and {@code taxes}. Several rules in one group follow their
 * {@code behavior}: 1 adds the rates, 2 applies them one after another, 0 keeps the first alone.
 */
public final class TaxRates {

    private final Map<Long, BigDecimal> byGroup;

    public TaxRates(Map<Long, BigDecimal> byGroup) {
        this.byGroup = Map.copyOf(byGroup);
    }

    /** The rate in percent (20 for 20 %), zero for a group without a rule in the country. */
    public BigDecimal rate(Long taxRulesGroupId) {
        return taxRulesGroupId == null ? BigDecimal.ZERO : byGroup.getOrDefault(taxRulesGroupId, BigDecimal.ZERO);
    }

    public static TaxRates of(List<XmlNode> rules, List<XmlNode> taxes, long countryId) {
        Map<Long, BigDecimal> rates = new HashMap<>();
        for (XmlNode tax : taxes) {
            Long id = tax.longValue("id");
            String rate = tax.value("rate");
            if (id != null && rate != null && tax.flag("active", true) && !tax.flag("deleted", false)) {
                rates.put(id, new BigDecimal(rate));
            }
        }
        Map<Long, List<XmlNode>> byGroup = new LinkedHashMap<>();
        for (XmlNode rule : rules) {
            Long country = rule.longValue("id_country");
            Long state = rule.longValue("id_state");
            Long group = rule.longValue("id_tax_rules_group");
            if (group != null && country != null && country == countryId && (state == null || state == 0)) {
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(rule);
            }
        }
        Map<Long, BigDecimal> result = new HashMap<>();
        byGroup.forEach((group, groupRules) -> result.put(group, combine(groupRules, rates)));
        return new TaxRates(result);
    }

    private static BigDecimal combine(List<XmlNode> rules, Map<Long, BigDecimal> rates) {
        Long behavior = rules.get(0).longValue("behavior");
        if (behavior == null || behavior == 0 || rules.size() == 1) {
            return rates.getOrDefault(rules.get(0).longValue("id_tax"), BigDecimal.ZERO);
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal factor = BigDecimal.ONE;
        for (XmlNode rule : rules) {
            BigDecimal rate = rates.getOrDefault(rule.longValue("id_tax"), BigDecimal.ZERO);
            total = total.add(rate);
            factor = factor.multiply(BigDecimal.ONE.add(rate.movePointLeft(2)));
        }
        return behavior == 2 ? factor.subtract(BigDecimal.ONE).movePointRight(2) : total;
    }
}

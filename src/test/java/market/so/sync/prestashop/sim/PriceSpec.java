package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One virtual price field asked for with {@code price[ALIAS][option]=value}. Defaults are
 * PrestaShop's: tax per {@code PS_TAX} (on), reductions on, and {@code decimals} taken from
 * {@code PS_PRICE_ROUND_MODE} (2, a real PrestaShop quirk) so a client that forgets
 * {@code decimals=6} gets cents, as it would on a real shop.
 */
record PriceSpec(String alias, boolean useTax, boolean useReduction, boolean onlyReduction, int decimals,
                 Long productAttribute) {

    private static final Pattern PRICE = Pattern.compile("price\\[([^\\]]+)\\]\\[([^\\]]+)\\]");

    static List<PriceSpec> parse(Map<String, String> params) {
        Map<String, Map<String, String>> byAlias = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            Matcher m = PRICE.matcher(param.getKey());
            if (m.matches()) {
                byAlias.computeIfAbsent(m.group(1), a -> new LinkedHashMap<>()).put(m.group(2), param.getValue());
            }
        }
        List<PriceSpec> specs = new ArrayList<>();
        byAlias.forEach((alias, options) -> specs.add(new PriceSpec(alias,
                flag(options.get("use_tax"), true),
                flag(options.get("use_reduction"), true),
                flag(options.get("only_reduction"), false),
                number(options.get("decimals"), 2),
                options.containsKey("product_attribute") ? (long) number(options.get("product_attribute"), 0) : null)));
        return specs;
    }

    private static boolean flag(String value, boolean fallback) {
        return value == null ? fallback : !value.trim().equals("0") && !value.trim().isEmpty();
    }

    private static int number(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw WsError.badRequest(63, "Invalid price parameter value: " + value);
        }
    }
}

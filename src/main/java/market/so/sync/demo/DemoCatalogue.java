package market.so.sync.demo;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The demo shop's catalogue ({@code demo/catalogue.yaml}) turned into PrestaShop 8.1.2 tables: products,
 * combinations, stock rows, specific prices, categories, option groups and values, and the reference
 * tables a sync reads (languages, currency, configuration, image types). {@link DemoObjects} builds each
 * object field by field in PrestaShop's order.
 */
final class DemoCatalogue {

    /** What one product needs to compute its prices and draw its pictures. */
    record Facts(long id, BigDecimal basePrice, BigDecimal taxRate, BigDecimal discount, long defaultCombination,
                 String name, String colour, String rewrite) {
    }

    record Combination(long id, long productId, BigDecimal impact) {
    }

    /** One product picture: the product, its place among the product's pictures. */
    record Picture(long id, long productId, int index) {
    }

    record Table(String resource, String element, List<WsObject> rows, boolean priced) {
    }

    final String shopName;
    final Map<String, Table> tables = new LinkedHashMap<>();
    final Map<Long, Facts> facts = new LinkedHashMap<>();
    final Map<Long, Combination> combinations = new LinkedHashMap<>();
    final Map<Long, Picture> pictures = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    DemoCatalogue(InputStream yaml) {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        shopName = (String) doc.get("shop");
        DemoObjects objects = new DemoObjects();
        Options options = new Options((List<Map<String, Object>>) doc.get("options"), objects);
        List<WsObject> categories = objects.categories((List<Map<String, Object>>) doc.get("categories"));
        List<WsObject> products = new ArrayList<>();
        List<WsObject> combinationRows = new ArrayList<>();
        List<WsObject> stock = new ArrayList<>();
        List<WsObject> specificPrices = new ArrayList<>();
        long productId = 0;
        for (Map<String, Object> p : (List<Map<String, Object>>) doc.get("products")) {
            productId++;
            products.add(product(productId, p, options, objects, combinationRows, stock, specificPrices));
        }
        objects.categoryProducts(categories, products);
        table("products", "product", products, true);
        table("combinations", "combination", combinationRows, true);
        table("stock_availables", "stock_available", stock, false);
        table("specific_prices", "specific_price", specificPrices, false);
        table("categories", "category", categories, false);
        table("product_options", "product_option", options.groups, false);
        table("product_option_values", "product_option_value", options.values, false);
        table("languages", "language", objects.languages(), false);
        table("currencies", "currency", objects.currencies(), false);
        table("configurations", "configuration", objects.configurations(shopName), false);
        table("image_types", "image_type", objects.imageTypes(), false);
    }

    private void table(String resource, String element, List<WsObject> rows, boolean priced) {
        tables.put(resource, new Table(resource, element, List.copyOf(rows), priced));
    }

    @SuppressWarnings("unchecked")
    private WsObject product(long id, Map<String, Object> p, Options options, DemoObjects objects,
                             List<WsObject> combinationRows, List<WsObject> stock, List<WsObject> specificPrices) {
        BigDecimal rate = new BigDecimal(String.valueOf(p.getOrDefault("tax", 20))).movePointLeft(2);
        BigDecimal base = taxExcluded(p.get("price"), rate);
        BigDecimal discount = p.containsKey("discount")
            ? new BigDecimal(String.valueOf(p.get("discount"))).movePointLeft(2) : BigDecimal.ZERO;
        String name = (String) p.get("name");
        Map<String, List<String>> variants = (Map<String, List<String>>) p.getOrDefault("variants", Map.of());
        Map<String, Object> impacts = (Map<String, Object>) p.getOrDefault("impacts", Map.of());
        int totalStock = ((Number) p.get("stock")).intValue();

        List<Long> images = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long imageId = pictures.size() + 1L;
            pictures.put(imageId, new Picture(imageId, id, i));
            images.add(imageId);
        }
        List<long[]> combos = new ArrayList<>(); // [combination id, value ids...]
        for (List<Long> valueIds : options.cartesian(variants)) {
            long combinationId = combinations.size() + 1L;
            BigDecimal impact = BigDecimal.ZERO;
            for (long valueId : valueIds) {
                Object extra = impacts.get(options.valueName(valueId));
                if (extra != null) {
                    impact = impact.add(taxExcluded(extra, rate));
                }
            }
            combinations.put(combinationId, new Combination(combinationId, id, impact));
            long[] row = new long[valueIds.size() + 1];
            row[0] = combinationId;
            for (int i = 0; i < valueIds.size(); i++) {
                row[i + 1] = valueIds.get(i);
            }
            combos.add(row);
        }
        long defaultCombination = combos.isEmpty() ? 0 : combos.get(0)[0];
        String rewrite = rewrite(name);
        facts.put(id, new Facts(id, base, rate, discount, defaultCombination, name, (String) p.get("colour"), rewrite));

        List<long[]> stockRows = new ArrayList<>(); // [stock id, combination id, quantity]
        int[] perVariant = spread(totalStock, combos.size(), id);
        stockRows.add(new long[] {stock.size() + 1L, 0, totalStock});
        for (int i = 0; i < combos.size(); i++) {
            stockRows.add(new long[] {stock.size() + 2L + i, combos.get(i)[0], perVariant[i]});
        }
        for (long[] row : stockRows) {
            stock.add(objects.stockAvailable(row[0], id, row[1], row[2]));
        }
        for (int i = 0; i < combos.size(); i++) {
            combinationRows.add(objects.combination(combos.get(i), id, "DCR-" + id + "-" + (i + 1),
                combinations.get(combos.get(i)[0]).impact(), i == 0, images.get(i % images.size())));
        }
        if (discount.signum() > 0) {
            specificPrices.add(objects.specificPrice(specificPrices.size() + 1L, id, discount));
        }
        return objects.product(new DemoObjects.ProductSpec(id, name, (String) p.get("summary"),
            (String) p.get("description"), rewrite, ((Number) p.get("category")).longValue(),
            base, taxGroup(rate), !Boolean.FALSE.equals(p.get("active")), images, combos, stockRows,
            discount.signum() > 0));
    }

    /** Stock over the variants, deterministic, with a sold-out variant in most products that have three or more. */
    private static int[] spread(int total, int count, long productId) {
        int[] quantities = new int[count];
        if (count == 0) {
            return quantities;
        }
        int soldOut = count >= 3 ? (int) (productId % count) : -1;
        int sharing = count - (soldOut >= 0 ? 1 : 0);
        int left = total;
        for (int i = 0; i < count; i++) {
            if (i == soldOut) {
                continue;
            }
            int share = sharing == 1 ? left : total / sharing;
            quantities[i] = share;
            left -= share;
            sharing--;
        }
        return quantities;
    }

    static long taxGroup(BigDecimal rate) {
        return switch (rate.movePointRight(3).intValue()) {
            case 200 -> 1;
            case 100 -> 2;
            case 55 -> 3;
            default -> throw new IllegalArgumentException("the demo knows 20, 10 and 5.5 % only, not " + rate);
        };
    }

    /** What PrestaShop stores when the merchant types a price tax included: six decimals. */
    private static BigDecimal taxExcluded(Object taxIncluded, BigDecimal rate) {
        return new BigDecimal(String.valueOf(taxIncluded)).divide(BigDecimal.ONE.add(rate), 6, RoundingMode.HALF_UP);
    }

    static String rewrite(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Option groups and values, numbered in the order of the YAML file. */
    static final class Options {
        final List<WsObject> groups = new ArrayList<>();
        final List<WsObject> values = new ArrayList<>();
        private final Map<String, Long> groupIds = new LinkedHashMap<>();
        private final Map<String, Long> valueIds = new LinkedHashMap<>();
        private final Map<Long, String> valueNames = new LinkedHashMap<>();

        @SuppressWarnings("unchecked")
        Options(List<Map<String, Object>> groupsYaml, DemoObjects objects) {
            long groupId = 0;
            for (Map<String, Object> group : groupsYaml) {
                groupId++;
                String name = (String) group.get("name");
                boolean colour = Boolean.TRUE.equals(group.get("color"));
                Object raw = group.get("values");
                Map<String, String> named = new LinkedHashMap<>();
                if (raw instanceof Map<?, ?> map) {
                    ((Map<String, String>) map).forEach(named::put);
                } else {
                    ((List<Object>) raw).forEach(v -> named.put(String.valueOf(v), ""));
                }
                List<Long> ids = new ArrayList<>();
                int position = 0;
                for (Map.Entry<String, String> value : named.entrySet()) {
                    long valueId = values.size() + 1L;
                    values.add(objects.optionValue(valueId, groupId, value.getValue(), position++, value.getKey()));
                    valueIds.put(name + "/" + value.getKey(), valueId);
                    valueNames.put(valueId, value.getKey());
                    ids.add(valueId);
                }
                groupIds.put(name, groupId);
                groups.add(objects.optionGroup(groupId, colour, (int) groupId - 1, name, ids));
            }
        }

        String valueName(long valueId) {
            return valueNames.get(valueId);
        }

        /** Every combination of the values asked for, groups in the order of the file. */
        List<List<Long>> cartesian(Map<String, List<String>> variants) {
            List<List<Long>> result = new ArrayList<>();
            if (variants.isEmpty()) {
                return result;
            }
            result.add(List.of());
            for (String group : groupIds.keySet()) {
                List<String> wanted = variants.get(group);
                if (wanted == null) {
                    continue;
                }
                List<List<Long>> next = new ArrayList<>();
                for (List<Long> prefix : result) {
                    for (String value : wanted) {
                        Long valueId = valueIds.get(group + "/" + value);
                        if (valueId == null) {
                            throw new IllegalArgumentException("demo catalogue: no value " + value + " in " + group);
                        }
                        List<Long> combination = new ArrayList<>(prefix);
                        combination.add(valueId);
                        next.add(combination);
                    }
                }
                result = next;
            }
            return result;
        }
    }
}

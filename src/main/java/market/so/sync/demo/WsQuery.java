package market.so.sync.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The list parameters of a request as PrestaShop 8.1.2 reads them: {@code display} (none, {@code full}
 * or {@code [a,b,assoc[x]]}), {@code filter[field]=[a|b]} or {@code [from,to]}, {@code sort=[f_ASC,g_DESC]},
 * {@code limit=offset,count}, {@code language}, and the {@code price[alias][option]} virtual fields. A field
 * the resource does not have is refused with PrestaShop's error codes.
 */
record WsQuery(Display display, List<Filter> filters, List<Sort> sorts, long offset, long limit,
               Set<Integer> languages, List<Price> prices) {

    enum Kind { MINIMAL, FULL, FIELDS }

    record Display(Kind kind, Set<String> fields, Map<String, Set<String>> associations) {
        boolean shows(String field) {
            return kind == Kind.FULL || fields.contains(field);
        }

        /** Null when not shown; empty when shown whole ({@code display=full}). */
        Set<String> association(String name) {
            return kind == Kind.FULL ? Set.of() : associations.get(name);
        }
    }

    record Filter(String field, Set<String> values, BigDecimal from, BigDecimal to) {
        boolean matches(String value) {
            if (from != null) {
                try {
                    BigDecimal number = new BigDecimal(value);
                    return number.compareTo(from) >= 0 && number.compareTo(to) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return values.stream().anyMatch(v -> v.equalsIgnoreCase(value));
        }
    }

    record Sort(String field, boolean ascending) {
    }

    /** {@code price[alias][use_tax|use_reduction|only_reduction|decimals|product_attribute]}. */
    record Price(String alias, boolean useTax, boolean useReduction, boolean onlyReduction, int decimals,
                 Long productAttribute) {
    }

    /** A real 8.1.2 answers a wrong display, filter or sort with its error code and HTTP 500 (recorded). */
    private static WsError wrong(int code, String message) {
        return new WsError(500, code, message);
    }

    private static final Pattern FILTER = Pattern.compile("filter\\[([^\\]]*)\\]");
    private static final Pattern SORT = Pattern.compile("([a-z_0-9]+)_(ASC|DESC)");
    private static final Pattern PRICE = Pattern.compile("price\\[([^\\]]+)\\]\\[([^\\]]+)\\]");

    /** {@code fields}: the resource's fields in order; {@code getters}: those not filterable. */
    static WsQuery parse(Map<String, String> params, List<String> fields, Set<String> getters,
                         Set<String> associations, boolean priced, String defaultDisplay) {
        List<Price> prices = priced ? prices(params) : List.of();
        Display display = display(params.getOrDefault("display", defaultDisplay), fields, associations, prices);
        List<Price> shown = display.kind() == Kind.MINIMAL ? List.of()
            : prices.stream().filter(p -> display.shows(p.alias())).toList();
        List<Filter> filters = new ArrayList<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            Matcher m = FILTER.matcher(param.getKey());
            if (m.matches()) {
                filters.add(filter(m.group(1), param.getValue(), fields, getters));
            }
        }
        long[] limit = limit(params.get("limit"));
        return new WsQuery(display, filters, sorts(params.get("sort"), fields, getters), limit[0], limit[1],
            languages(params.get("language")), shown);
    }

    private static Display display(String raw, List<String> fields, Set<String> associations, List<Price> prices) {
        if (raw == null) {
            return new Display(Kind.MINIMAL, Set.of(), Map.of());
        }
        if (raw.trim().equals("full")) {
            return new Display(Kind.FULL, Set.of(), Map.of());
        }
        String text = raw.trim();
        if (!text.startsWith("[") || !text.endsWith("]")) {
            throw wrong(36, "The 'display' syntax is wrong. You can set 'full' or "
                + "'[field_1,field_2,field_3,...]'. These are available: " + String.join(", ", fields));
        }
        Set<String> shown = new LinkedHashSet<>();
        Map<String, Set<String>> shownAssociations = new LinkedHashMap<>();
        for (String entry : splitTopLevel(text.substring(1, text.length() - 1))) {
            int open = entry.indexOf('[');
            String name = open < 0 ? entry : entry.substring(0, open);
            boolean known = open < 0 ? fields.contains(name) || prices.stream().anyMatch(p -> p.alias().equals(name))
                : associations.contains(name);
            if (!known) {
                throw wrong(35, "Unable to display this field \"" + name + "\". However, these are available: "
                    + String.join(", ", open < 0 ? fields : List.copyOf(associations)));
            }
            if (open < 0) {
                shown.add(name);
            } else {
                Set<String> sub = new LinkedHashSet<>();
                for (String s : entry.substring(open + 1, entry.length() - 1).split(",")) {
                    if (!s.isBlank()) {
                        sub.add(s.trim());
                    }
                }
                shownAssociations.put(name, sub);
            }
        }
        return new Display(Kind.FIELDS, shown, shownAssociations);
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == ',' && depth == 0) {
                String part = body.substring(start, i).trim();
                if (part.isEmpty()) {
                    throw wrong(36, "The 'display' syntax is wrong: an empty field");
                }
                parts.add(part);
                start = i + 1;
            }
        }
        return parts;
    }

    private static Filter filter(String field, String raw, List<String> fields, Set<String> getters) {
        if (!fields.contains(field) || getters.contains(field)) {
            throw wrong(32, "Unable to filter by this field \"" + field + "\". However, these are available: "
                + String.join(", ", fields.stream().filter(f -> !getters.contains(f)).toList()));
        }
        String value = raw.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            String body = value.substring(1, value.length() - 1);
            if (body.contains(",")) {
                String[] bounds = body.split(",", 2);
                try {
                    return new Filter(field, Set.of(), new BigDecimal(bounds[0].trim()), new BigDecimal(bounds[1].trim()));
                } catch (NumberFormatException e) {
                    return new Filter(field, Set.of(body), null, null);   // a real shop matches nothing, no error
                }
            }
            return new Filter(field, new LinkedHashSet<>(List.of(body.split("\\|"))), null, null);
        }
        return new Filter(field, Set.of(value), null, null);
    }

    private static List<Sort> sorts(String raw, List<String> fields, Set<String> getters) {
        if (raw == null) {
            return List.of();
        }
        String body = raw.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        List<Sort> sorts = new ArrayList<>();
        for (String part : body.split(",")) {
            Matcher m = SORT.matcher(part.trim());
            if (!m.matches()) {
                throw wrong(37, "The \"sort\" value has to be formed as this example: \"field_ASC\" or "
                    + "'[field_1_DESC,field_2_ASC,field_3_ASC,...]' (\"field\" has to be an available field)");
            }
            if (!fields.contains(m.group(1)) || getters.contains(m.group(1))) {
                throw wrong(38, "Unable to filter by this field. However, these are available: "
                    + String.join(", ", fields.stream().filter(f -> !getters.contains(f)).toList()));
            }
            sorts.add(new Sort(m.group(1), m.group(2).equals("ASC")));
        }
        return sorts;
    }

    private static long[] limit(String raw) {
        if (raw == null) {
            return new long[] {0, -1};
        }
        String[] parts = raw.trim().split("\\s*,\\s*");
        try {
            return parts.length == 1 ? new long[] {0, Long.parseLong(parts[0])}
                : new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return new long[] {0, 0};   // a real 8.1.2 answers an empty list to a limit it cannot read
        }
    }

    private static Set<Integer> languages(String raw) {
        if (raw == null) {
            return null;
        }
        Set<Integer> ids = new LinkedHashSet<>();
        try {
            for (String part : raw.replace("[", "").replace("]", "").split("\\|")) {
                ids.add(Integer.parseInt(part.trim()));
            }
        } catch (NumberFormatException e) {
            throw WsError.badRequest(79, "language value is wrong");
        }
        for (int id : ids) {
            if (id != 1 && id != 2) {
                throw WsError.badRequest(81, "language is not available");
            }
        }
        return ids;
    }

    private static List<Price> prices(Map<String, String> params) {
        Map<String, Map<String, String>> byAlias = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            Matcher m = PRICE.matcher(name);
            if (m.matches()) {
                byAlias.computeIfAbsent(m.group(1), a -> new LinkedHashMap<>()).put(m.group(2), value);
            }
        });
        List<Price> prices = new ArrayList<>();
        byAlias.forEach((alias, o) -> prices.add(new Price(alias, flag(o.get("use_tax"), true),
            flag(o.get("use_reduction"), true), flag(o.get("only_reduction"), false),
            o.containsKey("decimals") ? number(o.get("decimals")) : 2,
            o.containsKey("product_attribute") ? (long) number(o.get("product_attribute")) : null)));
        return prices;
    }

    private static boolean flag(String value, boolean fallback) {
        return value == null ? fallback : !value.trim().equals("0") && !value.isBlank();
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw WsError.badRequest(63, "Invalid price parameter value: " + value);
        }
    }
}

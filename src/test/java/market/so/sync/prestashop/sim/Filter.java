package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.util.List;

/**
 * One {@code filter[field]=...} condition with PrestaShop's syntax: {@code [a|b]} any of,
 * {@code [a,b]} inclusive interval (SQL BETWEEN), {@code >[v]}, {@code <[v]}, {@code ![a|b]} none of,
 * {@code [v]%}, {@code %[v]}, {@code %[v]%} LIKE, or a bare value.
 */
record Filter(String field, Op op, List<String> values) {

    enum Op { ANY, BETWEEN, GREATER, LESS, NONE, STARTS, ENDS, CONTAINS }

    /** Returns null when the syntax is not one PrestaShop accepts (400 code 33). */
    static Filter parse(String field, String raw) {
        String text = raw.trim();
        if (text.startsWith(">[") && text.endsWith("]")) {
            return new Filter(field, Op.GREATER, List.of(inner(text, 2, 1)));
        }
        if (text.startsWith("<[") && text.endsWith("]")) {
            return new Filter(field, Op.LESS, List.of(inner(text, 2, 1)));
        }
        if (text.startsWith("![") && text.endsWith("]")) {
            return new Filter(field, Op.NONE, List.of(inner(text, 2, 1).split("\\|", -1)));
        }
        if (text.startsWith("%[") && text.endsWith("]%")) {
            return new Filter(field, Op.CONTAINS, List.of(inner(text, 2, 2)));
        }
        if (text.startsWith("%[") && text.endsWith("]")) {
            return new Filter(field, Op.ENDS, List.of(inner(text, 2, 1)));
        }
        if (text.startsWith("[") && text.endsWith("]%")) {
            return new Filter(field, Op.STARTS, List.of(inner(text, 1, 2)));
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            String body = inner(text, 1, 1);
            if (body.contains(",") && !body.contains("|")) {
                String[] bounds = body.split(",", -1);
                return bounds.length == 2 ? new Filter(field, Op.BETWEEN, List.of(bounds[0], bounds[1])) : null;
            }
            return new Filter(field, Op.ANY, List.of(body.split("\\|", -1)));
        }
        if (text.contains("[") || text.contains("]")) {
            return null;
        }
        return new Filter(field, Op.ANY, List.of(text));
    }

    private static String inner(String text, int head, int tail) {
        return text.length() < head + tail ? "" : text.substring(head, text.length() - tail);
    }

    boolean matches(String value) {
        if (value == null) {
            return false;
        }
        return switch (op) {
            case ANY -> values.stream().anyMatch(v -> compare(value, v) == 0);
            case NONE -> values.stream().noneMatch(v -> compare(value, v) == 0);
            case BETWEEN -> compare(value, values.get(0)) >= 0 && compare(value, values.get(1)) <= 0;
            case GREATER -> compare(value, values.get(0)) > 0;
            case LESS -> compare(value, values.get(0)) < 0;
            case STARTS -> value.toLowerCase().startsWith(values.get(0).toLowerCase());
            case ENDS -> value.toLowerCase().endsWith(values.get(0).toLowerCase());
            case CONTAINS -> value.toLowerCase().contains(values.get(0).toLowerCase());
        };
    }

    /**
     * A predicate on ids alone, so that {@code filter[id]} on a 100,000-product shop is a set lookup
     * per id rather than a text comparison.
     */
    java.util.function.LongPredicate idPredicate() {
        try {
            if (op == Op.ANY || op == Op.NONE) {
                java.util.Set<Long> set = new java.util.HashSet<>();
                for (String v : values) {
                    set.add(Long.parseLong(v.trim()));
                }
                return op == Op.ANY ? set::contains : id -> !set.contains(id);
            }
            if (op == Op.BETWEEN) {
                long low = Long.parseLong(values.get(0).trim());
                long high = Long.parseLong(values.get(1).trim());
                return id -> id >= low && id <= high;
            }
        } catch (NumberFormatException e) {
            // not plain integers: fall back to the general comparison below
        }
        return id -> matches(Long.toString(id));
    }

    /** Like MySQL: numbers compare as numbers, everything else as case-insensitive text. */
    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.compareToIgnoreCase(b);
    }

    private static BigDecimal number(String text) {
        if (text.isEmpty() || text.length() > 30) {
            return null;
        }
        char first = text.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '.')) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

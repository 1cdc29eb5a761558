package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The list parameters of one request ({@code display, filter[...], sort, limit, language, date,
 * price[...]}), checked against the resource's fields with the error codes PrestaShop answers, so a
 * client's mistakes fail here the way they would fail on a real shop.
 */
record ListQuery(Display display, List<Filter> filters, List<Sort> sorts, long offset, long limit,
                 Set<Integer> languages, List<PriceSpec> prices) {

    /** One sort key; {@code sort=[date_upd_ASC,id_ASC]} gives two. */
    record Sort(String field, boolean ascending) {
    }

    private static final Pattern FILTER = Pattern.compile("filter\\[([^\\]]*)\\]");
    private static final Pattern SORT = Pattern.compile("([a-z_0-9]+)_(ASC|DESC)");
    private static final Pattern LIMIT = Pattern.compile("(?:(\\d+)\\s*,\\s*)?(\\d+)");

    boolean hasLimit() {
        return limit >= 0;
    }

    static ListQuery parse(Map<String, String> params, Table table, Set<Integer> knownLanguages, boolean priced) {
        Table.Schema schema = table.schema();
        boolean dates = "1".equals(params.get("date"));
        List<PriceSpec> prices = priced ? PriceSpec.parse(params) : List.of();
        Set<String> aliases = new LinkedHashSet<>();
        prices.forEach(p -> aliases.add(p.alias()));
        Display display = display(params.get("display"), schema, aliases);
        List<PriceSpec> shown = display.full() ? prices
                : prices.stream().filter(p -> display.fields().contains(p.alias())).toList();
        long[] limit = limit(params.get("limit"));
        return new ListQuery(display, filters(params, schema, dates), sorts(params.get("sort"), schema, dates),
                limit[0], limit[1], languages(params.get("language"), knownLanguages), display.minimal() ? List.of() : shown);
    }

    private static Display display(String raw, Table.Schema schema, Set<String> aliases) {
        Display display = Display.parse(raw);
        if (display == null) {
            throw WsError.badRequest(36, "The 'display' syntax is wrong. You can set 'full' or "
                    + "'[field_1,field_2,field_3,...]'. These are available: " + String.join(", ", schema.fields()));
        }
        for (String field : display.fields()) {
            if (!schema.has(field) && !aliases.contains(field)) {
                throw WsError.badRequest(35, "Unable to display this field \"" + field
                        + "\". However, these are available: " + String.join(", ", schema.fields()));
            }
        }
        for (String association : display.associations().keySet()) {
            if (!schema.associations().contains(association)) {
                throw WsError.badRequest(35, "Unable to display this field \"" + association
                        + "\". However, these are available: " + String.join(", ", schema.associations()));
            }
        }
        return display;
    }

    private static List<Filter> filters(Map<String, String> params, Table.Schema schema, boolean dates) {
        List<Filter> filters = new ArrayList<>();
        for (Map.Entry<String, String> param : params.entrySet()) {
            Matcher m = FILTER.matcher(param.getKey());
            if (!m.matches()) {
                continue;
            }
            String field = m.group(1);
            if (!schema.has(field) || (Table.Schema.isDate(field) && !dates)) {
                throw WsError.badRequest(32, "Unable to filter by this field \"" + field + "\". However, these are "
                        + "available: " + String.join(", ", filterable(schema, dates)));
            }
            if (schema.notFilterable().contains(field)) {
                throw WsError.badRequest(34, "The field \"" + field + "\" is not filterable");
            }
            Filter filter = Filter.parse(field, param.getValue());
            if (filter == null) {
                throw WsError.badRequest(33, "The \"" + field + "\" filter is malformed: " + param.getValue());
            }
            filters.add(filter);
        }
        return filters;
    }

    private static List<String> filterable(Table.Schema schema, boolean dates) {
        return schema.fields().stream()
                .filter(f -> !schema.notFilterable().contains(f) && (dates || !Table.Schema.isDate(f)))
                .toList();
    }

    private static List<Sort> sorts(String raw, Table.Schema schema, boolean dates) {
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
                throw WsError.badRequest(37, "The 'sort' value has to be formed as this example: 'field_ASC' or "
                        + "'[field_1_DESC,field_2_ASC,field_3_ASC,...]' ('field' has to be an available field)");
            }
            String field = m.group(1);
            if (!schema.has(field) || schema.notFilterable().contains(field) || (Table.Schema.isDate(field) && !dates)) {
                throw WsError.badRequest(38, "Unable to sort by this field \"" + field + "\". However, these are "
                        + "available: " + String.join(", ", filterable(schema, dates)));
            }
            sorts.add(new Sort(field, m.group(2).equals("ASC")));
        }
        return sorts;
    }

    private static long[] limit(String raw) {
        if (raw == null) {
            return new long[] {0, -1};
        }
        Matcher m = LIMIT.matcher(raw.trim());
        if (!m.matches()) {
            throw WsError.badRequest(39, "The 'limit' value has to be formed as this example: '5,25' or '10'");
        }
        try {
            long offset = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            return new long[] {offset, Long.parseLong(m.group(2))};
        } catch (NumberFormatException e) {
            throw WsError.badRequest(39, "The 'limit' value has to be formed as this example: '5,25' or '10'");
        }
    }

    private static Set<Integer> languages(String raw, Set<Integer> known) {
        if (raw == null) {
            return null;
        }
        String body = raw.trim();
        boolean list = body.startsWith("[") && body.endsWith("]");
        if (list) {
            body = body.substring(1, body.length() - 1);
        }
        Set<Integer> ids = new LinkedHashSet<>();
        try {
            if (list && body.contains(",")) {
                String[] bounds = body.split(",");
                for (int id = Integer.parseInt(bounds[0].trim()); id <= Integer.parseInt(bounds[1].trim()); id++) {
                    ids.add(id);
                }
            } else {
                for (String part : body.split("\\|")) {
                    ids.add(Integer.parseInt(part.trim()));
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw WsError.badRequest(79, "The 'language' value is not valid: " + raw);
        }
        for (int id : ids) {
            if (!known.contains(id)) {
                throw WsError.badRequest(80, "Language ID " + id + " does not exist");
            }
        }
        return ids;
    }
}

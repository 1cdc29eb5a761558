package market.so.sync.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;

import java.util.List;
import java.util.Map;
import java.util.Set;
import market.so.sync.demo.WsObject.Field;

/** One authenticated read of a table: an object by id ({@code display=full} by default) or a list. */
final class DemoListing {

    private final DemoCatalogue.Table table;
    private final DemoPrices prices;
    private final List<String> fields = new ArrayList<>();
    private final Set<String> getters = new HashSet<>();
    private final Set<String> associations = new HashSet<>();

    DemoListing(DemoCatalogue.Table table, DemoPrices prices) {
        this.table = table;
        this.prices = prices;
        if (!table.rows().isEmpty()) {
            WsObject template = table.rows().get(0);
            for (Field field : template.fields()) {
                fields.add(field.name());
                if (field.notFilterable()) {
                    getters.add(field.name());
                }
            }
            template.associations().forEach(a -> associations.add(a.name()));
        }
    }

    /** The answer's XML; null when the object asked for by id does not exist. */
    String render(String api, String rawId, Map<String, String> params) {
        if (rawId != null) {
            long id;
            try {
                id = Long.parseLong(rawId);
            } catch (NumberFormatException e) {
                return null;   // a real 8.1.2: 404, empty
            }
            WsQuery query = WsQuery.parse(params, fields, getters, associations, table.priced(), "full");
            WsObject object = table.rows().stream().filter(o -> o.id() == id).findFirst().orElse(null);
            if (object == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(WsXml.HEAD);
            WsXml.object(out, api, table.element(), object, query.display(), query.languages(),
                prices.fields(table.resource(), id, query.prices()));
            return out.append(WsXml.TAIL).toString();
        }
        WsQuery query = WsQuery.parse(params, fields, getters, associations, table.priced(), null);
        StringBuilder out = new StringBuilder(WsXml.HEAD).append('<').append(table.resource()).append(">\n");
        for (WsObject object : select(query)) {
            if (query.display().kind() == WsQuery.Kind.MINIMAL) {
                WsXml.minimal(out, api, table.resource(), table.element(), object.id());
            } else {
                WsXml.object(out, api, table.element(), object, query.display(), query.languages(),
                    prices.fields(table.resource(), object.id(), query.prices()));
            }
        }
        return out.append("</").append(table.resource()).append(">\n").append(WsXml.TAIL).toString();
    }

    private List<WsObject> select(WsQuery query) {
        List<WsObject> rows = new ArrayList<>();
        for (WsObject object : table.rows()) {
            if (query.filters().stream().allMatch(f -> f.matches(String.valueOf(object.value(f.field()))))) {
                rows.add(object);
            }
        }
        Comparator<WsObject> order = null;
        for (WsQuery.Sort sort : query.sorts()) {
            Comparator<WsObject> next = (a, b) -> compare(a.value(sort.field()), b.value(sort.field()));
            next = sort.ascending() ? next : next.reversed();
            order = order == null ? next : order.thenComparing(next);
        }
        if (order != null) {
            rows.sort(order);
        }
        int from = (int) Math.min(rows.size(), query.offset());
        int to = query.limit() < 0 ? rows.size() : (int) Math.min(rows.size(), from + query.limit());
        return rows.subList(from, to);
    }

    private static int compare(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        } catch (NumberFormatException | NullPointerException e) {
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
    }

}

package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import market.so.sync.prestashop.sim.SimObject.Field;
import market.so.sync.prestashop.sim.SimObject.I18n;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * Chooses the ids of one page: filters, sort, then {@code limit}. Id filters and id sorts work on
 * ids alone, so paging through a 100,000-product shop builds only the products of the page; any
 * other filter or sort has to build the candidates, as a database would have to read them.
 */
final class Pager {

    private Pager() {
    }

    static long[] page(Table table, ListQuery query) {
        LongStream ids = table.ids();
        List<Filter> fieldFilters = new ArrayList<>();
        for (Filter filter : query.filters()) {
            if (filter.field().equals("id")) {
                LongPredicate predicate = filter.idPredicate();
                ids = ids.filter(predicate);
            } else {
                fieldFilters.add(filter);
            }
        }
        boolean idSortOnly = query.sorts().stream().allMatch(s -> s.field().equals("id"));
        if (fieldFilters.isEmpty() && idSortOnly) {
            return limit(sortIds(table, ids, query.sorts()), query);
        }
        Stream<SimObject> objects = ids.mapToObj(id -> table.get(id, Display.MINIMAL))
                .filter(o -> o != null && fieldFilters.stream().allMatch(f -> matches(o, f, query.languages())));
        if (!query.sorts().isEmpty()) {
            objects = objects.sorted(comparator(query.sorts(), query.languages()));
        }
        return limit(objects.mapToLong(SimObject::id), query);
    }

    private static LongStream sortIds(Table table, LongStream ids, List<ListQuery.Sort> sorts) {
        if (sorts.isEmpty()) {
            return ids;
        }
        boolean ascending = sorts.get(0).ascending();
        LongStream sorted = table.naturalIsIdOrder() ? ids : ids.sorted();
        if (ascending) {
            return sorted;
        }
        long[] all = sorted.toArray();
        return LongStream.range(0, all.length).map(i -> all[all.length - 1 - (int) i]);
    }

    private static long[] limit(LongStream ids, ListQuery query) {
        LongStream page = ids.skip(query.offset());
        return (query.hasLimit() ? page.limit(query.limit()) : page).toArray();
    }

    private static boolean matches(SimObject object, Filter filter, Set<Integer> languages) {
        Field field = object.field(filter.field());
        if (field instanceof Plain plain) {
            return filter.matches(plain.value());
        }
        if (field instanceof I18n i18n) {
            return i18n.values().entrySet().stream()
                    .anyMatch(e -> (languages == null || languages.contains(e.getKey())) && filter.matches(e.getValue()));
        }
        return false;
    }

    private static Comparator<SimObject> comparator(List<ListQuery.Sort> sorts, Set<Integer> languages) {
        Comparator<SimObject> comparator = null;
        for (ListQuery.Sort sort : sorts) {
            Comparator<SimObject> next = (a, b) -> Filter.compare(sortValue(a, sort.field(), languages),
                    sortValue(b, sort.field(), languages));
            next = sort.ascending() ? next : next.reversed();
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        return comparator;
    }

    private static String sortValue(SimObject object, String field, Set<Integer> languages) {
        if (field.equals("id")) {
            return Long.toString(object.id());
        }
        Field value = object.field(field);
        if (value instanceof I18n i18n) {
            int language = languages == null ? i18n.values().keySet().iterator().next() : languages.iterator().next();
            String text = i18n.value(language);
            return text == null ? "" : text;
        }
        return value instanceof Plain plain ? plain.value() : "";
    }
}

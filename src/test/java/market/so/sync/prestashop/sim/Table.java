package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import market.so.sync.prestashop.sim.SimObject.Field;
import market.so.sync.prestashop.sim.SimObject.I18n;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * A webservice resource as the query engine sees it: ids in the shop's natural order (PrestaShop
 * has no default ORDER BY) and one object per id, built on demand so that a 100,000-product shop
 * never holds its catalogue as objects or XML.
 */
interface Table {

    /** The plural resource name, as in {@code /api/products}. */
    String resource();

    /** The element name of one object, as in {@code <product>}. */
    String element();

    /** Ids in natural order; cheap, never builds objects. */
    LongStream ids();

    /** True when the natural order is ascending ids, so an id sort needs no sorting. */
    default boolean naturalIsIdOrder() {
        return true;
    }

    /**
     * One object, or null when absent. {@code display} lets a table skip expensive parts the
     * answer will not show (a category's product ids).
     */
    SimObject get(long id, Display display);

    Schema schema();

    /** The fields a resource has, which of them are getters (not filterable) and which are i18n. */
    record Schema(List<String> fields, Set<String> notFilterable, Set<String> i18n, Set<String> associations) {

        static Schema of(SimObject template) {
            List<String> fields = new ArrayList<>();
            Set<String> getters = new HashSet<>();
            Set<String> i18n = new HashSet<>();
            for (Field field : template.fields()) {
                fields.add(field.name());
                if (field instanceof Plain p && p.notFilterable()) {
                    getters.add(p.name());
                }
                if (field instanceof I18n) {
                    i18n.add(field.name());
                }
            }
            Set<String> associations = new HashSet<>();
            template.associations().forEach(a -> associations.add(a.name()));
            return new Schema(List.copyOf(fields), Set.copyOf(getters), Set.copyOf(i18n), Set.copyOf(associations));
        }

        boolean has(String field) {
            return fields.contains(field);
        }

        static boolean isDate(String field) {
            return field.equals("date_add") || field.equals("date_upd");
        }
    }
}

package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.sim.SimObject.Association;
import market.so.sync.prestashop.sim.SimObject.Field;
import market.so.sync.prestashop.sim.SimObject.I18n;
import market.so.sync.prestashop.sim.SimObject.Item;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * Builds generated objects field by field in the order PrestaShop 8.1 renders them, so that generated
 * and recorded objects look alike to a client.
 */
final class ObjectBuilder {

    /** The languages every generated shop has: English (1, default) and French (2). */
    static final int EN = 1;
    static final int FR = 2;

    private final long id;
    private final List<Field> fields = new ArrayList<>(96);
    private final List<Association> associations = new ArrayList<>(12);

    ObjectBuilder(long id) {
        this.id = id;
        fields.add(new Plain("id", Long.toString(id)));
    }

    ObjectBuilder plain(String name, String value) {
        fields.add(new Plain(name, value));
        return this;
    }

    ObjectBuilder plain(String name, long value) {
        return plain(name, Long.toString(value));
    }

    /** A field that points to another resource; like PrestaShop, an id of 0 gets no href. */
    ObjectBuilder link(String name, String api, long value) {
        fields.add(new Plain(name, Long.toString(value), value == 0 ? null : api + "/" + value, false));
        return this;
    }

    ObjectBuilder linkPath(String name, String path, String value, boolean notFilterable) {
        fields.add(new Plain(name, value, path, notFilterable));
        return this;
    }

    ObjectBuilder getter(String name, String value) {
        fields.add(new Plain(name, value, null, true));
        return this;
    }

    ObjectBuilder i18n(String name, String english, String french) {
        Map<Integer, String> values = new LinkedHashMap<>(4);
        values.put(EN, english);
        values.put(FR, french);
        fields.add(new I18n(name, values));
        return this;
    }

    ObjectBuilder i18n(String name, String both) {
        return i18n(name, both, both);
    }

    /** An association whose items are plain ids of {@code api} resources. */
    ObjectBuilder ids(String name, String nodeType, String api, long... ids) {
        List<Item> items = new ArrayList<>(ids.length);
        for (long target : ids) {
            items.add(new Item(api + "/" + target, List.of(new Plain("id", Long.toString(target)))));
        }
        associations.add(new Association(name, nodeType, api, items));
        return this;
    }

    ObjectBuilder association(String name, String nodeType, String api, List<Item> items) {
        associations.add(new Association(name, nodeType, api, items));
        return this;
    }

    SimObject build() {
        return new SimObject(id, fields, associations);
    }
}

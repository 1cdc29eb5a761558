package market.so.sync.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One webservice object as PrestaShop 8.1.2 renders it: its fields in the order PrestaShop writes them
 * (a {@code display=[...]} list keeps that order, not the order asked for), then its associations.
 * Links are relative to {@code /api/} so one object renders for any address.
 */
record WsObject(long id, List<Field> fields, List<Association> associations) {

    /** A plain field ({@code i18n} null) or one text per language; {@code link} null when no href. */
    record Field(String name, String value, Map<Integer, String> i18n, String link, boolean notFilterable) {
    }

    record Association(String name, String nodeType, String api, List<Item> items) {
    }

    /** An entry of an association: its href and sub-fields (usually {@code id}). */
    record Item(String link, List<Field> fields) {
    }

    Field field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    String value(String name) {
        Field field = field(name);
        return field == null ? null : field.value();
    }

    static Builder builder(long id) {
        return new Builder(id);
    }

    static final class Builder {
        private final long id;
        private final List<Field> fields = new ArrayList<>();
        private final List<Association> associations = new ArrayList<>();

        private Builder(long id) {
            this.id = id;
            plain("id", id);
        }

        Builder plain(String name, Object value) {
            fields.add(new Field(name, String.valueOf(value), null, null, false));
            return this;
        }

        /** A field pointing to another resource; like PrestaShop, an id of 0 gets no href. */
        Builder link(String name, String api, long target) {
            fields.add(new Field(name, Long.toString(target), null, target == 0 ? null : api + "/" + target, false));
            return this;
        }

        /** A computed field PrestaShop marks {@code notFilterable}, with an optional href. */
        Builder getter(String name, Object value, String link) {
            fields.add(new Field(name, String.valueOf(value), null, link, true));
            return this;
        }

        /** A multilingual field: English (language 1) and French (language 2). */
        Builder i18n(String name, String english, String french) {
            Map<Integer, String> values = new LinkedHashMap<>();
            values.put(1, english);
            values.put(2, french);
            fields.add(new Field(name, french, values, null, false));
            return this;
        }

        Builder i18n(String name, String both) {
            return i18n(name, both, both);
        }

        /** An association whose entries carry their id (and the extra sub-fields given per entry). */
        Builder ids(String name, String nodeType, String api, List<Long> ids) {
            List<Item> items = new ArrayList<>();
            for (long target : ids) {
                items.add(new Item(api + "/" + target, List.of(new Field("id", Long.toString(target), null, null, false))));
            }
            associations.add(new Association(name, nodeType, api, items));
            return this;
        }

        Builder association(String name, String nodeType, String api, List<Item> items) {
            associations.add(new Association(name, nodeType, api, items));
            return this;
        }

        WsObject build() {
            return new WsObject(id, List.copyOf(fields), List.copyOf(associations));
        }
    }
}

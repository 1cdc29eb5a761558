package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One webservice object (a product, a category, a stock row...) as PrestaShop renders it: ordered
 * fields, then associations. Links are kept relative to {@code /api/} so that one object can be
 * rendered for any shop address, and the order is kept because the real XML has a fixed order that
 * clients (and our byte-for-byte fixture test) may rely on.
 */
record SimObject(long id, List<Field> fields, List<Association> associations) {

    /** A field of an object: either a plain value or one value per language. */
    sealed interface Field permits Plain, I18n {
        String name();
    }

    /**
     * A plain field. {@code link} is the target path under {@code /api/} (null when the value is an
     * unset id, since PrestaShop drops the href then); {@code notFilterable} marks getter fields.
     */
    record Plain(String name, String value, String link, boolean notFilterable) implements Field {
        Plain(String name, String value) {
            this(name, value, null, false);
        }
    }

    /** A multilingual field: language id to text, in the order the languages are rendered. */
    record I18n(String name, Map<Integer, String> values) implements Field {
        String value(int languageId) {
            return values.get(languageId);
        }
    }

    /** An association block such as {@code <categories nodeType="category" api="categories">}. */
    record Association(String name, String nodeType, String api, List<Item> items) {
    }

    /** One entry of an association: its href and its sub-fields (the first is usually {@code id}). */
    record Item(String link, List<Plain> fields) {
    }

    Field field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The plain value of a field, or null if absent or multilingual. */
    String value(String name) {
        return field(name) instanceof Plain p ? p.value() : null;
    }

    Association association(String name) {
        for (Association a : associations) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** A copy with one field replaced, for catalogue edits; the original stays shared and immutable. */
    SimObject withField(String name, UnaryOperator<Field> change) {
        List<Field> copy = new ArrayList<>(fields.size());
        for (Field f : fields) {
            copy.add(f.name().equals(name) ? change.apply(f) : f);
        }
        return new SimObject(id, copy, associations);
    }

    SimObject withPlain(String name, String value) {
        return withField(name, f -> f instanceof Plain p ? new Plain(p.name(), value, p.link(), p.notFilterable()) : f);
    }

    SimObject withI18n(String name, int languageId, String text) {
        return withField(name, f -> {
            if (!(f instanceof I18n i)) {
                return f;
            }
            Map<Integer, String> values = new LinkedHashMap<>(i.values());
            values.put(languageId, text);
            return new I18n(name, values);
        });
    }

    SimObject withAssociation(Association replacement) {
        List<Association> copy = new ArrayList<>(associations.size());
        for (Association a : associations) {
            copy.add(a.name().equals(replacement.name()) ? replacement : a);
        }
        return new SimObject(id, fields, copy);
    }
}

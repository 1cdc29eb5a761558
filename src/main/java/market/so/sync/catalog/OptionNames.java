package market.so.sync.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * The names of a shop's attributes, read once per sync from {@code product_options} (groups:
 * "Taille", "Couleur") and {@code product_option_values} (values: "M", "Bleu"), so that a variant
 * reads the way PrestaShop itself writes it in a cart or an order ({@code Cart::cacheSomeAttributesLists}):
 * group public name, the shop's translation of ": " (" : " in French), value; groups in the shop's
 * position order, then values in theirs; ", " between them.
 */
public final class OptionNames {

    public static final OptionNames EMPTY = new OptionNames(Map.of(), ": ");

    record Value(String group, String name, long groupPosition, long groupId, long position) {
    }

    private final Map<Long, Value> values;
    private final String colon;

    OptionNames(Map<Long, Value> values, String colon) {
        this.values = values;
        this.colon = colon;
    }

    public static OptionNames of(List<XmlNode> options, List<XmlNode> optionValues, String languageId,
                                 String languageIso) {
        return of(options, optionValues, languageId, languageIso, null);
    }

    /**
     * The names in another language the shop keeps ({@code languageId}); a name the shop has not translated
     * reads as in {@code defaultLanguageId}, so a variant's label never mixes in a third language.
     */
    public static OptionNames of(List<XmlNode> options, List<XmlNode> optionValues, String languageId,
                                 String languageIso, String defaultLanguageId) {
        Map<Long, String> groupNames = new HashMap<>();
        Map<Long, Long> groupPositions = new HashMap<>();
        for (XmlNode option : options) {
            Long id = option.longValue("id");
            if (id != null) {
                String name = text(option, "public_name", languageId, defaultLanguageId);
                groupNames.put(id, name == null || name.isBlank() ? text(option, "name", languageId, defaultLanguageId) : name);
                Long position = option.longValue("position");
                groupPositions.put(id, position == null ? id : position);
            }
        }
        Map<Long, Value> values = new HashMap<>();
        for (XmlNode value : optionValues) {
            Long id = value.longValue("id");
            Long group = value.longValue("id_attribute_group");
            if (id != null) {
                long g = group == null ? 0 : group;
                Long position = value.longValue("position");
                values.put(id, new Value(groupNames.get(g), text(value, "name", languageId, defaultLanguageId),
                    groupPositions.getOrDefault(g, g), g, position == null ? id : position));
            }
        }
        return new OptionNames(values, colon(languageIso));
    }

    private static String text(XmlNode node, String field, String languageId, String defaultLanguageId) {
        if (defaultLanguageId == null) {
            return node.localized(field, languageId);
        }
        String text = node.localizedIn(field, languageId);
        return text != null ? text : node.localized(field, defaultLanguageId);
    }

    /**
     * PrestaShop's own "Shop.Pdf" translation of ": " for the languages it ships: French typography
     * puts a space before the colon. Other languages keep ": ".
     */
    static String colon(String languageIso) {
        return languageIso != null && languageIso.toLowerCase(Locale.ROOT).startsWith("fr") ? " : " : ": ";
    }

    /**
     * "Taille : M, Couleur : Bleu" for the given option value ids. An id the shop's lists did not name
     * (a value deleted between two reads, a key that cannot read it) reads "#8" at the end rather
     * than vanishing, so that a variant's label is never silently empty.
     */
    public String describe(List<Long> valueIds) {
        List<Value> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Long id : valueIds) {
            Value v = values.get(id);
            if (v != null && v.name() != null && !v.name().isBlank()) {
                found.add(v);
            } else {
                unknown.add("#" + id);
            }
        }
        found.sort(Comparator.comparingLong(Value::groupPosition).thenComparingLong(Value::groupId)
            .thenComparingLong(Value::position));
        List<String> parts = new ArrayList<>();
        for (Value v : found) {
            parts.add(v.group() == null || v.group().isBlank() ? v.name() : v.group() + colon + v.name());
        }
        parts.addAll(unknown);
        return String.join(", ", parts);
    }
}

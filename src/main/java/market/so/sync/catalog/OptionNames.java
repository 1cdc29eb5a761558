package market.so.sync.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * The names of a shop's attributes, read once per sync from {@code product_options} (groups:
 * "Taille", "Couleur") and {@code product_option_values} (values: "M", "Bleu"), so that a variant
 * reads "Taille: M, Couleur: Bleu", groups in the shop's own order.
 */
public final class OptionNames {

    public static final OptionNames EMPTY = new OptionNames(Map.of());

    record Value(String group, String name, long groupPosition, long groupId) {
    }

    private final Map<Long, Value> values;

    OptionNames(Map<Long, Value> values) {
        this.values = values;
    }

    public static OptionNames of(List<XmlNode> options, List<XmlNode> optionValues, String languageId) {
        Map<Long, String> groupNames = new HashMap<>();
        Map<Long, Long> groupPositions = new HashMap<>();
        for (XmlNode option : options) {
            Long id = option.longValue("id");
            if (id != null) {
                String name = option.localized("public_name", languageId);
                groupNames.put(id, name == null || name.isBlank() ? option.localized("name", languageId) : name);
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
                values.put(id, new Value(groupNames.get(g), value.localized("name", languageId),
                    groupPositions.getOrDefault(g, g), g));
            }
        }
        return new OptionNames(values);
    }

    /** "Taille: M, Couleur: Bleu" for the given option value ids; unknown ids are left out. */
    public String describe(List<Long> valueIds) {
        List<Value> found = new ArrayList<>();
        for (Long id : valueIds) {
            Value v = values.get(id);
            if (v != null && v.name() != null) {
                found.add(v);
            }
        }
        found.sort(Comparator.comparingLong(Value::groupPosition).thenComparingLong(Value::groupId));
        List<String> parts = new ArrayList<>();
        for (Value v : found) {
            parts.add(v.group() == null || v.group().isBlank() ? v.name() : v.group() + ": " + v.name());
        }
        return String.join(", ", parts);
    }
}

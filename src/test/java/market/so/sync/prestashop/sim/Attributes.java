package market.so.sync.prestashop.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The attribute groups and values of the PrestaShop demo catalogue (Taille, Couleur, Dimension,
 * Type de papier), which the recorded products point to and generated combinations reuse (S, M, L).
 */
final class Attributes {

    /** An attribute group ({@code product_options}). */
    record Group(long id, String english, String french, String type) {
    }

    /** An attribute value ({@code product_option_values}). */
    record Value(long id, long group, String english, String french, String color) {
    }

    static final List<Group> GROUPS = List.of(
            new Group(1, "Size", "Taille", "select"),
            new Group(2, "Color", "Couleur", "color"),
            new Group(3, "Dimension", "Dimension", "select"),
            new Group(4, "Paper Type", "Type de papier", "select"));

    static final List<Value> VALUES = List.of(
            new Value(1, 1, "S", "S", ""), new Value(2, 1, "M", "M", ""),
            new Value(3, 1, "L", "L", ""), new Value(4, 1, "XL", "XL", ""),
            new Value(5, 2, "Grey", "Gris", "#AAB2BD"), new Value(6, 2, "Taupe", "Taupe", "#CFC4A6"),
            new Value(7, 2, "Beige", "Beige", "#f5f5dc"), new Value(8, 2, "White", "Blanc", "#ffffff"),
            new Value(9, 2, "Off White", "Blanc cassé", "#faebd7"), new Value(10, 2, "Red", "Rouge", "#E84C3D"),
            new Value(11, 2, "Black", "Noir", "#434A54"), new Value(12, 2, "Camel", "Camel", "#C19A6B"),
            new Value(13, 2, "Orange", "Orange", "#F39C11"), new Value(14, 2, "Blue", "Bleu", "#5D9CEC"),
            new Value(15, 2, "Green", "Vert", "#A0D468"), new Value(16, 2, "Yellow", "Jaune", "#F1C40F"),
            new Value(17, 2, "Brown", "Marron", "#964B00"), new Value(18, 2, "Pink", "Rose", "#FCCACD"),
            new Value(19, 3, "40x60cm", "40x60cm", ""), new Value(20, 3, "60x90cm", "60x90cm", ""),
            new Value(21, 3, "80x120cm", "80x120cm", ""),
            new Value(22, 4, "Ruled", "Ligné", ""), new Value(23, 4, "Plain", "Vierge", ""),
            new Value(24, 4, "Squared", "Quadrillé", ""), new Value(25, 4, "Doted", "Pointillés", ""));

    private Attributes() {
    }

    static long groupOf(long valueId) {
        return VALUES.stream().filter(v -> v.id() == valueId).mapToLong(Value::group).findFirst().orElse(0);
    }

    static List<SimObject> optionObjects() {
        List<SimObject> objects = new ArrayList<>();
        for (Group g : GROUPS) {
            long[] values = VALUES.stream().filter(v -> v.group() == g.id()).mapToLong(Value::id).toArray();
            objects.add(new ObjectBuilder(g.id()).plain("is_color_group", g.type().equals("color") ? 1 : 0)
                    .plain("group_type", g.type()).plain("position", g.id() - 1)
                    .i18n("name", g.english(), g.french()).i18n("public_name", g.english(), g.french())
                    .ids("product_option_values", "product_option_value", "product_option_values", values)
                    .build());
        }
        return objects;
    }

    static List<SimObject> valueObjects() {
        List<SimObject> objects = new ArrayList<>();
        for (Value v : VALUES) {
            objects.add(new ObjectBuilder(v.id()).link("id_attribute_group", "product_options", v.group())
                    .plain("color", v.color()).plain("position", v.id() - 1)
                    .i18n("name", v.english(), v.french()).build());
        }
        return objects;
    }
}

package market.so.sync.prestashop.sim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import market.so.sync.prestashop.sim.SimObject.Association;
import market.so.sync.prestashop.sim.SimObject.Field;
import market.so.sync.prestashop.sim.SimObject.I18n;
import market.so.sync.prestashop.sim.SimObject.Item;
import market.so.sync.prestashop.sim.SimObject.Plain;

/**
 * Writes webservice XML exactly the way PrestaShop 8.1.2 does (tabs, CDATA everywhere, hrefs on
 * links, self-closing empty associations), so that rendering a recorded object gives back the
 * recorded bytes. {@code api} is the absolute {@code .../api/} prefix of the shop.
 */
final class XmlWriter {

    static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<prestashop xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n";
    static final String TAIL = "</prestashop>\n";

    private XmlWriter() {
    }

    /** One object; {@code languages} null = all; {@code virtuals} are computed fields such as prices. */
    static void object(StringBuilder out, String api, String element, SimObject object, Display display,
                       Set<Integer> languages, List<Plain> virtuals) {
        out.append('<').append(element).append(">\n");
        for (Field field : object.fields()) {
            if (display.shows(field.name())) {
                field(out, api, field, languages);
            }
        }
        for (Plain virtual : virtuals) {
            plain(out, api, virtual);
        }
        associations(out, api, element, object.associations(), display);
        out.append("</").append(element).append(">\n");
    }

    /** The row of a list without {@code display}. */
    static void minimal(StringBuilder out, String api, String resource, String element, long id) {
        out.append('<').append(element).append(" id=\"").append(id).append("\" xlink:href=\"")
                .append(api).append(resource).append('/').append(id).append("\"/>\n");
    }

    static String errors(List<Map.Entry<Integer, String>> errors) {
        StringBuilder out = new StringBuilder(256).append(HEAD).append("<errors>\n");
        for (Map.Entry<Integer, String> error : errors) {
            out.append("<error>\n<code>");
            cdata(out, Integer.toString(error.getKey()));
            out.append("</code>\n<message>");
            cdata(out, error.getValue());
            out.append("</message>\n</error>\n");
        }
        return out.append("</errors>\n").append(TAIL).toString();
    }

    private static void field(StringBuilder out, String api, Field field, Set<Integer> languages) {
        if (field instanceof Plain plain) {
            plain(out, api, plain);
            return;
        }
        I18n i18n = (I18n) field;
        out.append("\t<").append(i18n.name()).append('>');
        for (Map.Entry<Integer, String> value : i18n.values().entrySet()) {
            if (languages == null || languages.contains(value.getKey())) {
                out.append("<language id=\"").append(value.getKey()).append("\" xlink:href=\"").append(api)
                        .append("languages/").append(value.getKey()).append("\">");
                cdata(out, value.getValue());
                out.append("</language>");
            }
        }
        out.append("</").append(i18n.name()).append(">\n");
    }

    private static void plain(StringBuilder out, String api, Plain plain) {
        out.append("\t<").append(plain.name());
        if (plain.link() != null) {
            out.append(" xlink:href=\"").append(api).append(plain.link()).append('"');
        }
        if (plain.notFilterable()) {
            out.append(" notFilterable=\"true\"");
        }
        out.append('>');
        cdata(out, plain.value());
        out.append("</").append(plain.name()).append(">\n");
    }

    /**
     * Associations whose class declares no {@code fields} in its webservice parameters (Combination's
     * {@code product_option_values} and {@code images}, Category's {@code categories} and {@code products}):
     * in a {@code display=[...]} list PrestaShop 8.1.2 writes their items with the {@code xlink:href}
     * only, no {@code <id>} child (WebserviceOutputBuilder::renderFlatAssociation compares the field
     * key 0 with "id", which PHP 8 finds unequal). {@code display=full} and single objects keep the id.
     */
    static final Set<String> ID_ONLY_IN_LINK = Set.of("combination/product_option_values", "combination/images",
            "category/categories", "category/products");

    private static void associations(StringBuilder out, String api, String element, List<Association> associations,
                                     Display display) {
        if (associations.isEmpty() || display.minimal()) {
            return;
        }
        boolean opened = false;
        for (Association association : associations) {
            Set<String> subFields = display.associationFields(association.name());
            if (subFields == null) {
                continue;
            }
            if (!opened) {
                out.append("<associations>\n");
                opened = true;
            }
            boolean linkOnly = !display.full() && ID_ONLY_IN_LINK.contains(element + "/" + association.name());
            association(out, api, association, subFields, linkOnly);
        }
        if (opened) {
            out.append("</associations>\n");
        }
    }

    private static void association(StringBuilder out, String api, Association association, Set<String> subFields,
                                    boolean linkOnly) {
        out.append('<').append(association.name()).append(" nodeType=\"").append(association.nodeType())
                .append("\" api=\"").append(association.api()).append('"');
        if (association.items().isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        for (Item item : association.items()) {
            out.append("\t<").append(association.nodeType()).append(" xlink:href=\"").append(api)
                    .append(item.link()).append("\">\n");
            for (Plain sub : item.fields()) {
                if (!linkOnly && (subFields.isEmpty() || subFields.contains(sub.name()))) {
                    plain(out, api, sub);
                }
            }
            out.append("\t</").append(association.nodeType()).append(">\n");
        }
        out.append("</").append(association.name()).append(">\n");
    }

    /** CDATA that stays well-formed even if the text itself contains the end marker. */
    static void cdata(StringBuilder out, String text) {
        out.append("<![CDATA[");
        if (text != null) {
            out.append(text.contains("]]>") ? text.replace("]]>", "]]]]><![CDATA[>") : text);
        }
        out.append("]]>");
    }
}

package market.so.sync.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import market.so.sync.demo.WsObject.Association;
import market.so.sync.demo.WsObject.Field;
import market.so.sync.demo.WsObject.Item;

/**
 * Webservice XML written the way PrestaShop 8.1.2 writes it: tabs, CDATA around every value, hrefs on
 * links and languages, self-closing empty associations. Two shapes recorded from a real 8.1.2 shop that
 * a client must not be surprised by: in a {@code display=[...]} list an association's entries carry their
 * href only (no {@code <id>}, whatever sub-fields were asked for), and a computed price field appears
 * only when its alias is listed in {@code display} (or with {@code display=full}).
 */
final class WsXml {

    static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<prestashop xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n";
    static final String TAIL = "</prestashop>\n";

    private WsXml() {
    }

    /** {@code api}: the shop's absolute {@code .../api/} prefix; {@code languages} null: all. */
    static void object(StringBuilder out, String api, String element, WsObject object, WsQuery.Display display,
                       Set<Integer> languages, List<Field> prices) {
        out.append('<').append(element).append(">\n");
        for (Field field : object.fields()) {
            if (display.shows(field.name())) {
                field(out, api, field, languages);
            }
        }
        prices.forEach(price -> field(out, api, price, languages));
        boolean opened = false;
        for (Association association : object.associations()) {
            Set<String> shown = display.association(association.name());
            if (shown == null) {
                continue;
            }
            if (!opened) {
                out.append("<associations>\n");
                opened = true;
            }
            association(out, api, association, display.kind() == WsQuery.Kind.FULL);
        }
        if (opened) {
            out.append("</associations>\n");
        }
        out.append("</").append(element).append(">\n");
    }

    static void minimal(StringBuilder out, String api, String resource, String element, long id) {
        out.append('<').append(element).append(" id=\"").append(id).append("\" xlink:href=\"")
            .append(api).append(resource).append('/').append(id).append("\"/>\n");
    }

    static String errors(int code, String message) {
        StringBuilder out = new StringBuilder(HEAD).append("<errors>\n<error>\n<code>");
        cdata(out, Integer.toString(code));
        out.append("</code>\n<message>");
        cdata(out, message);
        return out.append("</message>\n</error>\n</errors>\n").append(TAIL).toString();
    }

    /** {@code GET /api/}: the resources with the key's rights (View and HEAD only, as the guide asks). */
    static String listing(String api, String shopName, Map<String, String> resources) {
        StringBuilder out = new StringBuilder(HEAD).append("<api shopName=\"").append(shopName).append("\">\n");
        resources.forEach((name, description) -> {
            String rights = " get=\"true\" put=\"false\" post=\"false\" patch=\"false\" delete=\"false\" head=\"true\"";
            out.append('<').append(name).append(" xlink:href=\"").append(api).append(name).append('"').append(rights).append(">\n")
                .append("<description xlink:href=\"").append(api).append(name).append('"').append(rights).append(">\n")
                .append(description).append("</description>\n");
            if (!name.equals("images")) {
                out.append("<schema xlink:href=\"").append(api).append(name).append("?schema=blank\" type=\"blank\"/>\n")
                    .append("<schema xlink:href=\"").append(api).append(name).append("?schema=synopsis\" type=\"synopsis\"/>\n");
            }
            out.append("</").append(name).append(">\n");
        });
        return out.append("</api>\n").append(TAIL).toString();
    }

    private static void field(StringBuilder out, String api, Field field, Set<Integer> languages) {
        out.append("\t<").append(field.name());
        if (field.i18n() != null) {
            out.append('>');
            field.i18n().forEach((language, text) -> {
                if (languages == null || languages.contains(language)) {
                    out.append("<language id=\"").append(language).append("\" xlink:href=\"").append(api)
                        .append("languages/").append(language).append("\">");
                    cdata(out, text);
                    out.append("</language>");
                }
            });
        } else {
            if (field.link() != null) {
                out.append(" xlink:href=\"").append(api).append(field.link()).append('"');
            }
            if (field.notFilterable()) {
                out.append(" notFilterable=\"true\"");
            }
            out.append('>');
            cdata(out, field.value());
        }
        out.append("</").append(field.name()).append(">\n");
    }

    private static void association(StringBuilder out, String api, Association association, boolean withFields) {
        out.append('<').append(association.name()).append(" nodeType=\"").append(association.nodeType())
            .append("\" api=\"").append(association.api()).append('"');
        if (association.items().isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        for (Item item : association.items()) {
            out.append("\t<").append(association.nodeType()).append(" xlink:href=\"").append(api).append(item.link()).append("\">\n");
            if (withFields) {
                item.fields().forEach(sub -> field(out, api, sub, null));
            }
            out.append("\t</").append(association.nodeType()).append(">\n");
        }
        out.append("</").append(association.name()).append(">\n");
    }

    static void cdata(StringBuilder out, String text) {
        out.append("<![CDATA[");
        if (text != null) {
            out.append(text.replace("]]>", "]]]]><![CDATA[>"));
        }
        out.append("]]>");
    }
}

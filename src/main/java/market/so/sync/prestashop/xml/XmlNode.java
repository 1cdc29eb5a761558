package market.so.sync.prestashop.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One element of a PrestaShop answer: name, attributes, text and children. PrestaShop's field set
 * differs from 1.5 to 9, so readers look fields up by name and ignore the rest, rather than binding
 * to a fixed class that would break on the next version.
 */
public final class XmlNode {

    /** The id an association item carries only in its {@code xlink:href} (see SafeXmlReader). */
    public static final String LINK_ID = "xlink-id";

    private final String name;
    private final Map<String, String> attributes;
    /** Most elements are leaves: their list is only made when a first child comes. */
    private List<XmlNode> children = List.of();
    private String text = "";

    public XmlNode(String name, Map<String, String> attributes) {
        this.name = name;
        this.attributes = attributes;
    }

    public String name() {
        return name;
    }

    public String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    public String text() {
        return text;
    }

    void appendText(String more) {
        text = text.isEmpty() ? more : text + more;
    }

    void add(XmlNode child) {
        if (children.isEmpty()) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }

    boolean hasChildren() {
        return !children.isEmpty();
    }

    public List<XmlNode> children() {
        return children.isEmpty() ? children : Collections.unmodifiableList(children);
    }

    /** The first child of that name, or null. */
    public XmlNode child(String childName) {
        for (XmlNode child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    public List<XmlNode> children(String childName) {
        List<XmlNode> found = new ArrayList<>();
        for (XmlNode child : children) {
            if (child.name.equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** Trimmed text of a child, or null when absent; PrestaShop's empty and zero dates count as absent. */
    public String value(String childName) {
        XmlNode child = child(childName);
        if (child == null) {
            return null;
        }
        String v = child.text.trim();
        if (v.isEmpty() || v.startsWith("0000-00-00")) {
            return null;
        }
        return v;
    }

    public Long longValue(String childName) {
        String v = value(childName);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The id of an association item: its {@code <id>} child ({@code display=full}) or, when PrestaShop
     * left the child out ({@code display=[...]} lists), the number at the end of its link.
     */
    public Long itemId() {
        Long id = longValue("id");
        if (id != null) {
            return id;
        }
        String linked = attributes.get(LINK_ID);
        try {
            return linked == null ? null : Long.valueOf(linked);
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }

    public boolean flag(String childName, boolean absent) {
        String v = value(childName);
        return v == null ? absent : v.equals("1") || v.equalsIgnoreCase("true");
    }

    /**
     * A multilingual field's text in exactly this language, or null when the field has no non-blank text in it
     * (no fallback: for the other languages a shop keeps, docs/decisions/0026).
     */
    public String localizedIn(String childName, String languageId) {
        XmlNode field = child(childName);
        if (field == null || languageId == null) {
            return null;
        }
        for (XmlNode language : field.children("language")) {
            if (language.text != null && languageId.equals(language.attribute("id"))) {
                String text = language.text.trim();
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    /**
     * A multilingual field: {@code <name><language id="2">...</language></name>}. Falls back to the
     * first language, then to plain text (single-language shapes of some versions).
     */
    public String localized(String childName, String languageId) {
        XmlNode field = child(childName);
        if (field == null) {
            return null;
        }
        List<XmlNode> languages = field.children("language");
        if (languages.isEmpty()) {
            return field.text.trim();
        }
        for (XmlNode language : languages) {
            if (language.text != null && languageId != null && languageId.equals(language.attribute("id"))) {
                return language.text.trim();
            }
        }
        for (XmlNode language : languages) {
            if (!language.text.isBlank()) {
                return language.text.trim();
            }
        }
        return "";
    }
}

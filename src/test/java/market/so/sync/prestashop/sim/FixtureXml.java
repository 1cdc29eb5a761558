package market.so.sync.prestashop.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import market.so.sync.prestashop.sim.SimObject.Association;
import market.so.sync.prestashop.sim.SimObject.Field;
import market.so.sync.prestashop.sim.SimObject.I18n;
import market.so.sync.prestashop.sim.SimObject.Item;
import market.so.sync.prestashop.sim.SimObject.Plain;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the responses recorded from a real PrestaShop 8.1.2 (test resources under
 * {@code prestashop-8.1.2/}) into objects, keeping every field, its order and its attributes, so
 * the simulator serves what the real shop served.
 */
final class FixtureXml {

    /** XML parsers turn CR LF into LF; recorded texts keep their CRs through this stand-in. */
    private static final String CR = "\uE00D";

    /** The address the recordings were made on; links are stored relative to it. */
    static final String RECORDED_API = "http://127.0.0.1:8089/api/";

    private FixtureXml() {
    }

    static String text(String name) {
        try (InputStream in = FixtureXml.class.getResourceAsStream("/prestashop-8.1.2/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource prestashop-8.1.2/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects under the list element of a recorded body, e.g. every {@code <product>}. */
    static List<SimObject> objects(String name) {
        Element list = firstChild(root(text(name)));
        List<SimObject> objects = new ArrayList<>();
        for (Element element : children(list)) {
            objects.add(object(element));
        }
        return objects;
    }

    private static Element root(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(xml.replace("\r", CR).getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable fixture", e);
        }
    }

    static SimObject object(Element element) {
        List<Field> fields = new ArrayList<>();
        List<Association> associations = new ArrayList<>();
        for (Element child : children(element)) {
            if (child.getTagName().equals("associations")) {
                children(child).forEach(a -> associations.add(association(a)));
            } else if (firstChild(child) != null && firstChild(child).getTagName().equals("language")) {
                Map<Integer, String> values = new LinkedHashMap<>();
                children(child).forEach(l -> values.put(Integer.parseInt(l.getAttribute("id")), textOf(l)));
                fields.add(new I18n(child.getTagName(), values));
            } else {
                fields.add(plain(child));
            }
        }
        long id = Long.parseLong(((Plain) fields.get(0)).value());
        return new SimObject(id, List.copyOf(fields), List.copyOf(associations));
    }

    private static Association association(Element element) {
        List<Item> items = new ArrayList<>();
        for (Element item : children(element)) {
            List<Plain> fields = new ArrayList<>();
            children(item).forEach(f -> fields.add(plain(f)));
            items.add(new Item(relative(item.getAttribute("xlink:href")), List.copyOf(fields)));
        }
        return new Association(element.getTagName(), element.getAttribute("nodeType"), element.getAttribute("api"),
                List.copyOf(items));
    }

    private static Plain plain(Element element) {
        String href = element.getAttribute("xlink:href");
        return new Plain(element.getTagName(), textOf(element), href.isEmpty() ? null : relative(href),
                "true".equals(element.getAttribute("notFilterable")));
    }

    private static String textOf(Element element) {
        return element.getTextContent().replace(CR, "\r");
    }

    private static String relative(String href) {
        return href.startsWith(RECORDED_API) ? href.substring(RECORDED_API.length()) : href;
    }

    private static Element firstChild(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}

package market.so.sync.prestashop.xml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads PrestaShop XML with a StAX parser (Woodstox, brought by camel-jacksonxml) set up for
 * untrusted input: no DTD, no external entities, bounded depth, and the caller bounds the bytes.
 * A document that declares a DTD is refused outright: PrestaShop never sends one, so a DTD can
 * only be an entity-expansion or XXE attempt. The parser reads through {@link XmlCharFilter}, which
 * drops the control characters XML 1.0 forbids and merchants paste into product texts.
 */
public final class SafeXmlReader {

    private static final int MAX_DEPTH = 32;
    private final XMLInputFactory factory;

    public SafeXmlReader() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** Reads a whole (small) document. */
    public XmlNode read(InputStream in) {
        XmlNode[] root = new XmlNode[1];
        stream(in, 0, node -> root[0] = node);
        return root[0];
    }

    /**
     * Streams the elements found at {@code depth} (0 = root, 2 = each product of
     * {@code <prestashop><products><product>}) to the consumer as they are completed, so that a
     * page never has to be held whole. Returns the name of the element at depth 1 (e.g. "products",
     * "errors", "api"), or null for an empty document.
     */
    public String stream(InputStream in, int depth, Consumer<XmlNode> sink) {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(XmlCharFilter.of(in));
            Deque<XmlNode> open = new ArrayDeque<>();
            String section = null;
            boolean sawRoot = false;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD ->
                        throw new HostileXml("refused: the document declares a DTD");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new HostileXml("refused: the document uses an entity reference");
                    case XMLStreamConstants.START_ELEMENT -> {
                        sawRoot = true;
                        if (open.size() >= MAX_DEPTH) {
                            throw new HostileXml("refused: elements nested deeper than " + MAX_DEPTH);
                        }
                        XmlNode node = new XmlNode(reader.getLocalName(), attributes(reader, inAssociation(open)));
                        if (open.size() == 1 && section == null) {
                            section = node.name();
                        }
                        if (!open.isEmpty() && open.size() > depth) {
                            open.peek().add(node);
                        }
                        open.push(node);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        // the indentation between an element's children is no text of it (PrestaShop sends no mixed
                        // content): not made into strings, nor appended to the parent's text over and over
                        if (!open.isEmpty() && open.size() > depth
                            && !(open.peek().hasChildren() && reader.isWhiteSpace())) {
                            open.peek().appendText(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlNode done = open.pop();
                        if (open.size() == depth) {
                            sink.accept(done);
                        }
                    }
                    default -> { }
                }
            }
            if (!sawRoot) {
                throw new UnreadableXml("empty document");
            }
            return section;
        } catch (XMLStreamException e) {
            throw new UnreadableXml("malformed XML: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new UnreadableXml("unreadable answer: " + e.getClass().getSimpleName());
        } finally {
            close(reader, in);
        }
    }

    /**
     * The element's attributes but its {@code xlink:href} links, which PrestaShop puts on most elements
     * of a full product and nothing here follows: not keeping them spares a map per element. The one
     * exception is an item of an association list ({@code <associations><product_option_values>
     * <product_option_value xlink:href=".../product_option_values/8">}): in {@code display=[...]} lists
     * PrestaShop 8 leaves out the {@code <id>} child of associations that declare no fields (a
     * combination's option values and images), so the link is the only place the id is; it is kept as
     * attribute {@link XmlNode#LINK_ID}.
     */
    private static Map<String, String> attributes(XMLStreamReader reader, boolean associationItem) {
        int count = reader.getAttributeCount();
        Map<String, String> attributes = null;
        for (int i = 0; i < count; i++) {
            String name = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i);
            if (name.endsWith("href")) {
                if (!associationItem) {
                    continue;
                }
                name = XmlNode.LINK_ID;
                value = lastSegment(value);
                if (value == null) {
                    continue;
                }
            }
            if (attributes == null) {
                attributes = new HashMap<>(4);
            }
            attributes.put(name, value);
        }
        return attributes == null ? Map.of() : attributes;
    }

    /** True when the element about to open is an item of a list under {@code <associations>}. */
    private static boolean inAssociation(Deque<XmlNode> open) {
        if (open.size() < 2) {
            return false;
        }
        java.util.Iterator<XmlNode> up = open.iterator();
        up.next();
        return up.next().name().equals("associations");
    }

    /** "8" of ".../api/product_option_values/8"; null when the link does not end with a number. */
    private static String lastSegment(String href) {
        int end = href.length();
        while (end > 0 && href.charAt(end - 1) == '/') {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isDigit(href.charAt(start - 1))) {
            start--;
        }
        return start == end ? null : href.substring(start, end);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void close(XMLStreamReader reader, InputStream in) {
        try {
            if (reader != null) {
                reader.close();
            }
            in.close();
        } catch (XMLStreamException | IOException ignored) {
            // nothing more to read; the connection is released by the caller
        }
    }

    /** The answer is not XML we accept: malformed, hostile or empty. */
    public static class UnreadableXml extends RuntimeException {
        public UnreadableXml(String message) {
            super(message);
        }
    }

    /** The document tries something PrestaShop never does (DTD, entities, absurd nesting): refused, not retried. */
    public static class HostileXml extends UnreadableXml {
        public HostileXml(String message) {
            super(message);
        }
    }
}

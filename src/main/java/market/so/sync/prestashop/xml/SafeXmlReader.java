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
 * only be an entity-expansion or XXE attempt.
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
            reader = factory.createXMLStreamReader(in);
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
                        // the entries of an association (their parent has nodeType) keep their href: in a
                        // display=[...] list it is their only id (no <id> child), as a real 8.1.2 writes them
                        boolean entry = !open.isEmpty() && open.peek().attribute("nodeType") != null;
                        XmlNode node = new XmlNode(reader.getLocalName(), attributes(reader, entry));
                        if (open.size() == 1 && section == null) {
                            section = node.name();
                        }
                        if (!open.isEmpty() && open.size() > depth) {
                            open.peek().add(node);
                        }
                        open.push(node);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty() && open.size() > depth) {
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
        } finally {
            close(reader, in);
        }
    }

    /**
     * The element's attributes but its {@code xlink:href} links, which PrestaShop puts on most elements
     * of a full product and nothing here follows (but association entries): not keeping them spares a map
     * per element.
     */
    private static Map<String, String> attributes(XMLStreamReader reader, boolean keepHref) {
        int count = reader.getAttributeCount();
        Map<String, String> attributes = null;
        for (int i = 0; i < count; i++) {
            String name = reader.getAttributeLocalName(i);
            if (keepHref || !name.endsWith("href")) {
                if (attributes == null) {
                    attributes = new HashMap<>(4);
                }
                attributes.put(name, reader.getAttributeValue(i));
            }
        }
        return attributes == null ? Map.of() : attributes;
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

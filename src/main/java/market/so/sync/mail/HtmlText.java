package market.so.sync.mail;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the HTML that Gmail, Outlook and Apple Mail send into the text a human reads, with jsoup rather than
 * regular expressions (comments, entities, {@code <style>} blocks and broken markup are jsoup's job).
 *
 * <p>Two things plain {@code Element.text()} would lose are kept: line breaks (a key split over two lines is
 * still found, and lines stay lines for quote detection), and link targets, written as {@code <href>} after the
 * link's text, because signatures say "Notre boutique" and put the shop's address only in the link.
 * {@code <blockquote>} content is prefixed with "> " like a plain-text quote.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3",
            "h4", "h5", "h6", "pre", "hr", "address", "section", "article", "header", "footer", "center", "dl", "dt",
            "dd", "blockquote");

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parse(html);
        document.select("script, style, title, head, [hidden], [style~=(?i)display:\\s*none]").remove();
        Writer writer = new Writer();
        NodeTraversor.traverse(writer, document.body());
        return writer.text.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static final class Writer implements NodeVisitor {
        final StringBuilder text = new StringBuilder();
        int quoteDepth;
        int preDepth;
        boolean lineStart = true;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
                append(preDepth > 0 ? textNode.getWholeText() : textNode.text());
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("br")) {
                    newLine();
                } else if (BLOCKS.contains(name)) {
                    endLine();
                }
                if (name.equals("blockquote")) {
                    quoteDepth++;
                } else if (name.equals("pre")) {
                    preDepth++;
                } else if (name.equals("td") || name.equals("th")) {
                    append(" ");
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            String name = element.normalName();
            if (name.equals("a")) {
                String href = element.attr("href").trim();
                if (href.regionMatches(true, 0, "http", 0, 4) && !element.text().contains(stripScheme(href))) {
                    append(" <" + href + ">");
                }
            } else if (name.equals("blockquote")) {
                endLine();
                quoteDepth--;
            } else if (name.equals("pre")) {
                preDepth--;
            }
            if (BLOCKS.contains(name)) {
                endLine();
            }
        }

        private void append(String chunk) {
            if (preDepth == 0) {
                write(chunk);
                return;
            }
            String[] lines = chunk.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    newLine();
                }
                write(lines[i]);
            }
        }

        private void write(String piece) {
            String value = piece.replace('\u00a0', ' ');
            if (lineStart) {
                value = value.stripLeading();
            }
            if (value.isEmpty()) {
                return;
            }
            if (lineStart) {
                text.append("> ".repeat(Math.max(0, quoteDepth)));
                lineStart = false;
            }
            text.append(value);
        }

        private void newLine() {
            if (quoteDepth > 0 && lineStart) {
                text.append(">".repeat(quoteDepth));
            }
            text.append('\n');
            lineStart = true;
        }

        private void endLine() {
            if (!lineStart) {
                newLine();
            }
        }

        private static String stripScheme(String href) {
            String bare = href.replaceFirst("(?i)^https?://", "");
            return bare.endsWith("/") ? bare.substring(0, bare.length() - 1) : bare;
        }
    }
}

package market.so.sync.prestashop.xml;

import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a webservice answer with the characters XML 1.0 forbids left out (U+0000-U+0008,
 * U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF). PrestaShop writes product names and descriptions
 * as merchants pasted them, word-processor control characters included, and a strict parser would
 * fail the whole page, hence the whole shop, on one of them. A leading byte-order mark is dropped too.
 * The charset is the one the XML declaration names (PrestaShop always writes UTF-8).
 */
public final class XmlCharFilter extends FilterReader {

    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private boolean started;

    private XmlCharFilter(Reader in) {
        super(in);
    }

    /** A filtered reader over the bytes of an answer, in the charset its declaration names. */
    public static Reader of(InputStream bytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(bytes, 8192);
        return new XmlCharFilter(new InputStreamReader(in, declaredCharset(in)));
    }

    static Charset declaredCharset(BufferedInputStream in) throws IOException {
        in.mark(256);
        byte[] head = in.readNBytes(256);
        in.reset();
        String start = new String(head, StandardCharsets.ISO_8859_1);
        int end = start.indexOf("?>");
        Matcher m = ENCODING.matcher(end < 0 ? start : start.substring(0, end));
        if (start.contains("<?xml") && m.find()) {
            try {
                return Charset.forName(m.group(1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    static boolean allowed(char c) {
        return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        while (true) {
            int n = in.read(buffer, offset, length);
            if (n <= 0) {
                return n;
            }
            int kept = offset;
            for (int i = offset; i < offset + n; i++) {
                char c = buffer[i];
                if (allowed(c) && (started || c != '\uFEFF')) {
                    buffer[kept++] = c;
                }
                started = true;
            }
            if (kept > offset) {
                return kept - offset;
            }
            // everything read was dropped: read on rather than answer 0, which callers take for "no progress"
        }
    }

    @Override
    public long skip(long count) throws IOException {
        char[] sink = new char[(int) Math.min(count, 8192)];
        long skipped = 0;
        while (skipped < count) {
            int n = read(sink, 0, (int) Math.min(sink.length, count - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

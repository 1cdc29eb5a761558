package market.so.sync.prestashop;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;
import market.so.sync.prestashop.xml.SafeXmlReader;
import market.so.sync.shop.AddressGuard;
import market.so.sync.prestashop.xml.XmlNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The two ends of route {@code webservice-call}: {@link #prepare} turns the call into the headers of
 * the HTTP endpoint (nothing about the shop in the endpoint URI), {@link #read} turns the HTTP answer
 * into XML elements streamed to the caller, or into the {@link WebserviceException} it means.
 */
@Component("webserviceAnswers")
public class WebserviceAnswers {

    static final String CALL = "wsCall";
    static final String SINK = "wsSink";
    static final String DEPTH = "wsDepth";
    static final String METER = "wsMeter";
    static final String LOCAL_SHA1 = "wsLocalSha1";

    private final SafeXmlReader xml = new SafeXmlReader();
    private final AddressGuard guard;

    public WebserviceAnswers(AddressGuard guard) {
        this.guard = guard;
    }

    public void prepare(Exchange exchange) throws IOException {
        WebserviceCall call = exchange.getProperty(CALL, WebserviceCall.class);
        guard.checkOrigin(call.url());
        Message message = exchange.getMessage();
        message.setBody(null);
        message.setHeader(Exchange.HTTP_URI, call.url());
        message.setHeader(Exchange.HTTP_QUERY, call.query());
        message.setHeader("Accept", "text/xml, application/xml");
        message.setHeader("User-Agent", "So.market-sync/1.0 (+https://so.market)");
        String authorization = call.authorization();
        if (authorization != null) {
            message.setHeader("Authorization", authorization);
        }
        String localSha1 = exchange.getProperty(LOCAL_SHA1, String.class);
        if (localSha1 != null) {
            message.setHeader("Local-Content-Sha1", localSha1);
        }
        RequestMeter meter = exchange.getProperty(METER, RequestMeter.class);
        if (meter != null) {
            meter.request();
            if (meter.deadline() != null) {
                // read by ShopRequestGuard (and removed there): the request never outlives the sync
                message.setHeader(ShopRequestGuard.DEADLINE_HEADER, meter.deadline().toEpochMilli());
            }
        }
    }

    @SuppressWarnings("unchecked")
    public void read(Exchange exchange) throws IOException {
        WebserviceCall call = exchange.getProperty(CALL, WebserviceCall.class);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String contentType = headerLower(message, "Content-Type");
        String psVersion = message.getHeader("PSWS-Version", String.class);
        boolean prestashopHeaders = psVersion != null || message.getHeader("WWW-Authenticate", "", String.class)
            .contains("PrestaShop") || message.getHeader("X-Powered-By", "", String.class).contains("PrestaShop");
        InputStream raw = message.getBody(InputStream.class);
        CountingStream body = new CountingStream(raw);
        message.setBody(null);
        boolean complete = false;
        try {
            if (status == 304) {
                exchange.setProperty("wsAnswer", new WebserviceAnswer(304, null, psVersion, null, 0));
                complete = true;
                return;
            }
            if (status >= 300 && status < 400) {
                throw new WebserviceException.Redirected(status, message.getHeader("Location", String.class));
            }
            boolean xmlBody = contentType.contains("xml") && body.looksLikeXml();
            if (status >= 200 && status < 300) {
                if (!xmlBody) {
                    throw new WebserviceException.NotPrestashop("the address answered " + status
                        + " with " + (contentType.isEmpty() ? "no content type" : contentType) + " instead of webservice XML");
                }
                Consumer<XmlNode> sink = exchange.getProperty(SINK, Consumer.class);
                if (sink instanceof WebserviceClient.Collector rows) {
                    rows.clear(); // a retry after a body cut half-way: the rows of the broken try are dropped
                }
                int depth = exchange.getProperty(DEPTH, 2, Integer.class);
                String section = streamAnswer(body, depth, sink, call);
                exchange.setProperty("wsAnswer", new WebserviceAnswer(status, section, psVersion,
                    message.getHeader("Content-Sha1", String.class), body.count));
                complete = true;
                return;
            }
            XmlNode root = xmlBody ? readError(body, call) : null;
            complete = true;
            throw WebserviceErrors.classify(status, root, prestashopHeaders, retryAfter(message), call.describe());
        } finally {
            RequestMeter meter = exchange.getProperty(METER, RequestMeter.class);
            if (meter != null) {
                meter.bytes(body.count);
            }
            if (complete) {
                body.release(); // a complete answer: its connection goes back to the pool
            } else {
                ShopRequestGuard.abort(raw); // anything else: the connection is closed, never drained
            }
        }
    }

    private String streamAnswer(CountingStream body, int depth, Consumer<XmlNode> sink, WebserviceCall call)
            throws IOException {
        XmlNode[] root = new XmlNode[1];
        String section;
        try {
            section = xml.stream(body, depth, depth == 0 ? node -> root[0] = node : sink);
        } catch (SafeXmlReader.HostileXml e) {
            throw new WebserviceException(market.so.sync.shop.ShopStatus.SYNC_FAILED, "hostile XML " + e.getMessage());
        } catch (SafeXmlReader.UnreadableXml e) {
            throw brokenOff(body, call, e);
        }
        if (depth == 0 && sink != null) {
            sink.accept(root[0]);
        }
        return section;
    }

    /**
     * What an XML error really was: the network's (a body cut short, too large, too slow: the stream's own
     * exception), a document that ended early (a cut at a chunk boundary), or XML the shop really sent.
     */
    private static RuntimeException brokenOff(CountingStream body, WebserviceCall call, SafeXmlReader.UnreadableXml e)
            throws IOException {
        IOException failure = body.failure;
        if (failure instanceof ResponseLimits.TooLarge || failure instanceof java.io.InterruptedIOException) {
            throw failure;
        }
        if (failure != null) {
            throw new CutShort(call.brief(), body.count, failure.getClass().getSimpleName() + ": "
                + failure.getMessage(), failure);
        }
        if (body.ended) {
            throw new CutShort(call.brief(), body.count, "the XML document ends early (" + e.getMessage() + ")", null);
        }
        return new WebserviceException.Transient(market.so.sync.shop.ShopStatus.SYNC_FAILED, 200, null,
            "unreadable webservice answer: " + e.getMessage(), null);
    }

    /** A body that broke off before its end: a network failure, asked again like a reset connection. */
    public static class CutShort extends IOException {
        CutShort(String what, long bytes, String why, Throwable cause) {
            super("the answer to " + what + " broke off after " + bytes + " bytes: " + why, cause);
        }
    }

    private XmlNode readError(CountingStream body, WebserviceCall call) throws IOException {
        try {
            return xml.read(body);
        } catch (SafeXmlReader.UnreadableXml e) {
            if (body.failure != null) {
                throw brokenOff(body, call, e);
            }
            return null;
        }
    }

    private static Long retryAfter(Message message) {
        String value = message.getHeader("Retry-After", String.class);
        if (value == null) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim())) * 1000;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String headerLower(Message message, String name) {
        String value = message.getHeader(name, String.class);
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    /**
     * Counts what we read, peeks at the first bytes to tell XML from an HTML error page, and remembers how
     * the stream ended (its last byte, or the I/O error the XML parser only reports as malformed XML). The
     * parser's close does not close it: {@link #read(Exchange)} decides between release and abort.
     */
    private static final class CountingStream extends InputStream {
        private final InputStream raw;
        private final BufferedInputStream in;
        private long count;
        private boolean ended;
        private IOException failure;

        CountingStream(InputStream in) {
            this.raw = in;
            this.in = in == null ? null : new BufferedInputStream(in, 8192);
        }

        boolean looksLikeXml() throws IOException {
            if (in == null) {
                return false;
            }
            in.mark(256);
            byte[] head;
            try {
                head = in.readNBytes(256);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            in.reset();
            String start = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
            if (start.startsWith("\uFEFF") || start.startsWith("\u00EF\u00BB\u00BF")) {
                start = start.substring(start.startsWith("\uFEFF") ? 1 : 3);
            }
            return start.startsWith("<?xml") || start.startsWith("<prestashop");
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (in == null) {
                return -1;
            }
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
            if (n > 0) {
                count += n;
            } else if (n < 0) {
                ended = true;
            }
            return n;
        }

        @Override
        public void close() {
            // the XML parser closes what it reads; the connection's fate is decided by release() or abort
        }

        void release() {
            if (raw != null) {
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // the guard has closed the connection instead
                }
            }
        }
    }
}

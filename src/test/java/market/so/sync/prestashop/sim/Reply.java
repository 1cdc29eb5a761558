package market.so.sync.prestashop.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Sends answers. XML bodies are buffered so that, like PrestaShop, the answer carries
 * {@code Content-Sha1} and honours {@code Local-Content-Sha1} with a 304; only a body larger than
 * {@link #STREAM_ABOVE} (an unpaged list of a huge shop) is streamed chunked, without the hash,
 * so that no answer ever needs the whole catalogue in memory.
 */
final class Reply {

    static final int STREAM_ABOVE = 16 * 1024 * 1024;
    static final String XML = "text/xml;charset=utf-8";

    private final HttpExchange exchange;
    private final Map<String, String> headers;
    private final boolean head;
    private byte[] buffer = new byte[16 * 1024];
    private int length;
    private OutputStream stream;
    private long streamed;
    private int status = 200;

    /** An XML answer of status 200 built piece by piece. */
    Reply(HttpExchange exchange, Map<String, String> headers) {
        this.exchange = exchange;
        this.headers = headers;
        this.head = exchange.getRequestMethod().equals("HEAD");
    }

    void append(CharSequence text) throws IOException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (stream != null) {
            stream.write(bytes);
            streamed += bytes.length;
            return;
        }
        if (length + bytes.length > buffer.length) {
            if (length + bytes.length > STREAM_ABOVE && !head) {
                startStreaming();
                append(text);
                return;
            }
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes.length));
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void startStreaming() throws IOException {
        setHeaders(exchange, headers);
        exchange.getResponseHeaders().set("Content-Type", XML);
        exchange.sendResponseHeaders(200, 0);
        stream = exchange.getResponseBody();
        stream.write(buffer, 0, length);
        streamed = length;
        buffer = null;
    }

    /** Ends the answer; returns the number of body bytes sent. */
    long finish() throws IOException {
        if (stream != null) {
            stream.close();
            return streamed;
        }
        String sha1 = sha1(buffer, length);
        if (sha1.equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Local-Content-Sha1"))) {
            setHeaders(exchange, headers);
            status = 304;
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return 0;
        }
        setHeaders(exchange, headers);
        exchange.getResponseHeaders().set("Content-Type", XML);
        exchange.getResponseHeaders().set("Content-Sha1", sha1);
        return sendRaw(exchange, 200, buffer, length);
    }

    /** 200, or 304 when the client already had these bytes. */
    int status() {
        return status;
    }

    static String sha1(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A complete answer with the given content type (null = the blank Content-Type PrestaShop sends on 404). */
    static long send(HttpExchange exchange, int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        setHeaders(exchange, headers);
        exchange.getResponseHeaders().set("Content-Type", contentType == null ? "" : contentType);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return sendRaw(exchange, status, bytes, bytes.length);
    }

    static long sendBytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        return sendRaw(exchange, status, body, body.length);
    }

    private static long sendRaw(HttpExchange exchange, int status, byte[] body, int length) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head || length == 0) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return 0;
        }
        exchange.sendResponseHeaders(status, length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, 0, length);
        }
        return length;
    }

    private static void setHeaders(HttpExchange exchange, Map<String, String> headers) {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    }
}

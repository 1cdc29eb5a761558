package market.so.sync.prestashop.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An answer whose body misbehaves the way hostile or unlucky hosts' do: it trickles, breaks off, is far
 * too large (with or without {@code Content-Length}), never ends, or is PrestaShop's XML error document on
 * a 503. Planned on one shop for the requests whose path starts with {@code pathPrefix} and whose query has
 * the parameters of {@code query} (values compared by prefix), a number of times ({@code -1}: every time), after
 * letting the first {@code before} such requests through. The bodies are PrestaShop-shaped products lists, so
 * that only the fault differs; {@link Kind#CUT_ANSWER} cuts the shop's own answer instead.
 */
record BodyFault(Kind kind, String pathPrefix, Map<String, String> query, int status, Integer retryAfterSeconds,
                 long bytes, Duration every, AtomicInteger before, AtomicInteger left) {

    enum Kind { TRICKLE, CUT_BODY, CUT_XML, CUT_ANSWER, OVERSIZED, OVERSIZED_CHUNKED, ENDLESS_CHUNKED, XML_ERROR }

    /** Thrown after a body was cut: the server then drops the connection (the JDK server closes it on an I/O error). */
    static final class CutConnection extends IOException {
        final long sent;

        CutConnection(long sent) {
            super("simulated: connection cut after " + sent + " bytes", null);
            this.sent = sent;
        }
    }

    boolean matches(String path, Map<String, String> params) {
        return path.startsWith(pathPrefix) && query.entrySet().stream()
                .allMatch(e -> params.getOrDefault(e.getKey(), "").startsWith(e.getValue()));
    }

    /** Takes one use of this plan; false for the requests let through before it, and when it is spent. */
    boolean take() {
        if (before.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
            return false;
        }
        return left.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0;
    }

    /**
     * For {@link Kind#CUT_ANSWER}: the shop's own answer goes out with its {@code Content-Length}, but only
     * the first half of its body is sent; then the connection drops.
     */
    void cutAnswer(HttpExchange exchange) {
        exchange.setStreams(null, new HalfBody(exchange, exchange.getResponseBody()));
    }

    /** Sends the faulty answer; returns {status, body bytes sent}. */
    long[] send(HttpExchange exchange) throws IOException {
        switch (kind) {
            case XML_ERROR -> {
                if (retryAfterSeconds != null) {
                    exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds.toString());
                }
                exchange.getResponseHeaders().set("PSWS-Version", "8.1.2");
                return new long[] {status, Reply.send(exchange, status, Reply.XML,
                        XmlWriter.errors(List.of(Map.entry((int) bytes, "[PHP Warning #2] mysqli::real_connect(): "
                                + "(HY000/1040): Too many connections"))), Map.of())};
            }
            case CUT_XML -> {
                byte[] half = products(bytes / 2);
                return new long[] {200, Reply.sendBytes(exchange, 200, Reply.XML, half)};
            }
            default -> {
                return stream(exchange);
            }
        }
    }

    private long[] stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", Reply.XML);
        exchange.getResponseHeaders().set("PSWS-Version", "8.1.2");
        boolean chunked = kind == Kind.OVERSIZED_CHUNKED || kind == Kind.ENDLESS_CHUNKED;
        exchange.sendResponseHeaders(200, chunked ? 0 : bytes);
        long limit = kind == Kind.ENDLESS_CHUNKED ? Long.MAX_VALUE : kind == Kind.CUT_BODY ? bytes / 2 : bytes;
        long sent = 0;
        OutputStream out = exchange.getResponseBody();
        try {
            byte[] head = (XmlWriter.HEAD + "<products>\n").getBytes(StandardCharsets.UTF_8);
            byte[] rows = rows(64 * 1024);
            while (sent < limit) {
                byte[] block = sent == 0 ? head : rows;
                if (kind == Kind.TRICKLE) {
                    for (int i = 0; i < block.length && sent < limit; i++) {
                        out.write(block[i]);
                        out.flush();
                        sent++;
                        Thread.sleep(every.toMillis());
                    }
                    continue;
                }
                int n = (int) Math.min(block.length, limit - sent);
                out.write(block, 0, n);
                sent += n;
            }
        } catch (IOException clientGone) {
            // the client closed the connection: what a well-behaved client does with such an answer
            return new long[] {200, sent};
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return new long[] {200, sent};
        }
        if (kind == Kind.CUT_BODY) {
            out.flush();
            throw new CutConnection(sent);
        }
        out.close();
        return new long[] {200, sent};
    }

    /** About {@code size} bytes of a products list, cut wherever the size falls. */
    static byte[] products(long size) {
        byte[] head = (XmlWriter.HEAD + "<products>\n").getBytes(StandardCharsets.UTF_8);
        byte[] rows = rows(size);
        byte[] all = java.util.Arrays.copyOf(head, (int) size);
        System.arraycopy(rows, 0, all, head.length, (int) size - head.length);
        return all;
    }

    /** Whole product rows, repeated to at least {@code size} bytes. */
    private static byte[] rows(long size) {
        StringBuilder xml = new StringBuilder((int) size + 256);
        for (int id = 1; xml.length() < size; id++) {
            xml.append("<product>\n<id><![CDATA[").append(id).append("]]></id>\n<name><language id=\"1\"><![CDATA[Produit ")
                    .append(id).append("]]></language></name>\n</product>\n");
        }
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Passes on about the first half of the announced body, then throws {@link CutConnection}. The cut falls
     * inside the first value ({@code <![CDATA[...}) that starts after the half, as when a large page breaks
     * off in the middle of a product's text; at the half itself when no value follows it in the same write.
     */
    private static final class HalfBody extends java.io.FilterOutputStream {
        private static final byte[] VALUE = "<![CDATA[".getBytes(StandardCharsets.US_ASCII);
        private final HttpExchange exchange;
        private long cutAt = -1;
        private long sent;
        private boolean cut;

        HalfBody(HttpExchange exchange, OutputStream out) {
            super(out);
            this.exchange = exchange;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (cutAt < 0) {
                String announced = exchange.getResponseHeaders().getFirst("Content-length");
                cutAt = announced == null ? 0 : Long.parseLong(announced) / 2;
                int value = indexOf(bytes, offset + (int) cutAt, offset + length);
                if (value >= 0 && value + VALUE.length + 1 < offset + length) {
                    cutAt = value - offset + VALUE.length + 1L;
                }
            }
            int n = (int) Math.max(0, Math.min(length, cutAt - sent));
            out.write(bytes, offset, n);
            sent += n;
            if (n < length) {
                out.flush();
                cut = true;
                throw new CutConnection(sent);
            }
        }

        private static int indexOf(byte[] bytes, int from, int end) {
            for (int i = Math.max(from, 0); i + VALUE.length <= end; i++) {
                if (java.util.Arrays.equals(bytes, i, i + VALUE.length, VALUE, 0, VALUE.length)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            if (!cut) {
                super.close();
            }
        }
    }
}

package market.so.sync.prestashop;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;

/**
 * The outermost step of HttpClient's chain for shop calls: a whole-request deadline (docs/decisions/0014)
 * and the connection policy (0015). The deadline covers the wait for a pooled connection, the connect, the
 * headers and every byte of the body, however slowly they come: at it, the request is cancelled, which
 * closes its socket under the thread reading it. A connection goes back to the pool only after an answer
 * read to its last byte; on every other path (error, size cap, deadline, a reader that gave up) it is
 * closed, never drained: draining is what let a 100 MB or endless answer hold a pooled connection.
 */
final class ShopRequestGuard implements ExecChainHandler {

    /** Epoch ms a caller may set as a request header: the request ends at it if sooner than the request limit. */
    static final String DEADLINE_HEADER = "Somarket-Deadline";
    /** What a reader may leave unread after a complete document (trailing blanks) and still reuse the connection. */
    private static final int DRAIN_LIMIT = 64 * 1024;

    private final ScheduledExecutorService timer;
    private final long requestLimitMillis;
    private final long maxBytes;

    ShopRequestGuard(ScheduledExecutorService timer, long requestLimitMillis, long maxBytes) {
        this.timer = timer;
        this.requestLimitMillis = requestLimitMillis;
        this.maxBytes = maxBytes;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        long now = System.currentTimeMillis();
        long deadline = now + requestLimitMillis;
        String limit = "its time limit (somarket.sync.request-time-limit, " + requestLimitMillis / 1000 + " s)";
        Header asked = request.getFirstHeader(DEADLINE_HEADER);
        if (asked != null) {
            request.removeHeaders(DEADLINE_HEADER);
            long syncDeadline = parse(asked.getValue(), deadline);
            if (syncDeadline < deadline) {
                deadline = syncDeadline;
                limit = "the sync's time limit (somarket.sync.shop-time-limit or the run's)";
            }
        }
        long remaining = deadline - now;
        if (remaining <= 0) {
            throw new DeadlineReached("the request was not sent: past " + limit, null);
        }
        RequestConfig config = scope.clientContext.getRequestConfigOrDefault();
        scope.clientContext.setRequestConfig(RequestConfig.copy(config)
            .setConnectionRequestTimeout(shorter(config.getConnectionRequestTimeout(), remaining))
            .setResponseTimeout(shorter(config.getResponseTimeout(), remaining))
            .build());
        Watch watch = new Watch(scope.originalRequest, limit);
        watch.arm(timer, remaining);
        try {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                watch.finish();
                return response;
            }
            if (entity.getContentLength() > maxBytes) {
                watch.abort(null);
                throw new ResponseLimits.TooLarge(maxBytes, entity.getContentLength());
            }
            response.setEntity(new GuardedEntity(entity, watch, maxBytes));
            return response;
        } catch (IOException | HttpException | RuntimeException e) {
            watch.abort(null);
            if (watch.fired()) {
                throw watch.reached(e);
            }
            throw e;
        }
    }

    /**
     * Gives up an answer whose body the caller will not read to its end: the connection is closed, not drained
     * and not pooled. A stream that is not a guarded one is simply closed.
     */
    static void abort(InputStream body) {
        if (body instanceof GuardedStream guarded) {
            guarded.abort();
        } else if (body != null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // nothing more to do with it
            }
        }
    }

    private static long parse(String value, long otherwise) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Timeout shorter(Timeout configured, long millis) {
        return configured == null || configured.isDisabled() || configured.toMilliseconds() > millis
            ? Timeout.ofMilliseconds(millis) : configured;
    }

    /** The request's deadline passed (waiting for a connection, for the answer, or while its body came). */
    static final class DeadlineReached extends InterruptedIOException {
        DeadlineReached(String message, Throwable cause) {
            super(message);
            initCause(cause);
        }
    }

    /** The timer of one request and the one way to drop its connection (cancelling the request). */
    private static final class Watch {
        private final Cancellable request;
        private final String limit;
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> alarm;

        Watch(Object request, String limit) {
            this.request = request instanceof Cancellable c ? c : null;
            this.limit = limit;
        }

        void arm(ScheduledExecutorService timer, long millis) {
            alarm = timer.schedule(() -> {
                fired.set(true);
                cancel();
            }, millis, TimeUnit.MILLISECONDS);
        }

        boolean fired() {
            return fired.get();
        }

        DeadlineReached reached(Throwable cause) {
            return new DeadlineReached("the request took longer than " + limit, cause);
        }

        /** The answer was read to its end: its connection is already back in the pool. */
        void finish() {
            ScheduledFuture<?> a = alarm;
            if (a != null) {
                a.cancel(false);
            }
        }

        /** Closes the connection (HttpClient's cancel discards it from the pool), then the stream without draining. */
        void abort(EofSensorInputStream body) {
            finish();
            cancel();
            if (body != null) {
                try {
                    body.abort();
                } catch (IOException ignored) {
                    // the connection is gone either way
                }
            }
        }

        private void cancel() {
            if (request != null) {
                request.cancel();
            }
        }
    }

    /** The shop's answer as the caller sees it: one guarded stream, however often it is asked for. */
    private static final class GuardedEntity extends HttpEntityWrapper {
        private final Watch watch;
        private final long maxBytes;
        private GuardedStream stream;

        GuardedEntity(HttpEntity entity, Watch watch, long maxBytes) {
            super(entity);
            this.watch = watch;
            this.maxBytes = maxBytes;
        }

        @Override
        public synchronized InputStream getContent() throws IOException {
            if (stream == null) {
                try {
                    stream = new GuardedStream(super.getContent(), watch, maxBytes);
                } catch (IOException | RuntimeException e) {
                    watch.abort(null);
                    if (watch.fired()) {
                        throw watch.reached(e);
                    }
                    throw e;
                }
            }
            return stream;
        }

        @Override
        public void close() throws IOException {
            if (stream != null) {
                stream.close();
            } else {
                watch.abort(null);
            }
        }
    }

    /**
     * Counts the bytes against the size cap, turns a read cut by the deadline into {@link DeadlineReached},
     * and decides at close whether the connection may be reused (the whole answer was read) or is closed.
     */
    static final class GuardedStream extends InputStream {
        private final InputStream in;
        private final Watch watch;
        private final long max;
        private long count;
        private boolean ended;
        private boolean closed;

        GuardedStream(InputStream in, Watch watch, long max) {
            this.in = in;
            this.watch = watch;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (closed) {
                throw new IOException("the answer was closed");
            }
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                abort();
                if (watch.fired()) {
                    throw watch.reached(e);
                }
                throw e;
            }
            if (n < 0) {
                ended = true;
                watch.finish();
                return -1;
            }
            count += n;
            if (count > max) {
                abort();
                throw new ResponseLimits.TooLarge(max, -1);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return ended || closed ? 0 : in.available();
        }

        /** Reuses the connection when at most a few trailing bytes were left unread; closes it otherwise. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            byte[] skip = new byte[8192];
            long drained = 0;
            try {
                while (!ended && !closed && drained <= DRAIN_LIMIT) {
                    int n = read(skip, 0, skip.length);
                    drained += Math.max(n, 0);
                }
            } catch (IOException e) {
                return; // read() has already closed the connection
            }
            if (!ended) {
                abort();
                return;
            }
            closed = true;
            try {
                // a stream that ended above HttpClient's own (a decompressed one) releases the connection on close
                in.close();
            } catch (IOException e) {
                watch.abort(in instanceof EofSensorInputStream sensor ? sensor : null);
            }
        }

        void abort() {
            if (!closed) {
                closed = true;
                watch.abort(in instanceof EofSensorInputStream sensor ? sensor : null);
            }
        }
    }
}

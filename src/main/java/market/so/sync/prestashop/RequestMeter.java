package market.so.sync.prestashop;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import market.so.sync.shop.ShopStatus;

/**
 * Requests and bytes spent on one shop during one probe or sync: the cost we put on its server.
 * Every request of a sync passes here first, which makes it the one place where a sync that ran out
 * of time (its own limit, the run's, or the service stopping) is stopped before it asks for more.
 */
public final class RequestMeter {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Supplier<String> stopReason;
    private final Instant deadline;

    public RequestMeter() {
        this(() -> null, null);
    }

    /**
     * {@code stopReason} answers null while the caller may go on, else why it must stop; {@code deadline}
     * (or null) is when the caller's time is up: no request, and no wait before a retry, runs past it.
     */
    public RequestMeter(Supplier<String> stopReason, Instant deadline) {
        this.stopReason = stopReason;
        this.deadline = deadline;
    }

    /** When the sync must be over (its own limit or the run's), or null for a caller without one. */
    public Instant deadline() {
        return deadline;
    }

    /** Counts one request, or refuses it when the sync has to stop. */
    public void request() {
        String reason = stopReason.get();
        if (reason != null) {
            throw new WebserviceException(ShopStatus.TIMEOUT, reason);
        }
        requests.incrementAndGet();
    }

    public void bytes(long count) {
        bytes.addAndGet(count);
    }

    public long requests() {
        return requests.get();
    }

    public long bytes() {
        return bytes.get();
    }
}

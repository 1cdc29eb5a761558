package market.so.sync.prestashop;

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

    public RequestMeter() {
        this(() -> null);
    }

    /** {@code stopReason} answers null while the caller may go on, else why it must stop. */
    public RequestMeter(Supplier<String> stopReason) {
        this.stopReason = stopReason;
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

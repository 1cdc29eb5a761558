package market.so.sync.prestashop;

import java.util.concurrent.atomic.AtomicLong;

/** Requests and bytes spent on one shop during one probe or sync: the cost we put on its server. */
public final class RequestMeter {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public void request() {
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

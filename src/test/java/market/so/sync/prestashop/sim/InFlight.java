package market.so.sync.prestashop.sim;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests the simulator's one host is holding while it waits out their latency, and the most there ever
 * were at once. Counted before any answer is sent: a client cannot have its next request on the way while
 * one it still waits for is counted, so the figure is what the client really had in flight.
 */
final class InFlight {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    void enter() {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
    }

    void leave() {
        now.decrementAndGet();
    }

    int most() {
        return most.get();
    }

    void reset() {
        most.set(now.get());
    }
}

package market.so.sync.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The sync's figures for {@code /actuator/prometheus}: shop syncs by result and error class, products
 * by change, requests and bytes put on shops, run durations and the last run's products per second.
 */
@Component
public class SyncMetrics {

    private final MeterRegistry registry;
    private final AtomicLong lastRunProductsPerSecond = new AtomicLong();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("somarket.sync.run.products.per.second", lastRunProductsPerSecond);
    }

    public void shop(ShopOutcome outcome) {
        Counter.builder("somarket.sync.shops").tag("result", outcome.result().name())
            .tag("error", outcome.errorClass() == null ? "none" : outcome.errorClass())
            .register(registry).increment();
        products("new", outcome.productsNew());
        products("changed", outcome.productsChanged());
        products("unchanged", outcome.productsUnchanged());
        products("deactivated", outcome.productsDeactivated());
        Counter.builder("somarket.sync.requests").register(registry).increment(outcome.requests());
        Counter.builder("somarket.sync.bytes").baseUnit("bytes").register(registry).increment(outcome.bytes());
        Timer.builder("somarket.sync.shop.duration").tag("result", outcome.result().name()).register(registry)
            .record(Duration.ofMillis(outcome.durationMs()));
    }

    /** A shop's message for a run that already has its outcome (redelivered or duplicated), acknowledged. */
    public void redelivered() {
        Counter.builder("somarket.sync.shops.redelivered").register(registry).increment();
    }

    /** A shop's message of a run that had ended by the time a node took it (acknowledged, dropped). */
    public void staleMessage() {
        Counter.builder("somarket.sync.shops.stale.messages").register(registry).increment();
    }

    public void run(SyncRun run) {
        if (run.finishedAt() == null) {
            return;
        }
        Duration duration = Duration.between(run.startedAt(), run.finishedAt());
        Timer.builder("somarket.sync.run.duration").tag("status", run.status()).register(registry).record(duration);
        long products = (long) run.productsNew() + run.productsChanged() + run.productsUnchanged();
        lastRunProductsPerSecond.set(duration.toMillis() == 0 ? products : products * 1000 / duration.toMillis());
    }

    private void products(String change, int count) {
        if (count > 0) {
            Counter.builder("somarket.sync.products").tag("change", change).register(registry).increment(count);
        }
    }
}

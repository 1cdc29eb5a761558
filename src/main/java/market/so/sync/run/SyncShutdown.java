package market.so.sync.run;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of shop syncs. When the service is asked to stop (SIGTERM, actuator), no new shop
 * sync starts; those in flight get {@code somarket.sync.shutdown-grace} to finish, then stop at their
 * next request: their transaction rolls back (the shop keeps its previous catalogue), the failure is
 * recorded and the lease released while the database is still there. Camel's own shutdown timeout
 * ({@code camel.main.shutdown-timeout}) is longer than the grace plus one read timeout, so Camel never
 * has to kill a sync half-way.
 */
@Component
public class SyncShutdown {

    private static final Logger log = LoggerFactory.getLogger(SyncShutdown.class);

    private final Duration grace;
    private volatile Instant stoppingSince;

    public SyncShutdown(@Value("${somarket.sync.shutdown-grace:20s}") Duration grace) {
        this.grace = grace;
    }

    /** Spring publishes this before it stops any bean, Camel included. */
    @EventListener(ContextClosedEvent.class)
    public void stopping() {
        if (stoppingSince == null) {
            stoppingSince = Instant.now();
            log.info("stopping: no new shop sync starts; syncs in flight have {} s to finish", grace.toSeconds());
        }
    }

    /** True once the service is stopping: new shop syncs are not started. */
    public boolean isStopping() {
        return stoppingSince != null;
    }

    /** Why a sync in flight must stop now, or null while it may go on. */
    public String stopReason() {
        Instant since = stoppingSince;
        return since != null && Instant.now().isAfter(since.plus(grace))
            ? "the service stopped during this sync (somarket.sync.shutdown-grace)" : null;
    }
}

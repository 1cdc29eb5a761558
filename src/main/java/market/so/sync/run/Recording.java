package market.so.sync.run;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Writes the end of a sync (its outcome, the shop's lease, the run's totals) through a database restart or
 * failover: the first try may get one of the dead connections still in the pool, the next ones get new
 * connections, each waiting for one up to the pool's {@code connection-timeout} (30 s), and the tries go on for
 * {@value #PATIENCE_SECONDS} s after the first failure, a second apart. PostgreSQL stopped for 30 s and started
 * again: the end is written when it is back. When the database stays away longer, the end is logged for ops and
 * not written: the sync has rolled back anyway, and the next start or run cleans up (leases of this node are
 * taken over, runs left RUNNING are closed).
 */
public final class Recording {

    static final int PATIENCE_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(Recording.class);

    private Recording() {
    }

    public static <T> T patiently(String what, Supplier<T> write) {
        return patiently(what, write, Duration.ofSeconds(PATIENCE_SECONDS));
    }

    static <T> T patiently(String what, Supplier<T> write, Duration patience) {
        try {
            return write.get();
        } catch (DataAccessException first) {
            long giveUpAt = System.nanoTime() + patience.toNanos();
            DataAccessException last = first;
            for (int attempt = 2; attempt == 2 || System.nanoTime() < giveUpAt; attempt++) {
                try {
                    return write.get();
                } catch (DataAccessException again) {
                    last = again;
                    log.warn("could not record {} (try {}): {}", what, attempt, again.getMostSpecificCause().getMessage());
                    if (!pause()) {
                        break;
                    }
                }
            }
            log.error("could not record {}: the database is unavailable ({})", what,
                last.getMostSpecificCause().getMessage());
            return null;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(1000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

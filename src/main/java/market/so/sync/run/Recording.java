package market.so.sync.run;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Writes the end of a sync (its outcome, the shop's lease) even just after the database dropped the
 * service's connections: the first try may get one of the dead connections still in the pool, the
 * second gets a new one. When the database is really away, the end is logged for ops and not written:
 * the sync has rolled back anyway, and the next start or run cleans up (leases of this node are taken
 * over, runs left RUNNING are closed).
 */
public final class Recording {

    private static final Logger log = LoggerFactory.getLogger(Recording.class);

    private Recording() {
    }

    public static <T> T twice(String what, Supplier<T> write) {
        try {
            return write.get();
        } catch (DataAccessException first) {
            try {
                return write.get();
            } catch (DataAccessException second) {
                log.error("could not record {}: the database is unavailable ({})", what,
                    second.getMostSpecificCause().getMessage());
                return null;
            }
        }
    }
}

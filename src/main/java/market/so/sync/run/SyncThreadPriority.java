package market.so.sync.run;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ThreadFactory;
import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The Java priority a shop's sync runs at ({@code somarket.sync.thread-priority}, lowest by default), so the
 * pages and the API keep their share of the cores while a run keeps them busy (docs/decisions/0032). A sync
 * lowers the thread it runs on and puts it back after; the read-ahead threads are made at that priority.
 * On Linux the JVM applies priorities only with {@code -XX:ThreadPriorityPolicy=1} (then a nice value per
 * thread; lowering needs no privilege): without it, a warning at start-up says the setting has no effect.
 */
@Component
public class SyncThreadPriority {

    private static final Logger log = LoggerFactory.getLogger(SyncThreadPriority.class);
    private final int priority;

    public SyncThreadPriority(@Value("${somarket.sync.thread-priority:1}") int priority) {
        if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
            throw new IllegalArgumentException("somarket.sync.thread-priority must be between "
                + Thread.MIN_PRIORITY + " and " + Thread.MAX_PRIORITY + " (" + Thread.NORM_PRIORITY
                + ": as every other thread), not " + priority);
        }
        this.priority = priority;
    }

    public int priority() {
        return priority;
    }

    /** Sets the calling thread to the sync priority; answers the priority to {@link #restore} it to. */
    public int lower() {
        Thread thread = Thread.currentThread();
        int before = thread.getPriority();
        thread.setPriority(priority);
        return before;
    }

    public void restore(int before) {
        Thread.currentThread().setPriority(before);
    }

    /** Threads of {@code named} (their names, daemon flag, group) at the sync priority. */
    public ThreadFactory threads(ThreadFactory named) {
        return task -> {
            Thread thread = named.newThread(task);
            thread.setPriority(priority);
            return thread;
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfIgnored() {
        if (priority != Thread.NORM_PRIORITY && System.getProperty("os.name", "").startsWith("Linux")
                && !"1".equals(threadPriorityPolicy())) {
            log.warn("somarket.sync.thread-priority={} has no effect: on Linux the JVM applies thread priorities "
                + "only when started with -XX:ThreadPriorityPolicy=1 (README, Sizing)", priority);
        }
    }

    private static String threadPriorityPolicy() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("ThreadPriorityPolicy").getValue();
        } catch (RuntimeException notHotSpot) {
            return null;
        }
    }
}

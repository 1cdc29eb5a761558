package market.so.sync.run;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Opens and closes a run for route {@code catalog-sync}: one run at a time across all nodes (a run
 * that finds another one going is recorded as SKIPPED), the due shops as the run's work, and at the
 * end the per-shop rows summed into the run row.
 */
@Component("syncRuns")
public class SyncRuns {

    public static final String RUN_ID = "runId";
    /** The ids of the shops the run sent out: with a queue, the run ends when each of them has its outcome. */
    public static final String RUN_SHOPS = "runShops";
    /** In the run's split: the shop being handed over (to the in-process sync or to the queue). */
    public static final String SHOP_ID = "runShopId";
    private static final String RUN_TIMED_OUT = "runTimedOut";
    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);

    private final SyncRunRepository runs;
    private final SyncMetrics metrics;
    private final Duration runTimeLimit;
    private final Duration shopTimeLimit;
    private final boolean clustered;
    private final ClusterNodes nodes;
    private final boolean queued;
    private final Duration outcomePoll;
    private final ShopSyncRepository syncs;
    private final ObjectProvider<LostShops> lost;

    public SyncRuns(SyncRunRepository runs, ShopSyncRepository syncs, ObjectProvider<LostShops> lost,
                    SyncMetrics metrics, ClusterNodes nodes,
                    @Value("${somarket.sync.queued:false}") boolean queued,
                    @Value("${somarket.sync.outcome-poll:2s}") Duration outcomePoll,
                    @Value("${somarket.sync.run-time-limit:11h}") Duration runTimeLimit,
                    @Value("${somarket.sync.shop-time-limit:30m}") Duration shopTimeLimit,
                    @Value("${somarket.cluster.enabled:false}") boolean clustered) {
        this.runs = runs;
        this.syncs = syncs;
        this.lost = lost;
        this.metrics = metrics;
        this.nodes = nodes;
        this.queued = queued;
        this.outcomePoll = outcomePoll;
        this.runTimeLimit = runTimeLimit;
        this.shopTimeLimit = shopTimeLimit;
        this.clustered = clustered;
    }

    /** Body out: the ids of the due shops; property {@code runId} is left unset when the run is skipped. */
    public void start(Exchange exchange) {
        String trigger = exchange.getMessage().getHeader("runTrigger", "api", String.class);
        String owner = nodes.self() + "/" + UUID.randomUUID();
        if (!runs.tryLock(owner, SyncRunRepository.now().plus(runTimeLimit)) && !takeOverStale(owner)
            && !takeOverFromGoneNode(owner)) {
            long skipped = runs.start(trigger, "SKIPPED", "the previous run was still going");
            log.warn("sync run {} ({}) skipped: the previous run is still going", skipped, trigger);
            exchange.getMessage().setBody(runs.find(skipped).orElseThrow());
            return;
        }
        long runId = runs.start(trigger, "RUNNING", null);
        exchange.setProperty(RUN_ID, runId);
        exchange.setProperty("runLockOwner", owner);
        exchange.setProperty("runDeadline", SyncRunRepository.now().plus(runTimeLimit).toInstant().toEpochMilli());
        exchange.setProperty("runTrigger", trigger);
    }

    /**
     * Route {@code catalog-sync}, after its camel-jdbc step: the due shops it selected, one row with the shop's
     * id each, are the run's shops (the split's body and what {@link #awaitOutcomes} waits for).
     */
    public List<Long> due(@Body List<Map<String, Object>> rows, @ExchangeProperty(RUN_ID) long runId, Exchange exchange) {
        // the one column, whatever case the database gives its label (H2: ID, PostgreSQL: id)
        List<Long> due = rows.stream().map(row -> ((Number) row.values().iterator().next()).longValue()).toList();
        exchange.setProperty(RUN_SHOPS, due);
        log.info("sync run {} ({}) started: {} shops due", runId, exchange.getProperty("runTrigger"), due.size());
        return due;
    }

    /**
     * A run whose end could not be written (database away) left its lock and its row behind; the next
     * run on this node takes the lock over at once (rather than after run-time-limit) and closes the row.
     */
    private boolean takeOverStale(String owner) {
        StaleRun stale = this.stale;
        if (stale == null || !runs.takeOverLock(stale.owner(), owner, SyncRunRepository.now().plus(runTimeLimit))) {
            return false;
        }
        runs.finish(stale.runId(), "FAILED", "the database was unavailable at the end of this run");
        this.stale = null;
        log.warn("sync run {} closed as FAILED: its end could not be recorded (database unavailable)", stale.runId());
        return true;
    }

    /**
     * The lock is held by a node that has left the cluster (killed, or cut off from the database for longer
     * than Quartz tolerates): its run can never end by itself. It is closed as INTERRUPTED, with the totals of
     * what its shops recorded, and this run takes the lock and syncs the shops that are due (all but those
     * synced since). On a scheduled run this happens at once: Quartz fires the dead node's job again on a
     * live node (recoverableJob).
     */
    private boolean takeOverFromGoneNode(String owner) {
        String holder = runs.lockOwner();
        if (holder == null || !nodes.gone(holder)
            || !runs.takeOverLock(holder, owner, SyncRunRepository.now().plus(runTimeLimit))) {
            return false;
        }
        String node = ClusterNodes.nodeOf(holder).orElseThrow();
        for (long runId : runs.runningOn(node)) {
            runs.finish(runId, "INTERRUPTED", "the node running it (" + node + ") left the cluster; closed by "
                + nodes.self());
            log.warn("sync run {} closed as INTERRUPTED: node {} running it left the cluster", runId, node);
        }
        return true;
    }

    /**
     * A shop the run could not hand over: the queue's broker could not be reached, or its sync could not even
     * begin (the database away). Recorded SKIPPED in the run with the reason, so that no shop of a run goes
     * unaccounted for; its catalogue is untouched and the next run syncs it.
     */
    public void notHandedOver(@ExchangeProperty(RUN_ID) long runId, @ExchangeProperty(SHOP_ID) long shopId,
                              Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String cause = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String why = "not synced: it could not be handed over (" + (cause.length() > 300 ? cause.substring(0, 300) + "..."
            : cause) + "); synced at the next run";
        Recording.patiently("shop " + shopId + " not handed over in run " + runId, () -> {
            if (syncs.endedInRun(shopId, runId).isEmpty()) { // its outcome written before the failure: kept as it is
                syncs.skipped(shopId, runId, exchange.getMessage().getHeader("syncTrigger", "schedule", String.class), why);
            }
            return null;
        });
        log.warn("sync run {}: shop {} {}", runId, shopId, why);
    }

    /**
     * With a queue the split only sends the shops out (InOnly): the shops are synced by every node's consumers,
     * and the run ends when each of its shops has its outcome in the database, whichever node wrote it, or
     * when the run's time limit passes (TIMED_OUT). A shop deleted meanwhile is not waited for; a shop whose
     * message the broker gave up on is recorded as failed ({@link LostShops}). Without a queue the split has
     * synced them all already.
     */
    public void awaitOutcomes(@ExchangeProperty(RUN_ID) long runId, @ExchangeProperty(RUN_SHOPS) List<Long> shops,
                              @ExchangeProperty("runDeadline") long deadline, Exchange exchange)
        throws InterruptedException {
        if (!queued) {
            return;
        }
        String trigger = exchange.getMessage().getHeader("runTrigger", "api", String.class);
        while (!accountedFor(runId, shops, trigger)) {
            if (System.currentTimeMillis() >= deadline) {
                exchange.setProperty(RUN_TIMED_OUT, true);
                return;
            }
            Thread.sleep(Math.max(1, Math.min(outcomePoll.toMillis(), deadline - System.currentTimeMillis())));
        }
    }

    /**
     * Every shop of the run has its outcome (dead letters recorded first); false while the database cannot be read,
     * so that the run waits through a database restart instead of ending with its shops still being synced.
     */
    private boolean accountedFor(long runId, List<Long> shops, String trigger) {
        try {
            LostShops broker = lost.getIfAvailable();
            if (broker != null) {
                broker.recordLost(runId, trigger);
            }
            return runs.shopsEnded(runId) >= runs.stillThere(shops);
        } catch (DataAccessException e) {
            log.warn("sync run {}: outcomes could not be read, waiting ({})", runId, e.getMostSpecificCause().getMessage());
            return false;
        }
    }

    private record StaleRun(long runId, String owner) {
    }

    private volatile StaleRun stale;

    public SyncRun finish(@ExchangeProperty(RUN_ID) long runId, @ExchangeProperty("runLockOwner") String owner,
                          Exchange exchange) {
        boolean timedOut = exchange.getProperty(Exchange.SPLIT_COMPLETE, Boolean.class) == Boolean.FALSE
            || exchange.getProperty(RUN_TIMED_OUT, false, Boolean.class);
        SyncRun run = Recording.patiently("the end of sync run " + runId, () -> {
            runs.finish(runId, timedOut ? "TIMED_OUT" : "COMPLETED", timedOut ? "the run hit somarket.sync.run-time-limit" : null);
            runs.unlock(owner);
            return runs.find(runId).orElseThrow();
        });
        if (run == null) {
            stale = new StaleRun(runId, owner);
            return null;
        }
        metrics.run(run);
        log.info("sync run {} {}: {} shops ({} ok, {} failed, {} skipped); products {} new, {} changed, {} unchanged, "
                + "{} deactivated; {} requests, {} kB, {} s", run.id(), run.status(), run.shopsTotal(), run.shopsOk(),
            run.shopsFailed(), run.shopsSkipped(), run.productsNew(), run.productsChanged(), run.productsUnchanged(),
            run.productsDeactivated(), run.requests(), run.bytes() / 1024,
            Duration.between(run.startedAt(), run.finishedAt()).toSeconds());
        return run;
    }

    /**
     * A run or shop sync left RUNNING by a killed process is closed (its transaction was rolled back,
     * so its shop kept the previous catalogue). On a single node everything RUNNING at start is
     * such a leftover; in a cluster only what is older than the time limits, since another node
     * may be working.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void closeInterrupted() {
        OffsetDateTime now = SyncRunRepository.now();
        int closed = clustered ? runs.closeInterrupted(now.minus(shopTimeLimit), now.minus(runTimeLimit))
            : runs.closeInterrupted(now, now);
        if (!clustered) {
            runs.releaseAllLocks();
        }
        if (closed > 0) {
            log.warn("closed {} runs or shop syncs interrupted by the last stop", closed);
        }
    }
}

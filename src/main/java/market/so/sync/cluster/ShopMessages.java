package market.so.sync.cluster;

import java.time.Duration;
import market.so.sync.run.SyncMetrics;
import market.so.sync.run.SyncRun;
import market.so.sync.run.SyncRunRepository;
import market.so.sync.run.SyncShutdown;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a shop's message from the queue for route {@code shop-queue}. The message carries the shop id (body)
 * and the run id (header {@code syncRunId}), nothing else, never the key: the run's trigger and time limit are
 * read from the run's row. A message that is not of that form throws, so the broker redelivers it and, after
 * its maximum delivery attempts, moves it to the dead-letter queue; a message of a run that has ended
 * (timed out, or taken over after its node left the cluster) is acknowledged and dropped, since the run that
 * took over sends its own. A message taken while this node is stopping is handed back (the local JMS transaction
 * rolled back, nothing recorded): the broker delivers it to another node, or to this one after its restart.
 */
@Component("shopMessages")
public class ShopMessages {

    /**
     * Exchange property: {@code accepted}, {@code stale} for a message of a run that has ended, {@code handedBack}
     * for a message taken while the node is stopping.
     */
    public static final String VERDICT = "shopMessage";
    private static final Logger log = LoggerFactory.getLogger(ShopMessages.class);

    private final SyncRunRepository runs;
    private final SyncMetrics metrics;
    private final Duration runTimeLimit;
    private final SyncShutdown shutdown;

    public ShopMessages(SyncRunRepository runs, SyncMetrics metrics, SyncShutdown shutdown,
                        @Value("${somarket.sync.run-time-limit:11h}") Duration runTimeLimit) {
        this.runs = runs;
        this.shutdown = shutdown;
        this.metrics = metrics;
        this.runTimeLimit = runTimeLimit;
    }

    public void accept(Exchange exchange) {
        if (shutdown.isStopping()) {
            log.info("message {} handed back to the queue: this node is stopping", exchange.getMessage().getMessageId());
            exchange.setRollbackOnly(true);
            exchange.setProperty(VERDICT, "handedBack");
            return;
        }
        long shopId = number(exchange.getMessage().getBody(String.class), "shop id (the body)");
        long runId = number(exchange.getMessage().getHeader("syncRunId", String.class), "run id (header syncRunId)");
        SyncRun run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException(
            "shop message for run " + runId + ", which is not in the database"));
        if (!"RUNNING".equals(run.status())) {
            log.info("shop {}: message of run {} dropped, that run has ended ({})", shopId, runId, run.status());
            metrics.staleMessage();
            exchange.setProperty(VERDICT, "stale");
            return;
        }
        exchange.getMessage().setBody(shopId);
        exchange.getMessage().setHeader("syncRunId", runId);
        exchange.getMessage().setHeader("syncTrigger", run.trigger());
        exchange.getMessage().setHeader("syncRunDeadline", run.startedAt().plus(runTimeLimit).toInstant().toEpochMilli());
        exchange.setProperty(VERDICT, "accepted");
    }

    private static long number(String text, String what) {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a shop message: the " + what + " is not a number: "
                + (text == null ? "none" : text.length() > 40 ? text.substring(0, 40) + "..." : text));
        }
    }
}

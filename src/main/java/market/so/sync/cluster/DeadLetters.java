package market.so.sync.cluster;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import market.so.sync.run.LostShops;
import market.so.sync.run.ShopSyncRepository;
import market.so.sync.shop.ShopRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The shops of a run whose message the broker gave up on (its maximum delivery attempts, then the dead-letter
 * queue: a node failing on it again and again, the database away on every try): found by browsing the dead-letter
 * queue for the run's messages (selector on {@code syncRunId}, the messages stay there for ops) and recorded FAILED
 * in the run with error class {@code DEAD_LETTER}, so the run ends when all its shops are accounted for instead of
 * at its time limit. The shop keeps its previous catalogue and the next run syncs it. A shop with an outcome, or
 * whose sync is still RUNNING somewhere, or that was deleted, is left alone.
 */
@Component
@ConditionalOnProperty(name = "somarket.sync.queued", havingValue = "true")
public class DeadLetters implements LostShops {

    public static final String DEAD_LETTER = "DEAD_LETTER";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JmsTemplate jms;
    private final ShopSyncRepository syncs;
    private final ShopRepository shops;
    private final String deadLetterQueue;

    public DeadLetters(JmsTemplate jms, ShopSyncRepository syncs, ShopRepository shops,
                       @Value("${somarket.sync.dead-letter-queue:DLQ}") String deadLetterQueue) {
        this.jms = jms;
        this.syncs = syncs;
        this.shops = shops;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public int recordLost(long runId, String trigger) {
        int recorded = 0;
        for (long shopId : deadLettered(runId)) {
            if (syncs.endedInRun(shopId, runId).isPresent() || syncs.runningInRun(shopId, runId)
                || shops.find(shopId).isEmpty()) {
                continue;
            }
            syncs.failedUnsynced(shopId, runId, trigger, DEAD_LETTER, "the broker gave up on this shop's message after "
                + "its delivery attempts (it is in the dead-letter queue " + deadLetterQueue + "): not synced in this "
                + "run, the previous catalogue is kept; the next run syncs it");
            log.warn("sync run {}: shop {} recorded FAILED, its message is in the dead-letter queue", runId, shopId);
            recorded++;
        }
        return recorded;
    }

    private Set<Long> deadLettered(long runId) {
        try {
            Set<Long> ids = jms.browseSelected(deadLetterQueue, "syncRunId = " + runId, (session, browser) -> {
                Set<Long> found = new LinkedHashSet<>();
                for (Object each : Collections.list(browser.getEnumeration())) {
                    shopId((Message) each, found);
                }
                return found;
            });
            return ids == null ? Set.of() : ids;
        } catch (JmsException e) {
            log.debug("dead-letter queue {} could not be browsed: {}", deadLetterQueue, e.getMessage());
            return Set.of();
        }
    }

    private static void shopId(Message message, Set<Long> into) {
        try {
            String body = message.getBody(String.class);
            into.add(Long.parseLong(body == null ? "" : body.trim()));
        } catch (JMSException | NumberFormatException notAShop) {
            // a poison message of this run: not one of its shops
        }
    }
}

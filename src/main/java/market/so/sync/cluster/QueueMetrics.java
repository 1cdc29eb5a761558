package market.so.sync.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The shop queue as ops watch it on {@code /actuator/prometheus}: {@code somarket_sync_queue_messages} with tag
 * {@code queue} = the shop queue (shops waiting for a node) and the dead-letter queue (messages given up after
 * the broker's maximum delivery attempts). Counted by browsing both queues, from route {@code queue-metrics}
 * every {@code somarket.sync.queue-metrics-period}, never on the scrape itself (a broker away would hold the
 * scrape); -1 while the broker cannot be reached. Registered only with {@code somarket.sync.queued=true}.
 */
@Component("queueMetrics")
public class QueueMetrics {

    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final ObjectProvider<JmsTemplate> jms;
    private final String queue;
    private final String deadLetters;
    private final AtomicLong waiting = new AtomicLong(-1);
    private final AtomicLong dead = new AtomicLong(-1);

    public QueueMetrics(ObjectProvider<JmsTemplate> jms, MeterRegistry registry,
                        @Value("${somarket.sync.queued:false}") boolean queued,
                        @Value("${somarket.sync.queue:somarket.shop-sync}") String queue,
                        @Value("${somarket.sync.dead-letter-queue:DLQ}") String deadLetters) {
        this.jms = jms;
        this.queue = queue;
        this.deadLetters = deadLetters;
        if (queued) {
            Gauge.builder("somarket.sync.queue.messages", waiting, AtomicLong::get).tag("queue", queue)
                .description("shop messages waiting in the queue for a node").register(registry);
            Gauge.builder("somarket.sync.queue.messages", dead, AtomicLong::get).tag("queue", deadLetters)
                .description("messages in the dead-letter queue (given up after the broker's delivery attempts)")
                .register(registry);
        }
    }

    public void refresh() {
        waiting.set(count(queue));
        dead.set(count(deadLetters));
    }

    public long waiting() {
        return waiting.get();
    }

    public long deadLetters() {
        return dead.get();
    }

    private long count(String name) {
        try {
            Integer count = jms.getObject().browse(name, (session, browser) ->
                Collections.list(browser.getEnumeration()).size());
            return count == null ? -1 : count;
        } catch (JmsException e) {
            log.warn("queue {} could not be counted: {}", name, e.getMessage());
            return -1;
        }
    }
}

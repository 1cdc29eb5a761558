package market.so.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.SyncRun;
import market.so.sync.run.SyncRunRepository;
import market.so.sync.run.SyncShutdown;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.EmbeddedBroker;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One node on the shop queue of a real (embedded) Artemis: a run's shops go through the queue and the run
 * ends when their outcomes are in the database; a message carries the shop id and the run id only; a message
 * repeated after its shop was synced in that run is acknowledged and counted on that sync; a poison message
 * ends in the dead-letter queue after the broker's delivery attempts, counted on /actuator/prometheus. A shop
 * deleted or dead-lettered during its run does not hold the run open; a shop that cannot be put on the queue (the
 * broker away) is recorded, and a broker restarted in the middle of a run loses no shop and needs no node restart.
 * A message taken while the node stops is handed back to the queue.
 */
@SyncTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopQueueTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static final EmbeddedBroker broker = EmbeddedBroker.persistent();
    static int names;

    @Autowired ProducerTemplate camel;
    @Autowired CamelContext context;
    @Autowired JdbcTemplate jdbc;
    @Autowired ShopRepository shops;
    @Autowired SyncRunRepository runs;
    @Autowired KeyCipher cipher;
    @Autowired JmsTemplate jms;
    @Autowired QueueMetrics queueMetrics;
    @Autowired TestRestTemplate rest;
    @Autowired SyncShutdown shutdown;

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        registry.add("spring.artemis.broker-url", broker::url);
        registry.add("somarket.sync.queued", () -> "true");
        registry.add("somarket.sync.fan-out", () -> "direct:enqueue-shop");
        registry.add("somarket.sync.outcome-poll", () -> "100ms");
        registry.add("somarket.sync.concurrency", () -> "2");
        registry.add("somarket.sync.queue-metrics-period", () -> "300ms");
        registry.add("management.health.jms.enabled", () -> "true");
    }

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM shop");
    }

    private long store(SimShop shop) {
        ApiKey key = ApiKey.of(shop.key());
        return shops.insert(shop.url(), "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(shop.url(), key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), "8.1.2",
            shop.name(), "connected");
    }

    @Test
    void aRunSendsItsShopsThroughTheQueueAndEndsWhenTheirOutcomesAreInTheDatabase() {
        long a = store(sim.generatedShop("queue-a" + (++names), 120));
        long b = store(sim.generatedShop("queue-b" + names, 80));

        SyncRun run = camel.requestBody("direct:catalog-sync", null, SyncRun.class);

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.shopsOk()).isEqualTo(2);
        assertThat(run.productsNew()).isEqualTo(200);
        List<Map<String, Object>> syncs = jdbc.queryForList(
            "SELECT shop_id, outcome, node, redeliveries FROM shop_sync WHERE run_id = ? ORDER BY shop_id", run.id());
        assertThat(syncs).extracting(r -> ((Number) r.get("shop_id")).longValue()).containsExactly(a, b);
        assertThat(syncs).allSatisfy(r -> {
            assertThat(r.get("outcome")).isEqualTo("OK");
            assertThat(r.get("node")).isNotNull();
            assertThat(((Number) r.get("redeliveries")).intValue()).isZero();
        });
        assertThat(count("somarket.shop-sync")).as("every shop message acknowledged").isZero();
    }

    @Test
    void aShopMessageCarriesTheShopIdAndTheRunIdOnlyNeverTheKey() throws Exception {
        SimShop shop = sim.generatedShop("queue-msg" + (++names), 10);
        long id = store(shop);
        context.getRouteController().stopRoute("shop-queue");
        try {
            long runId = runs.start("test", "RUNNING", null);
            camel.sendBodyAndHeaders("direct:enqueue-shop", id, Map.of("syncRunId", runId, "syncTrigger", "test",
                "syncRunDeadline", System.currentTimeMillis() + 60_000, "Authorization", "secret " + shop.key()));
            List<String> seen = jms.browse("somarket.shop-sync", (session, browser) -> {
                List<String> found = new ArrayList<>();
                for (Object each : Collections.list(browser.getEnumeration())) {
                    Message m = (Message) each;
                    found.add(m.getBody(String.class));
                    for (Object name : Collections.list(m.getPropertyNames())) {
                        if (((String) name).startsWith("JMSX")) {
                            continue; // set by the broker (JMSXDeliveryCount)
                        }
                        found.add(name + "=" + m.getObjectProperty((String) name));
                    }
                }
                return found;
            });
            assertThat(seen).containsExactly(String.valueOf(id), "syncRunId=" + runId);
            assertThat(String.join(" ", seen)).doesNotContain(shop.key());
            jms.receiveSelected("somarket.shop-sync", "syncRunId = " + runId); // not left for the next test's consumers
        } finally {
            context.getRouteController().startRoute("shop-queue");
        }
    }

    @Test
    void aMessageRepeatedAfterItsShopWasSyncedInThatRunIsAcknowledgedAndCountedOnThatSync() {
        long id = store(sim.generatedShop("queue-again" + (++names), 30));
        long runId = runs.start("test", "RUNNING", null);

        jms.convertAndSend("somarket.shop-sync", String.valueOf(id), m -> {
            m.setLongProperty("syncRunId", runId);
            return m;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.shopsEnded(runId) == 1);
        jms.convertAndSend("somarket.shop-sync", String.valueOf(id), m -> {
            m.setLongProperty("syncRunId", runId);
            return m;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
            "SELECT redeliveries FROM shop_sync WHERE run_id = ? AND shop_id = ?", Integer.class, runId, id) == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_sync WHERE run_id = ?", Integer.class, runId))
            .as("synced once").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT outcome FROM shop_sync WHERE run_id = ?", String.class, runId))
            .isEqualTo("OK");
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueAfterTheBrokersDeliveryAttempts() {
        int before = count("DLQ");
        jms.convertAndSend("somarket.shop-sync", "this is not a shop id", m -> {
            m.setLongProperty("syncRunId", 1);
            return m;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> count("DLQ") == before + 1);
        assertThat(count("somarket.shop-sync")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> queueMetrics.deadLetters() == before + 1);
        String prometheus = rest.withBasicAuth("ops", "test-ops-password")
            .getForObject("/actuator/prometheus", String.class);
        assertThat(prometheus).contains("somarket_sync_queue_messages{queue=\"DLQ\"} " + (before + 1) + ".0")
            .contains("somarket_sync_queue_messages{queue=\"somarket.shop-sync\"} 0.0");
    }

    @Test
    void aShopDeletedDuringItsRunIsNotWaitedFor() throws Throwable {
        long kept = store(sim.generatedShop("queue-kept" + (++names), 20));
        long deleted = store(sim.generatedShop("queue-deleted" + names, 20));
        CompletableFuture<SyncRun> run = whileConsumersStopped(2,
            () -> jdbc.update("DELETE FROM shop WHERE id = ?", deleted));

        SyncRun ended = run.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(ended.status()).as("ended when its shops were accounted for, not at its time limit")
            .isEqualTo("COMPLETED");
        assertThat(jdbc.queryForList("SELECT shop_id FROM shop_sync WHERE run_id = ?", Long.class, ended.id()))
            .containsExactly(kept);
        assertThat(count("somarket.shop-sync")).isZero();
    }

    @Test
    void aShopWhoseMessageWasDeadLetteredIsRecordedFailedAndTheRunEnds() throws Throwable {
        long a = store(sim.generatedShop("queue-dlq-a" + (++names), 20));
        long b = store(sim.generatedShop("queue-dlq-b" + names, 20));
        AtomicLong deadLettered = new AtomicLong();
        CompletableFuture<SyncRun> run = whileConsumersStopped(2, () -> {
            // what the broker does with a message after its delivery attempts (aPoisonMessage...): moved to DLQ as it is
            Message message = jms.receiveSelected("somarket.shop-sync", "syncRunId = " + lastRun());
            deadLettered.set(Long.parseLong(message.getBody(String.class)));
            Object runId = message.getObjectProperty("syncRunId");
            jms.convertAndSend("DLQ", message.getBody(String.class), m -> {
                m.setObjectProperty("syncRunId", runId);
                return m;
            });
        });
        long lost = deadLettered.get();

        SyncRun ended = run.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(ended.status()).as("ended when its shops were accounted for, not at its time limit")
            .isEqualTo("COMPLETED");
        assertThat(ended.shopsOk()).isEqualTo(1);
        assertThat(ended.shopsFailed()).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT outcome, error_class FROM shop_sync WHERE run_id = ? AND shop_id = ?",
            ended.id(), lost)).containsEntry("outcome", "FAILED").containsEntry("error_class", DeadLetters.DEAD_LETTER);
        assertThat(jdbc.queryForObject("SELECT outcome FROM shop_sync WHERE run_id = ? AND shop_id = ?", String.class,
            ended.id(), lost == a ? b : a)).isEqualTo("OK");
        assertThat(jdbc.queryForObject("SELECT status FROM shop WHERE id = ?", String.class, lost))
            .as("not the shop's doing").isEqualTo("CONNECTED");
    }

    @Test
    void aRunThatCannotReachTheBrokerRecordsItsShopsAndEnds() {
        long a = store(sim.generatedShop("queue-nobroker-a" + (++names), 10));
        long b = store(sim.generatedShop("queue-nobroker-b" + names, 10));
        broker.stop();
        SyncRun run;
        try {
            run = camel.requestBody("direct:catalog-sync", null, SyncRun.class);
        } finally {
            broker.restart();
        }

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.shopsSkipped()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT shop_id FROM shop_sync WHERE run_id = ? AND outcome = 'SKIPPED' "
            + "AND error_detail LIKE 'not synced: it could not be handed over%'", Long.class, run.id()))
            .containsExactlyInAnyOrder(a, b);
        // the consumers and the producer are back by themselves
        SyncRun next = await().atMost(Duration.ofSeconds(60)).until(
            () -> camel.requestBody("direct:catalog-sync", null, SyncRun.class), r -> r.shopsOk() == 2);
        assertThat(next.status()).isEqualTo("COMPLETED");
    }

    /**
     * The broker stopped in the middle of a run for a minute (issue 17) and started again on the same port and
     * journal. The consumers fail to reconnect every 5 s (Camel's jms recoveryInterval) for as long as it is away and
     * come back by themselves; the syncs in flight record their outcome in the database meanwhile.
     */
    @Test
    void aBrokerRestartedMidRunLosesNoShopAndTheConsumersComeBackByThemselves() {
        List<Long> ids = new ArrayList<>();
        List<SimShop> slow = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SimShop shop = sim.generatedShop("queue-restart-" + i + "-" + (++names), 40).latency(Duration.ofMillis(250));
            slow.add(shop);
            ids.add(store(shop));
        }
        CompletableFuture<SyncRun> run = camel.asyncRequestBody("direct:catalog-sync", null, SyncRun.class);
        // mid-run: a shop being synced, and all four sent (a send that meets the broker stopped records its shop
        // SKIPPED, aRunThatCannotReachTheBroker...: not this test's case)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM shop_sync WHERE outcome = 'RUNNING' AND shop_id IN (?, ?, ?, ?)", Integer.class,
            ids.toArray()) > 0 && queuedForLastRun() + jdbc.queryForObject(
            "SELECT COUNT(*) FROM shop_sync WHERE run_id = ?", Integer.class, lastRun()) == 4);

        broker.stop();
        await().pollDelay(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(61)).until(() -> true);
        broker.restart();

        SyncRun ended = run.orTimeout(120, TimeUnit.SECONDS).join();
        assertThat(ended.status()).isEqualTo("COMPLETED");
        List<Map<String, Object>> syncs = jdbc.queryForList(
            "SELECT shop_id, outcome FROM shop_sync WHERE run_id = ? ORDER BY shop_id", ended.id());
        assertThat(syncs).as("every shop synced exactly once").extracting(r -> ((Number) r.get("shop_id")).longValue())
            .containsExactlyElementsOf(ids);
        assertThat(syncs).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("OK"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_sync WHERE outcome = 'RUNNING'", Integer.class)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("somarket.shop-sync") == 0);

        // a later run on the same node, not restarted: its consumers reconnected by themselves
        slow.forEach(shop -> shop.latency(Duration.ZERO));
        SyncRun next = camel.requestBody("direct:catalog-sync", null, SyncRun.class);
        assertThat(next.status()).isEqualTo("COMPLETED");
        assertThat(next.shopsOk()).isEqualTo(4);
    }

    /** Last: it tells this context's node that it is stopping, so the context is closed after it. */
    @Test
    @Order(Integer.MAX_VALUE)
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void aMessageTakenWhileTheNodeIsStoppingIsHandedBackNotRecorded() {
        long id = store(sim.generatedShop("queue-stopping" + (++names), 10));
        long runId = runs.start("test", "RUNNING", null);
        int before = count("DLQ");
        shutdown.stopping();

        jms.convertAndSend("somarket.shop-sync", String.valueOf(id), m -> {
            m.setLongProperty("syncRunId", runId);
            return m;
        });

        // handed back at every delivery (another node would take it; here the only node keeps stopping): the
        // broker moves it to the dead-letter queue after its attempts, never acknowledged, never recorded SKIPPED
        await().atMost(Duration.ofSeconds(30)).until(() -> count("DLQ") == before + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_sync WHERE shop_id = ?", Integer.class, id)).isZero();
    }

    /**
     * Starts a run with the shop queue's consumers stopped: once its {@code queued} messages wait in the queue,
     * {@code meanwhile} acts on them, then the consumers start again. Answers the run, still going.
     */
    private CompletableFuture<SyncRun> whileConsumersStopped(int queued, Executable meanwhile) throws Throwable {
        context.getRouteController().stopRoute("shop-queue");
        try {
            CompletableFuture<SyncRun> run = camel.asyncRequestBody("direct:catalog-sync", null, SyncRun.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> queuedForLastRun() == queued);
            meanwhile.execute();
            return run;
        } finally {
            context.getRouteController().startRoute("shop-queue");
        }
    }

    private long lastRun() {
        return jdbc.queryForObject("SELECT MAX(id) FROM sync_run", Long.class);
    }

    /** The messages of the last run waiting in the shop queue. */
    private int queuedForLastRun() {
        return jms.browseSelected("somarket.shop-sync", "syncRunId = " + lastRun(),
            (session, browser) -> Collections.list(browser.getEnumeration()).size());
    }

    private int count(String queue) {
        return jms.browse(queue, (session, browser) -> Collections.list(browser.getEnumeration()).size());
    }
}

package market.so.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.SyncRun;
import market.so.sync.run.SyncRunRepository;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.EmbeddedBroker;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One node on the shop queue of a real (embedded) Artemis: a run's shops go through the queue and the run
 * ends when their outcomes are in the database; a message carries the shop id and the run id only; a message
 * repeated after its shop was synced in that run is acknowledged and counted on that sync; a poison message
 * ends in the dead-letter queue after the broker's delivery attempts, counted on /actuator/prometheus.
 */
@SyncTest
class ShopQueueTest {

    static final PrestaShopSimulator sim = SharedSimulator.get();
    static final EmbeddedBroker broker = EmbeddedBroker.start();
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

    private int count(String queue) {
        return jms.browse(queue, (session, browser) -> Collections.list(browser.getEnumeration()).size());
    }
}

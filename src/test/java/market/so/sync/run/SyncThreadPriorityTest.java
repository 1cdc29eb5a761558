package market.so.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.ShopRepository;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * A shop's sync runs at {@code somarket.sync.thread-priority} (lowest by default) on whichever thread called
 * route {@code sync-shop}, and that thread has its own priority back when the sync ends; the read-ahead threads
 * are made at it. (Whether the operating system applies it is the JVM's flag: README, Sizing.)
 */
@SyncTest
class SyncThreadPriorityTest {

    @Autowired ProducerTemplate camel;
    @Autowired ShopRepository shops;
    @Autowired KeyCipher cipher;
    @Autowired @Qualifier("readAheadPool") ExecutorService readAhead;

    @Test
    void aSyncLowersTheThreadItRunsOnAndPutsItBackAfter() throws Exception {
        SimShop shop = SharedSimulator.get().fixtureShop("thread-priority")
            .slowPath("/api/stock_availables", Duration.ofSeconds(1));
        ApiKey key = ApiKey.of(shop.key());
        long id = shops.insert(shop.url(), "m@example.fr", cipher.encrypt(key), key.hint(),
            new ShopAccess(shop.url(), key, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null),
            "8.1.2.0", "Priority", "connected");
        AtomicInteger lowest = new AtomicInteger(Thread.MAX_PRIORITY);
        Thread caller = new Thread(() -> camel.requestBody("direct:sync-shop", id, ShopOutcome.class), "api-caller");
        caller.setPriority(7);

        caller.start();
        // the shop holds its stock answer a second: the sync is waiting on it, on the caller's thread
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            lowest.accumulateAndGet(caller.getPriority(), Math::min);
            return lowest.get() == Thread.MIN_PRIORITY || !caller.isAlive();
        });
        caller.join(30_000);

        assertThat(lowest.get()).as("the caller's thread during its sync").isEqualTo(Thread.MIN_PRIORITY);
        assertThat(caller.isAlive()).isFalse();
        assertThat(caller.getPriority()).as("after the sync").isEqualTo(7);
        assertThat(shop.requests()).anyMatch(request -> request.path().startsWith("/api/stock_availables"));
    }

    @Test
    void theReadAheadThreadsAreMadeAtTheSyncPriority() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        readAhead.submit(() -> seen.complete(Thread.currentThread().getPriority() + " " + Thread.currentThread().getName()));

        assertThat(seen.get()).startsWith(Thread.MIN_PRIORITY + " ").contains("read-ahead");
    }

    @Test
    void aPriorityOutsideJavasRangeIsRefusedWithWhatItMayBe() {
        assertThatThrownBy(() -> new SyncThreadPriority(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("somarket.sync.thread-priority must be between 1 and 10 (5: as every other thread), not 0");
        assertThat(new SyncThreadPriority(Thread.NORM_PRIORITY).priority()).isEqualTo(Thread.NORM_PRIORITY);
    }
}

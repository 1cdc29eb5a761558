package market.so.sync.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bounded pool a run's shops are synced on ({@code somarket.sync.concurrency} at a time), and the one
 * each sync reads its next batch of products on while it stores the current one, whose threads run at the
 * sync priority ({@link SyncThreadPriority}; a sync lowers the thread it runs on itself).
 */
@Configuration
public class RunConfiguration {

    @Bean(name = "shopSyncPool")
    public ExecutorService shopSyncPool(CamelContext camel, @Value("${somarket.sync.concurrency:8}") int concurrency) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "shop-sync", concurrency);
    }

    @Bean(name = "readAheadPool")
    public ExecutorService readAheadPool(CamelContext camel, @Value("${somarket.sync.concurrency:8}") int concurrency,
                                         SyncThreadPriority priority) {
        ExecutorService pool = camel.getExecutorServiceManager().newFixedThreadPool(this, "read-ahead", concurrency);
        // Camel names the threads and shuts the pool down with the context; the threads are made on first use
        ThreadPoolExecutor threads = (ThreadPoolExecutor) pool;
        threads.setThreadFactory(priority.threads(threads.getThreadFactory()));
        return pool;
    }
}

package market.so.sync.prestashop;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Shapes the HTTP client that camel-http uses for shops: every request bounded as a whole in time and its
 * answer in size ({@link ShopRequestGuard}: {@code somarket.sync.request-time-limit} or the sync's remaining
 * time, {@code somarket.sync.max-response-size}), connections closed rather than drained on every error path;
 * no cookies (every PrestaShop answer sets one, and we are not a browser); no hidden retries or redirects
 * (retries are Camel's, counted and logged; a redirect is reported to the merchant).
 */
@Component("responseLimits")
public class ResponseLimits implements HttpClientConfigurer, DisposableBean {

    private final long maxBytes;
    private final long requestLimitMillis;
    /** One thread for the deadlines of all shop requests: it only cancels requests, never waits on them. */
    private final ScheduledThreadPoolExecutor timer;

    public ResponseLimits(@Value("${somarket.sync.max-response-size:64MB}") DataSize maxSize,
                          @Value("${somarket.sync.request-time-limit:3m}") Duration requestLimit) {
        this.maxBytes = maxSize.toBytes();
        this.requestLimitMillis = requestLimit.toMillis();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "shop-request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            // first: outside decompression, so the cap counts what we would hold, and around the whole exchange
            .addExecInterceptorFirst("somarket-guard", new ShopRequestGuard(timer, requestLimitMillis, maxBytes));
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** An answer over the size cap: the shop's fault, not worth asking again. */
    public static class TooLarge extends IOException {
        TooLarge(long max, long announced) {
            super("the shop's answer is larger than " + megabytes(max) + " (somarket.sync.max-response-size)"
                + (announced > 0 ? ": it announced " + megabytes(announced) : ""));
        }

        private static String megabytes(long bytes) {
            return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " kB";
        }
    }
}

package market.so.sync.prestashop;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Shapes the HTTP client that camel-http uses for shops: answers larger than
 * {@code somarket.sync.max-response-size} are cut off with an error instead of filling memory or
 * disk; no cookies (every PrestaShop answer sets one, and we are not a browser); no hidden retries
 * or redirects (retries are Camel's, counted and logged; a redirect is reported to the merchant).
 */
@Component("responseLimits")
public class ResponseLimits implements HttpClientConfigurer {

    private final long maxBytes;

    public ResponseLimits(@Value("${somarket.sync.max-response-size:64MB}") DataSize maxSize) {
        this.maxBytes = maxSize.toBytes();
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .addExecInterceptorLast("somarket-size-cap", (request, scope, chain) -> {
                ClassicHttpResponse response = chain.proceed(request, scope);
                HttpEntity entity = response.getEntity();
                if (entity != null) {
                    response.setEntity(new Capped(entity, maxBytes));
                }
                return response;
            });
    }

    /** An answer over the size cap. */
    public static class TooLarge extends IOException {
        TooLarge(long max) {
            super("the shop's answer is larger than " + (max / (1024 * 1024)) + " MB");
        }
    }

    private static final class Capped extends HttpEntityWrapper {
        private final long max;

        Capped(HttpEntity entity, long max) {
            super(entity);
            this.max = max;
        }

        @Override
        public InputStream getContent() throws IOException {
            if (getContentLength() > max) {
                throw new TooLarge(max);
            }
            return new FilterInputStream(super.getContent()) {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0 && ++read > max) {
                        throw new TooLarge(max);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0 && (read += n) > max) {
                        throw new TooLarge(max);
                    }
                    return n;
                }
            };
        }
    }
}

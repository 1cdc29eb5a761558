package market.so.sync.prestashop;

import java.time.Duration;
import market.so.sync.shop.AddressGuard;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection pool behind the shop endpoint. Its per-route limit is what keeps us at
 * {@code somarket.sync.per-host-concurrency} requests at a time on any one merchant's server, however
 * many shops of the same host run in parallel; its resolver is the {@link AddressGuard}.
 */
@Configuration
public class HttpConfiguration {

    @Bean(name = "shopConnections", destroyMethod = "close")
    public PoolingHttpClientConnectionManager shopConnections(
            AddressGuard guard,
            @Value("${somarket.sync.per-host-concurrency:2}") int perHost,
            @Value("${somarket.sync.max-connections:200}") int total,
            @Value("${somarket.sync.connect-timeout:10s}") Duration connectTimeout,
            @Value("${somarket.sync.read-timeout:60s}") Duration readTimeout) {
        return PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(guard)
            .setMaxConnPerRoute(perHost)
            .setMaxConnTotal(total)
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .setTimeToLive(Timeout.ofMinutes(5))
                .build())
            .build();
    }

    /** camel-http's own timeouts (3 minutes by default) set to ours, so both layers agree. */
    @Bean
    public ComponentCustomizer shopHttpTimeouts(
            @Value("${somarket.sync.connect-timeout:10s}") Duration connectTimeout,
            @Value("${somarket.sync.read-timeout:60s}") Duration readTimeout) {
        return ComponentCustomizer.builder(HttpComponent.class).build(http -> {
            http.setConnectTimeout(connectTimeout.toMillis());
            http.setSoTimeout(readTimeout.toMillis());
            http.setResponseTimeout(readTimeout.toMillis());
        });
    }
}

package market.so.sync.prestashop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** When a failed call is asked again, and after how long: never past the sync's time, never for a size error. */
class WebserviceRetriesTest {

    final WebserviceRetries retries = new WebserviceRetries(Duration.ofMillis(20), Duration.ofSeconds(10));
    final ShopAccess access = new ShopAccess("https://shop.example", ApiKey.of("REALPRESTASHOPTESTKEY00000000001"),
        ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null);

    Exchange failed(Throwable failure, Instant deadline) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(failure);
        exchange.setProperty(WebserviceRetries.RETRIES, 3);
        exchange.setProperty(WebserviceAnswers.CALL, WebserviceCall.of(access, "products", Map.of()));
        exchange.setProperty(WebserviceAnswers.METER, new RequestMeter(() -> null, deadline));
        return exchange;
    }

    @Test
    void aShopsRetryAfterIsWaitedWhenTheSyncHasTheTime() {
        Exchange exchange = failed(new WebserviceException.Transient(ShopStatus.SYNC_FAILED, 503, 7_000L, "busy", null),
            Instant.now().plusSeconds(60));
        assertThat(retries.retryWhile(exchange)).isTrue();
        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(7_000L);
    }

    @Test
    void noRetryWhoseWaitWouldEndPastTheSyncsTimeLimit() {
        Exchange exchange = failed(new WebserviceException.Transient(ShopStatus.SYNC_FAILED, 503, 7_000L, "busy", null),
            Instant.now().plusSeconds(3));
        assertThat(retries.retryWhile(exchange)).isFalse();
        assertThat(retries.retryWhile(failed(new IOException("reset"), Instant.now().minusMillis(1)))).isFalse();
        assertThat(retries.retryWhile(failed(new IOException("reset"), Instant.now().plusSeconds(30)))).isTrue();
    }

    @Test
    void anAnswerOverTheSizeCapIsNotAskedAgain() {
        assertThat(retries.retryWhile(failed(new ResponseLimits.TooLarge(1 << 20, -1), null))).isFalse();
        assertThat(retries.retryWhile(failed(new WebserviceAnswers.CutShort("products", 10, "cut", null), null))).isTrue();
    }

    @Test
    void anIoErrorWrappedInAnUncheckedOneIsAskedAgainLikeABareOne() {
        // what a StAX parser throws when the stream fails while it finishes a text lazily
        RuntimeException lazy = new RuntimeException(new javax.xml.stream.XMLStreamException("cut",
            new IOException("Premature end of Content-Length delimited message body")));
        assertThat(retries.retryWhile(failed(lazy, null))).isTrue();
        assertThat(retries.retryWhile(failed(new RuntimeException(new ResponseLimits.TooLarge(1 << 20, -1)), null)))
            .isFalse();
        assertThat(retries.retryWhile(failed(new IllegalStateException("a bug of ours"), null))).isFalse();
    }
}

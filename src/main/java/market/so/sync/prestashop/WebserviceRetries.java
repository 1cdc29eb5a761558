package market.so.sync.prestashop;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides, for Camel's redelivery in route {@code webservice-get}, whether a failed call is tried
 * again and after how long: I/O errors, timeouts, 5xx and 429 are, with exponential backoff, and a
 * {@code Retry-After} from the shop wins when it asks for longer. The retry budget travels with the
 * call, so a registration probe (a merchant waiting) retries less than a night-time sync.
 */
@Component("webserviceRetries")
public class WebserviceRetries {

    static final String RETRIES = "wsRetries";
    private static final String ATTEMPT = "wsAttempt";
    private static final Logger log = LoggerFactory.getLogger(WebserviceRetries.class);

    private final long baseDelayMillis;
    private final long maxDelayMillis;

    public WebserviceRetries(@Value("${somarket.sync.retry-delay:1s}") java.time.Duration baseDelay,
                             @Value("${somarket.sync.max-retry-delay:60s}") java.time.Duration maxDelay) {
        this.baseDelayMillis = baseDelay.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
    }

    public boolean retryWhile(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        int attempt = exchange.getProperty(ATTEMPT, 0, Integer.class);
        int budget = exchange.getProperty(RETRIES, 0, Integer.class);
        if (attempt >= budget || !retryable(failure)) {
            return false;
        }
        long delay = Math.min(maxDelayMillis, baseDelayMillis << Math.min(attempt, 16));
        if (failure instanceof WebserviceException.Transient t && t.retryAfterMillis() != null) {
            delay = Math.min(maxDelayMillis, Math.max(delay, t.retryAfterMillis()));
        }
        WebserviceCall call = exchange.getProperty(WebserviceAnswers.CALL, WebserviceCall.class);
        RequestMeter meter = exchange.getProperty(WebserviceAnswers.METER, RequestMeter.class);
        if (meter != null && meter.deadline() != null
                && System.currentTimeMillis() + delay >= meter.deadline().toEpochMilli()) {
            // waiting would end past the sync's time: it fails now with what it has, and the run goes on
            log.info("not retrying {} on {}: the sync's time limit comes before the retry would ({})",
                call.resource().isEmpty() ? "the resource list" : call.resource(), hostOf(call), describe(failure));
            return false;
        }
        exchange.setProperty(ATTEMPT, attempt + 1);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
        log.info("retrying {} on {} in {} ms (attempt {} of {}): {}", call.resource().isEmpty() ? "the resource list" : call.resource(), hostOf(call), delay,
            attempt + 2, budget + 1, describe(failure));
        return true;
    }

    /**
     * Decided by the first webservice or I/O failure in the cause chain, the one {@link WebserviceClient#translate}
     * makes the error class of: an I/O error that reaches us wrapped (a parser's unchecked exception around the
     * stream's) is retried like a bare one, never failed at once as UNREACHABLE.
     */
    static boolean retryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof WebserviceException w) {
                return w.retryable();
            }
            if (cause instanceof IOException) {
                // an answer over the size cap comes back as large: asking again only costs the shop and us
                return !(cause instanceof ResponseLimits.TooLarge);
            }
        }
        return false;
    }

    private static String hostOf(WebserviceCall call) {
        return java.net.URI.create(call.access().baseUrl()).getHost();
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WebserviceException) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}

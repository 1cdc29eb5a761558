package market.so.sync.api;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.stereotype.Component;

/**
 * Whether the Camel routes take work now. Spring Boot opens the HTTP port before Camel starts (camel-spring-boot
 * starts the CamelContext on the context-refreshed event, after the web server), and on shutdown Camel stops before
 * the web server. In between, a call through the {@code ProducerTemplate} is refused
 * ({@code RejectedExecutionException: CamelContext is stopped}, which was answered 500), or while the routes start,
 * waits up to 30 s for its {@code direct:} route or meets a route further on that has not started yet. The endpoints
 * that hand work to a route ask here first and answer 503 with {@code Retry-After}: nothing was done, ask again.
 */
@Component
public class RoutesAvailability {

    /** What {@code Retry-After} says: the routes start in a few seconds once the HTTP port is open. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final CamelContext camel;

    public RoutesAvailability(CamelContext camel) {
        this.camel = camel;
    }

    /** Every route started and none stopping: not while starting, suspended or stopping. */
    public boolean running() {
        return camel.getStatus() == ServiceStatus.Started;
    }

    /** @throws Unavailable unless {@link #running()}; {@link ApiErrors} answers it 503 with {@code Retry-After} */
    public void require() {
        ServiceStatus status = camel.getStatus();
        if (status != ServiceStatus.Started) {
            throw new Unavailable(status);
        }
    }

    /**
     * The routes are not running: the service is starting or stopping (before its first start Camel says
     * {@code Stopped} too, so the two are not told apart).
     */
    public static class Unavailable extends RuntimeException {

        public Unavailable(ServiceStatus status) {
            super("the service is starting or stopping (" + status + "): nothing was done, try again in "
                    + RETRY_AFTER.toSeconds() + " s");
        }
    }
}

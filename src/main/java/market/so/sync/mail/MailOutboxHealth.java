package market.so.sync.mail;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mailOutbox}: UP while every answer has gone or is still being tried;
 * {@code WARNING} (a custom status, ordered between DOWN and UP and answered with HTTP 200, see
 * {@code management.endpoint.health.status.*}) as soon as one answer has spent all its tries. The service still
 * works, but a merchant is waiting for an answer only ops can get to them: never silently dropped.
 */
// "HealthIndicator" is cut from the name: the component is "mailOutbox" (that name is the outbox bean's)
@Component("mailOutboxHealthIndicator")
public class MailOutboxHealth implements HealthIndicator {

    /** The custom status; see the README's health section. */
    public static final Status WARNING = new Status("WARNING", "an answer to a merchant could not be sent after its last try");

    private final MailOutbox outbox;

    public MailOutboxHealth(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Health health() {
        int failed = outbox.count(OutboxEntry.FAILED);
        Health.Builder health = (failed > 0 ? Health.status(WARNING) : Health.up())
                .withDetail("pending", outbox.count(OutboxEntry.PENDING))
                .withDetail("failed", failed);
        if (outbox.oldestPending() != null) {
            health.withDetail("oldestPending", outbox.oldestPending().toString());
        }
        if (failed > 0) {
            health.withDetail("action", "GET /api/mail/outbox?state=FAILED, fix the SMTP settings, then POST /api/mail/outbox/{id}/resend");
        }
        return health.build();
    }
}

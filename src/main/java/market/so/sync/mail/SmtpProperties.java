package market.so.sync.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where replies to merchants are sent from ({@code somarket.smtp.*}). With no {@code host}, replies go through
 * the {@link EmbeddedMailServer} when it runs.
 *
 * @param protocol {@code smtp} (usually port 587) or {@code smtps} (TLS from the first byte, usually port 465)
 * @param port     {@code null}: 587 (submission) for smtp, 465 for smtps
 * @param starttls smtp only: {@code null} means {@link Starttls#REQUIRED} on port 587 (submission, where servers
 *                 refuse a login in clear) and {@link Starttls#OPTIONAL} on any other port
 * @param sslBundle the Spring Boot SSL bundle that checks this server's certificate; {@code null}: the JVM's CAs
 * @param oauth2   XOAUTH2 instead of a password; {@code null}: a password
 * @param retryInitialDelay  {@code somarket.smtp.retry-*}: how the outbox tries an answer again while the server
 *                 refuses it or is away, see {@link Retry}
 * @param outboxPollDelay how often the outbox looks for answers due
 */
@ConfigurationProperties("somarket.smtp")
public record SmtpProperties(@DefaultValue("smtp") Protocol protocol, String host, Integer port, String username,
        String password, @DefaultValue("hello@so.market") String from, Starttls starttls, String sslBundle,
        OAuth2Client oauth2, @DefaultValue("1m") Duration retryInitialDelay, @DefaultValue("2") double retryMultiplier,
        @DefaultValue("1d") Duration retryMaxDelay, @DefaultValue("15") int retryMaxAttempts,
        @DefaultValue("5s") Duration outboxPollDelay) {

    /**
     * Exponential backoff of the outbox ({@code somarket.smtp.retry-*}): the first retry after
     * {@code initialDelay}, each next one {@code multiplier} times later, never more than {@code maxDelay} apart;
     * after {@code maxAttempts} tries the answer is FAILED (health WARNING) and waits for ops to re-send it.
     */
    public record Retry(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts) {

        public Retry {
            if (maxAttempts < 1 || multiplier < 1) {
                throw new IllegalArgumentException("somarket.smtp.retry: max-attempts must be at least 1, multiplier at least 1");
            }
        }

        /** The wait after the {@code attempt}-th failed try (1-based): initial, ×multiplier each time, capped. */
        public Duration delayAfter(int attempt) {
            double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
            return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
        }
    }

    /** The camel-mail URI schemes that send. */
    public enum Protocol {
        SMTP(587), SMTPS(465);

        private final int defaultPort;

        Protocol(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public String scheme() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SmtpProperties {
        if (protocol == null) {
            protocol = Protocol.SMTP;
        }
        if (outboxPollDelay == null) {
            outboxPollDelay = Duration.ofSeconds(5);
        }
        if (retryInitialDelay == null) {
            retryInitialDelay = Duration.ofMinutes(1);
        }
        if (retryMaxDelay == null) {
            retryMaxDelay = Duration.ofDays(1);
        }
        new Retry(retryInitialDelay, retryMultiplier, retryMaxDelay, retryMaxAttempts); // checked at start, not at the first failure
    }

    public Retry retry() {
        return new Retry(retryInitialDelay, retryMultiplier, retryMaxDelay, retryMaxAttempts);
    }

    public boolean isConfigured() {
        return host != null && !host.isBlank();
    }

    public int effectivePort() {
        return port != null ? port : protocol.defaultPort;
    }

    @Override
    public String toString() {
        return "SmtpProperties[protocol=" + protocol + ", host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null ? "null" : "****") + ", from=" + from + ", starttls=" + starttls + ", sslBundle=" + sslBundle
                + ", oauth2=" + oauth2 + ", retry=" + retry() + ", outboxPollDelay=" + outboxPollDelay + "]";
    }
}

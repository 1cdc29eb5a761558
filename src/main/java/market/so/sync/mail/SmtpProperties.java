package market.so.sync.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where replies to merchants are sent from ({@code somarket.smtp.*}). With no {@code host}, replies go through
 * the {@link EmbeddedMailServer} when it runs.
 *
 * @param protocol {@code smtp} (usually port 587) or {@code smtps} (TLS from the first byte, usually port 465)
 * @param port     {@code null}: 587 (submission) for smtp, 465 for smtps
 */
@ConfigurationProperties("somarket.smtp")
public record SmtpProperties(@DefaultValue("smtp") Protocol protocol, String host, Integer port, String username,
        String password, @DefaultValue("hello@so.market") String from) {

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
                + (password == null ? "null" : "****") + ", from=" + from + "]";
    }
}

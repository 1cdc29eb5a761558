package market.so.sync.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where replies to merchants are sent from ({@code somarket.smtp.*}). With no {@code host}, replies go through
 * the {@link EmbeddedMailServer} when it runs.
 *
 * @param port {@code null}: 587 (submission)
 */
@ConfigurationProperties("somarket.smtp")
public record SmtpProperties(String host, Integer port, String username, String password,
        @DefaultValue("hello@so.market") String from) {

    public boolean isConfigured() {
        return host != null && !host.isBlank();
    }

    public int effectivePort() {
        return port != null ? port : 587;
    }

    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null ? "null" : "****") + ", from=" + from + "]";
    }
}

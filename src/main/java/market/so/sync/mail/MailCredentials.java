package market.so.sync.mail;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The login of each mail server at the moment of connecting: the configured password, the embedded server's, or
 * with {@code oauth2} an access token (XOAUTH2), renewed before it expires. The mailbox route, the SMTP route and
 * the mailbox health check all log in through this.
 */
@Component
public class MailCredentials {

    private final EmbeddedMailServer servers;
    private final OAuth2Token mailboxToken;
    private final OAuth2Token smtpToken;

    public MailCredentials(EmbeddedMailServer servers, MailboxProperties mailbox, SmtpProperties smtp, RestClient.Builder http) {
        this.servers = servers;
        this.mailboxToken = !mailbox.usesEmbeddedServer() && configured(mailbox.oauth2())
                ? new OAuth2Token(mailbox.oauth2(), http.build(), Clock.systemUTC()) : null;
        this.smtpToken = smtp.isConfigured() && configured(smtp.oauth2())
                ? new OAuth2Token(smtp.oauth2(), http.build(), Clock.systemUTC()) : null;
    }

    public MailAccess mailbox() {
        return withToken(servers.mailbox(), mailboxToken);
    }

    public MailAccess smtp() {
        return withToken(servers.smtp(), smtpToken);
    }

    private static MailAccess withToken(MailAccess access, OAuth2Token token) {
        return token == null ? access
                : new MailAccess(access.protocol(), access.host(), access.port(), access.username(), token.accessToken());
    }

    private static boolean configured(OAuth2Client client) {
        return client != null && client.isConfigured();
    }
}

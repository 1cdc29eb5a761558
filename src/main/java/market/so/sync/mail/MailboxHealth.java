package market.so.sync.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} shows the mailbox merchants write to: reachable (logged in, inbox open) or not, and how
 * many mails wait in it. Merchants' keys arrive there; a mailbox that cannot be read means shops that cannot join,
 * which ops must see before a merchant complains. Each call logs in once, with short timeouts.
 */
@Component("mailbox")
public class MailboxHealth implements HealthIndicator {

    private final MailCredentials servers;
    private final MailboxProperties mailbox;
    private final MailSessions sessions;
    private final Duration timeout;

    public MailboxHealth(MailCredentials servers, MailboxProperties mailbox, MailSessions sessions,
            @Value("${somarket.mail.health-timeout:5s}") Duration timeout) {
        this.servers = servers;
        this.mailbox = mailbox;
        this.sessions = sessions;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.unknown()
                .withDetail("embedded", mailbox.usesEmbeddedServer())
                .withDetail("folder", mailbox.folder());
        MailAccess access;
        try {
            access = servers.mailbox();
        } catch (RuntimeException e) {
            return health.down().withDetail("error", e.getMessage()).build();
        }
        health.withDetail("server", access.protocol() + "://" + access.host() + ":" + access.port())
                .withDetail("username", access.username() == null ? "" : access.username());
        try (Store store = Session.getInstance(sessions.mailbox(timeout)).getStore(access.protocol())) {
            store.connect(access.host(), access.port(), access.username(), access.password());
            Folder inbox = store.getFolder(mailbox.folder());
            inbox.open(Folder.READ_ONLY);
            try {
                health.withDetail("messages", inbox.getMessageCount());
                if (access.protocol().startsWith("imap")) {
                    health.withDetail("unseen", inbox.getUnreadMessageCount());
                }
            } finally {
                inbox.close(false);
            }
            return health.up().build();
        } catch (MessagingException | RuntimeException e) {
            // the message names the host and the failure, never the password
            return health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}

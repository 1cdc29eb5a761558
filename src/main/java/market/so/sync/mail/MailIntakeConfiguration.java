package market.so.sync.mail;

import jakarta.mail.PasswordAuthentication;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pieces route {@code mail-intake} refers to by name and that are not beans of their own: the idempotent
 * repository, the credentials of the mailbox and of the SMTP server, and Jakarta Mail's timeouts.
 */
@Configuration(proxyBeanMethods = false)
public class MailIntakeConfiguration {

    /** The processor name under which mail keys are stored in {@code CAMEL_MESSAGEPROCESSED}. */
    public static final String PROCESSOR_NAME = "mail-intake";

    /**
     * Mails already taken, in the database so that a restart, a re-poll or another node never takes one twice.
     * The table comes from Flyway (V1), never from the repository itself.
     */
    @Bean
    JdbcMessageIdRepository mailMessageIds(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, PROCESSOR_NAME);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    /**
     * The mailbox login, handed to camel-mail as an authenticator rather than as URI parameters: a password with
     * characters such as {@code &} or {@code )} needs no escaping, and it appears in no endpoint URI.
     */
    @Bean
    MailAuthenticator mailboxAuthenticator(MailCredentials credentials) {
        return new Credentials(credentials::mailbox);
    }

    /** The SMTP login for replies; a blank username means the server takes mail without one. */
    @Bean
    MailAuthenticator smtpAuthenticator(MailCredentials credentials) {
        return new Credentials(credentials::smtp);
    }

    /** The mailbox endpoint's Jakarta Mail properties: timeouts, STARTTLS, trust, XOAUTH2 ({@link MailSessions}). */
    @Bean
    Properties mailboxMailProperties(MailSessions sessions) {
        return sessions.mailbox();
    }

    /** The SMTP endpoint's Jakarta Mail properties. */
    @Bean
    Properties smtpMailProperties(MailSessions sessions) {
        return sessions.smtp();
    }

    /** Reads the credentials at each connection, so that they follow the server actually in use. */
    static final class Credentials extends MailAuthenticator {

        private final Supplier<MailAccess> access;

        Credentials(Supplier<MailAccess> access) {
            this.access = access;
        }

        @Override
        public PasswordAuthentication getPasswordAuthentication() {
            MailAccess current = access.get();
            boolean anonymous = current.username() == null || current.username().isBlank();
            return new PasswordAuthentication(anonymous ? null : current.username(),
                    current.password() == null ? "" : current.password());
        }

        @Override
        public String toString() {
            return "MailCredentials[****]";
        }
    }
}

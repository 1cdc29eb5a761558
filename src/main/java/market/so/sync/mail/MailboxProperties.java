package market.so.sync.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hello@so.market mailbox that merchants write to ({@code somarket.mailbox.*}). With no {@code host}, the
 * {@link EmbeddedMailServer} is started and used, so that the default run works end to end on one machine.
 *
 * @param port             {@code null}: the protocol's standard port
 * @param processedFolder  where a mail goes once handled, whatever the outcome for the shop
 * @param rejectedFolder   where a mail goes when it could not be processed after {@code maxAttempts}
 * @param perSenderPerHour flood control: mails from one sender processed per hour; the rest wait in the inbox
 * @param maxMessagesPerPoll unseen mails read per poll; mails waiting for their sender's quota are read again at
 *                         each poll, so this must stay well above what one sender can send in an hour
 * @param starttls         imap and pop3 only: {@code null} means {@link Starttls#REQUIRED} (the password never
 *                         crosses the network in clear); imaps and pop3s are TLS from the first byte
 * @param sslBundle        the Spring Boot SSL bundle whose trust material checks this server's certificate;
 *                         {@code null}: the JVM's default trust store (the public CAs)
 * @param oauth2           XOAUTH2 instead of a password (Microsoft 365, Google Workspace); {@code null}: a password
 */
@ConfigurationProperties("somarket.mailbox")
public record MailboxProperties(
        @DefaultValue("imap") Protocol protocol,
        String host,
        Integer port,
        String username,
        String password,
        @DefaultValue("INBOX") String folder,
        @DefaultValue("Processed") String processedFolder,
        @DefaultValue("Rejected") String rejectedFolder,
        @DefaultValue("30s") Duration pollDelay,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("5") int perSenderPerHour,
        @DefaultValue("100") int maxMessagesPerPoll,
        @DefaultValue Embedded embedded,
        Starttls starttls,
        String sslBundle,
        OAuth2Client oauth2) {

    /** The mail protocols camel-mail reads from; POP3 has no folders, so moving mails needs IMAP. */
    public enum Protocol {
        IMAP(143), IMAPS(993), POP3(110), POP3S(995);

        private final int defaultPort;

        Protocol(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The camel-mail URI scheme: {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}. */
        public String scheme() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public int defaultPort() {
            return defaultPort;
        }
    }

    /**
     * The embedded server of the default run ({@code somarket.mailbox.embedded.*}).
     *
     * @param password {@code null} or blank: one is generated at each start
     */
    public record Embedded(@DefaultValue("3025") int smtpPort, @DefaultValue("3143") int imapPort, String password) {

        @Override
        public String toString() {
            return "Embedded[smtpPort=" + smtpPort + ", imapPort=" + imapPort + ", password=" + (password == null ? "null" : "****") + "]";
        }
    }

    public MailboxProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("somarket.mailbox.max-attempts must be at least 1");
        }
        if (perSenderPerHour < 1) {
            throw new IllegalArgumentException("somarket.mailbox.per-sender-per-hour must be at least 1");
        }
        if (embedded == null) {
            embedded = new Embedded(3025, 3143, null);
        }
    }

    /** No mailbox configured: the embedded server stands in for it. */
    public boolean usesEmbeddedServer() {
        return host == null || host.isBlank();
    }

    public int effectivePort() {
        return port != null ? port : protocol.defaultPort();
    }

    /** Never prints the password: configuration is logged at startup and shown by management endpoints. */
    @Override
    public String toString() {
        return "MailboxProperties[protocol=" + protocol + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "null" : "****") + ", folder=" + folder + ", processedFolder="
                + processedFolder + ", rejectedFolder=" + rejectedFolder + ", pollDelay=" + pollDelay + ", maxAttempts="
                + maxAttempts + ", perSenderPerHour=" + perSenderPerHour + ", maxMessagesPerPoll=" + maxMessagesPerPoll + ", embedded=" + embedded + ", starttls=" + starttls
                + ", sslBundle=" + sslBundle + ", oauth2=" + oauth2 + "]";
    }
}

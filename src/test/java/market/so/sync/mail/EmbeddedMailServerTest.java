package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The default run's mail server, started and used without an application context. */
class EmbeddedMailServerTest {

    private static MailboxProperties mailbox(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("somarket.mailbox", MailboxProperties.class);
    }

    private static SmtpProperties smtp(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("somarket.smtp", SmtpProperties.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        MailboxProperties mailbox = mailbox(Map.of());
        SmtpProperties smtp = smtp(Map.of());

        assertThat(mailbox.protocol()).isEqualTo(MailboxProperties.Protocol.IMAP);
        assertThat(mailbox.usesEmbeddedServer()).isTrue();
        assertThat(mailbox.folder()).isEqualTo("INBOX");
        assertThat(mailbox.processedFolder()).isEqualTo("Processed");
        assertThat(mailbox.rejectedFolder()).isEqualTo("Rejected");
        assertThat(mailbox.pollDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(mailbox.maxAttempts()).isEqualTo(3);
        assertThat(mailbox.perSenderPerHour()).isEqualTo(5);
        assertThat(mailbox.embedded().smtpPort()).isEqualTo(3025);
        assertThat(mailbox.embedded().imapPort()).isEqualTo(3143);
        assertThat(smtp.from()).isEqualTo("hello@so.market");
    }

    @Test
    void aConfiguredMailboxIsUsedAsIsAndNothingStarts() {
        MailboxProperties mailbox = mailbox(Map.of("somarket.mailbox.protocol", "imaps", "somarket.mailbox.host", "imap.example.net",
                "somarket.mailbox.username", "hello@so.market", "somarket.mailbox.password", "s3cret"));
        EmbeddedMailServer server = new EmbeddedMailServer(mailbox, smtp(Map.of()), null);

        server.start();

        assertThat(server.isRunning()).isFalse();
        assertThat(server.mailbox()).isEqualTo(new MailAccess("imaps", "imap.example.net", 993, "hello@so.market", "s3cret"));
        assertThat(server.mailbox().toString()).doesNotContain("s3cret");
        assertThat(mailbox.toString()).doesNotContain("s3cret");
        assertThatThrownBy(server::smtp).hasMessageContaining("somarket.smtp.host");
    }

    @Test
    void withoutMailboxGreenMailReceivesOnSmtpAndServesOnImapThenStops() throws Exception {
        MailboxProperties mailbox = mailbox(Map.of("somarket.mailbox.embedded.smtp-port", "0",
                "somarket.mailbox.embedded.imap-port", "0"));
        StandardEnvironment environment = new StandardEnvironment();
        EmbeddedMailServer server = new EmbeddedMailServer(mailbox, smtp(Map.of()), environment);
        server.afterPropertiesSet();
        try {
            MailAccess in = server.mailbox();
            MailAccess out = server.smtp();
            assertThat(in.host()).isEqualTo("127.0.0.1");
            assertThat(in.username()).isEqualTo("hello@so.market");
            assertThat(in.password()).isNotBlank();
            assertThat(environment.getProperty("somarket.mail.effective.mailbox.port", Integer.class)).isEqualTo(in.port());
            assertThat(environment.getProperty("somarket.mail.effective.smtp.host")).isEqualTo("127.0.0.1");
            assertThat(environment.getProperty("somarket.mail.effective.smtp.from")).isEqualTo("hello@so.market");

            send(out, "claire@atelier-des-savons.fr", "Clé webservice", "Bonjour, voici la clé.");

            Session session = Session.getInstance(new Properties());
            try (Store store = session.getStore("imap")) {
                store.connect(in.host(), in.port(), in.username(), in.password());
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();
                assertThat(messages).hasSize(1);
                assertThat(messages[0].getSubject()).isEqualTo("Clé webservice");
                inbox.close(false);
            }
        } finally {
            int port = server.mailbox().port();
            server.destroy();
            assertThat(server.isRunning()).isFalse();
            assertThat(isListening(port)).as("IMAP port closed after stop").isFalse();
        }
    }

    @Test
    void aChosenPasswordIsUsed() {
        MailboxProperties mailbox = mailbox(Map.of("somarket.mailbox.embedded.smtp-port", "0",
                "somarket.mailbox.embedded.imap-port", "0", "somarket.mailbox.embedded.password", "local-only"));
        EmbeddedMailServer server = new EmbeddedMailServer(mailbox, smtp(Map.of()), null);
        server.start();
        try {
            assertThat(server.mailbox().password()).isEqualTo("local-only");
        } finally {
            server.stop();
        }
    }

    private static void send(MailAccess smtp, String from, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("hello@so.market"));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

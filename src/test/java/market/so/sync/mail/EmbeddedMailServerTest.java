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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The default run's mail server, started and used without an application context: the README's ports by default,
 * free ones for 0, and a taken port refused by name.
 */
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
            assertThat(in.port()).as("port 0: a free one, read back").isPositive().isNotEqualTo(out.port());
            assertThat(out.port()).isPositive();
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

    @ParameterizedTest
    @ValueSource(strings = {"smtp-port", "imap-port"})
    void aTakenPortStopsTheStartNamingThePortAndItsProperty(String which) throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = other.getLocalPort();
            Map<String, String> ports = new HashMap<>(Map.of("somarket.mailbox.embedded.smtp-port", "0",
                    "somarket.mailbox.embedded.imap-port", "0"));
            ports.put("somarket.mailbox.embedded." + which, String.valueOf(taken));
            EmbeddedMailServer server = new EmbeddedMailServer(mailbox(ports), smtp(Map.of()), null);

            assertThatThrownBy(server::start)
                    .isInstanceOfSatisfying(EmbeddedMailPortInUse.class, e -> {
                        assertThat(e.port()).isEqualTo(taken);
                        assertThat(e.property()).isEqualTo("somarket.mailbox.embedded." + which);
                    })
                    .hasMessageContaining("Port " + taken + " ")
                    .hasMessageContaining("somarket.mailbox.embedded." + which);
            assertThat(server.isRunning()).isFalse();
            assertThat(isListening(taken)).as("the other program keeps its port").isTrue();
        }
    }

    @Test
    void springBootReportsATakenPortInOneSentenceWithTheProperty() {
        EmbeddedMailPortInUse taken = new EmbeddedMailPortInUse(3143, "IMAP", "somarket.mailbox.embedded.imap-port",
                new java.net.BindException("Address already in use"));
        // as Spring Boot hands it over: wrapped by the bean's creation
        Throwable failure = new BeanCreationException("embeddedMailServer", "Invocation of init method failed", taken);

        FailureAnalysis analysis = new EmbeddedMailPortInUseFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Port 3143 (embedded mail server, IMAP) is already in use on 127.0.0.1: "
                + "set somarket.mailbox.embedded.imap-port to another port, or to 0 for a free one printed at start.");
        assertThat(analysis.getAction()).contains("--somarket.mailbox.embedded.imap-port=0");
        List<FailureAnalyzer> registered = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                null, SpringFactoriesLoader.FailureHandler.handleMessage((message, error) -> { }));
        assertThat(registered).as("META-INF/spring.factories").hasAtLeastOneElementOfType(EmbeddedMailPortInUseFailureAnalyzer.class);
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

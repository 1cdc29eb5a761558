package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;

/**
 * Each mail server's Jakarta Mail properties, and the mailbox protocols against GreenMail: IMAP and POP3 in clear
 * (STARTTLS off, as GreenMail has no STARTTLS), IMAPS and POP3S with GreenMail's own self-signed certificate
 * trusted through an SSL bundle only. STARTTLS itself is checked against the real Dovecot and Postfix
 * ({@code RealMailServersIT}).
 */
class MailSessionsTest {

    private static final String USER = "hello@so.market";
    private GreenMail greenMail;
    private final DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry("greenmail", SslBundle.of(new JksSslStoreBundle(null,
            new JksSslStoreDetails("PKCS12", null, "classpath:greenmail.p12", "changeit"))));

    @BeforeEach
    void start() throws MessagingException {
        greenMail = new GreenMail(new ServerSetup[] {setup(ServerSetup.PROTOCOL_IMAP), setup(ServerSetup.PROTOCOL_IMAPS),
                setup(ServerSetup.PROTOCOL_POP3), setup(ServerSetup.PROTOCOL_POP3S)});
        greenMail.start();
        greenMail.setUser(USER, USER, "secret");
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom("claire@atelier.test");
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, USER);
        mail.setSubject("Ma clé");
        mail.setText("Bonjour");
        greenMail.getUserManager().getUser(USER).deliver(mail);
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"imap", "imaps", "pop3", "pop3s"})
    void everyMailboxProtocolLogsInWithItsOwnSettings(String protocol) throws MessagingException {
        MailSessions sessions = sessions(Map.of("somarket.mailbox.protocol", protocol, "somarket.mailbox.host", "127.0.0.1",
                "somarket.mailbox.starttls", "off", "somarket.mailbox.ssl-bundle", "greenmail"), false);
        Properties properties = sessions.mailbox();

        assertThat(read(properties, protocol, port(protocol))).isEqualTo(1);
        if (protocol.endsWith("s")) {
            assertThat(properties.get("mail." + protocol + ".ssl.socketFactory")).isInstanceOf(SSLSocketFactory.class);
            assertThat(properties).doesNotContainKey("mail." + protocol + ".starttls.enable");
        } else {
            assertThat(properties).containsEntry("mail." + protocol + ".starttls.enable", "false");
        }
        assertThat(System.getProperties()).doesNotContainKeys("javax.net.ssl.trustStore", "mail." + protocol + ".ssl.socketFactory");
    }

    @Test
    void withoutTheBundleGreenMailsCertificateIsNotTrustedAndTheHostNameIsCheckedByDefault() {
        MailSessions noBundle = sessions(Map.of("somarket.mailbox.protocol", "imaps", "somarket.mailbox.host", "127.0.0.1"), false);
        assertThatThrownBy(() -> read(noBundle.mailbox(), "imaps", port("imaps"))).hasStackTraceContaining("PKIX path building failed");
        // GreenMail's certificate names no host: with the check on (the default) it is refused even though trusted
        MailSessions checked = sessions(Map.of("somarket.mailbox.protocol", "imaps", "somarket.mailbox.host", "127.0.0.1",
                "somarket.mailbox.ssl-bundle", "greenmail"), true);
        assertThat(checked.mailbox()).containsEntry("mail.imaps.ssl.checkserveridentity", "true");
        assertThatThrownBy(() -> read(checked.mailbox(), "imaps", port("imaps"))).isInstanceOf(MessagingException.class);
    }

    @Test
    void starttlsDefaultsToRequiredForTheMailboxAndForSubmissionOptionalOnOtherSmtpPorts() {
        Map<String, String> settings = new HashMap<>(Map.of("somarket.mailbox.protocol", "imap", "somarket.mailbox.host", "mail.test",
                "somarket.smtp.host", "mail.test"));
        assertThat(sessions(settings, true).mailbox()).containsEntry("mail.imap.starttls.enable", "true")
                .containsEntry("mail.imap.starttls.required", "true").containsEntry("mail.imap.timeout", "10000");
        assertThat(sessions(settings, true).smtp()).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true");
        settings.put("somarket.smtp.port", "25");
        assertThat(sessions(settings, true).smtp()).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "false");
        settings.put("somarket.smtp.starttls", "off");
        settings.put("somarket.mailbox.protocol", "pop3");
        settings.put("somarket.mailbox.starttls", "optional");
        assertThat(sessions(settings, true).smtp()).containsEntry("mail.smtp.starttls.enable", "false");
        assertThat(sessions(settings, true).mailbox()).containsEntry("mail.pop3.starttls.enable", "true")
                .containsEntry("mail.pop3.starttls.required", "false");
        settings.put("somarket.smtp.protocol", "smtps");
        assertThat(sessions(settings, true).smtp()).doesNotContainKey("mail.smtps.starttls.enable")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true");
    }

    @Test
    void theBackoffDoublesFromTheInitialDelayUpToTheMaximum() {
        SmtpProperties.Retry retry = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("somarket.smtp", SmtpProperties.class).retry();
        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(retry.delayAfter(11)).isEqualTo(Duration.ofMinutes(1024));
        assertThat(retry.delayAfter(12)).isEqualTo(Duration.ofDays(1));
        assertThat(retry.delayAfter(15)).isEqualTo(Duration.ofDays(1));
        assertThat(retry.maxAttempts()).isEqualTo(15);
    }

    // --- helpers

    private MailSessions sessions(Map<String, String> settings, boolean checkServerIdentity) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        MailboxProperties mailbox = binder.bindOrCreate("somarket.mailbox", MailboxProperties.class);
        SmtpProperties smtp = binder.bindOrCreate("somarket.smtp", SmtpProperties.class);
        return new MailSessions(new EmbeddedMailServer(mailbox, smtp, null), mailbox, smtp, bundles, Duration.ofSeconds(10),
                checkServerIdentity);
    }

    private int port(String protocol) {
        return switch (protocol) {
            case "imap" -> greenMail.getImap().getPort();
            case "imaps" -> greenMail.getImaps().getPort();
            case "pop3" -> greenMail.getPop3().getPort();
            default -> greenMail.getPop3s().getPort();
        };
    }

    private static int read(Properties properties, String protocol, int port) throws MessagingException {
        try (Store store = Session.getInstance(properties).getStore(protocol)) {
            store.connect("127.0.0.1", port, USER, "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.getMessageCount();
            } finally {
                inbox.close(false);
            }
        }
    }

    private static ServerSetup setup(String protocol) {
        return new ServerSetup(0, "127.0.0.1", protocol).dynamicPort();
    }
}

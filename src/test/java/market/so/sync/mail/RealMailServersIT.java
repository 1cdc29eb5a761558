package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import market.so.sync.support.SyncTest;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Against the stock Dovecot 2.3 + Postfix 3.7 of {@code shared/tools/real-mail} on loopback, when they are up
 * (skipped otherwise): the service reads hello@so.market over IMAPS 993, trusting the host's snakeoil certificate
 * through an SSL bundle only, answers through submission 587 with STARTTLS and login; a merchant's mail with the
 * real PrestaShop's address and key ends in a connected shop and an answer in merchant@example.test's inbox.
 * The STARTTLS variants (IMAP 143, POP3 110) and POP3S are tried with the same per-session settings, and the
 * refusals that must happen (no bundle, a wrong host name) are checked too.
 *
 * <p>Run: {@code mvn verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RealMailServersIT}.
 */
@SyncTest
@DirtiesContext
@TestPropertySource(properties = {
        "somarket.mailbox.protocol=imaps", "somarket.mailbox.host=" + RealMailServersIT.HOST,
        "somarket.mailbox.username=hello", "somarket.mailbox.password=hellopw", "somarket.mailbox.ssl-bundle=realmail",
        "somarket.mailbox.poll-delay=500ms",
        "somarket.smtp.host=" + RealMailServersIT.HOST, "somarket.smtp.port=587", "somarket.smtp.username=hello",
        "somarket.smtp.password=hellopw", "somarket.smtp.ssl-bundle=realmail", "somarket.smtp.outbox-poll-delay=500ms",
        "spring.ssl.bundle.pem.realmail.truststore.certificate=file:/etc/ssl/certs/ssl-cert-snakeoil.pem",
        // the real PrestaShop on a shared machine: test.properties' 2 s are for the simulator
        "somarket.sync.read-timeout=60s", "somarket.sync.connect-timeout=10s"})
class RealMailServersIT {

    /** The snakeoil certificate's name: the machine's host name, resolved to loopback by /etc/hosts. */
    static final String HOST = "vm";
    private static final String SHOP = "http://real-ps.test:8089";
    private static final String SHOP_KEY = "REALPRESTASHOPTESTKEY00000000001";
    // a first sync of the real shop takes seconds on an idle machine, minutes on a shared one under load
    private static final Duration WAIT = Duration.ofMinutes(6);

    @Autowired SslBundles bundles;
    @Autowired MailSessions sessions;
    @Autowired EmbeddedMailServer servers;
    @Autowired JdbcTemplate jdbc;

    @BeforeAll
    static void serversUp() throws MessagingException {
        Assumptions.assumeTrue(open(993) && open(587) && open(143) && open(110) && open(995),
                "Dovecot and Postfix are not running on loopback (shared/tools/real-mail): skipped");
        // only the mail of this run: earlier ones are marked seen, so the route leaves them alone
        try (Store store = imaps("hello", "hellopw")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            if (inbox.getMessageCount() > 0) {
                inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.SEEN), true);
            }
            inbox.close(false);
        }
    }

    @Test
    void aMerchantsMailReadOverImapsIsAnsweredThroughSubmissionWithStarttls() throws Exception {
        Assumptions.assumeTrue(open("real-ps.test", 8089), "the real PrestaShop (real-ps.test:8089) is not running: skipped");
        String id = "<" + UUID.randomUUID() + "@example.test>";
        String subject = "Ma clé So.market " + id.substring(1, 9);
        long started = System.nanoTime();
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("merchant@example.test"));
        mail.setRecipients(Message.RecipientType.TO, "hello@so.market");
        mail.setSubject(subject, "UTF-8");
        mail.setText("Bonjour,\nAdresse de ma boutique : " + SHOP + "\nClé du webservice : " + SHOP_KEY + "\nMerci !", "UTF-8");
        mail.saveChanges();
        mail.setHeader("Message-ID", id);
        // delivered as a merchant's client would: Postfix port 25, to the local hello mailbox
        Properties relay = new Properties();
        relay.setProperty("mail.smtp.host", HOST);
        relay.setProperty("mail.smtp.port", "25");
        sendThroughPort25(mail, relay);

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> repliesTo(subject).size() >= 1);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        List<String> replies = repliesTo(subject);
        assertThat(replies).hasSize(1);
        // the key worked: connected, or registered with a first sync that failed (the shop is slow, not the mail)
        assertThat(replies.get(0)).contains("REAL…", SHOP).containsAnyOf("est connectée à So.market", "la première lecture")
                .doesNotContain(SHOP_KEY);
        Map<String, Object> outbox = jdbc.queryForMap("SELECT state, attempts FROM mail_outbox WHERE message_key = ?", id);
        assertThat(outbox).containsEntry("STATE", "SENT");
        Map<String, Object> shop = jdbc.queryForMap("SELECT id, status, product_count FROM shop WHERE url = ?", SHOP);
        assertThat(shop.get("STATUS")).isIn("CONNECTED", "SYNC_FAILED");
        System.out.println("REAL-MAIL: mail " + id + " read over IMAPS " + HOST + ":993 (snakeoil trusted by bundle realmail), shop "
                + shop.get("ID") + " " + shop.get("STATUS") + " with " + shop.get("PRODUCT_COUNT") + " products, answer sent via "
                + HOST + ":587 STARTTLS+login after " + outbox.get("ATTEMPTS") + " try(ies), in merchant's inbox " + seconds + " s after sending");
    }

    @Test
    void starttlsAndImplicitTlsSessionsTrustTheBundleOnlyAndCheckTheHostName() throws Exception {
        for (String[] variant : new String[][] {{"imap", "143"}, {"pop3", "110"}, {"pop3s", "995"}, {"imaps", "993"}}) {
            MailSessions session = sessionsFor(Map.of("somarket.mailbox.protocol", variant[0], "somarket.mailbox.host", HOST,
                    "somarket.mailbox.ssl-bundle", "realmail"), true);
            try (Store store = Session.getInstance(session.mailbox()).getStore(variant[0])) {
                store.connect(HOST, Integer.parseInt(variant[1]), "hello", "hellopw");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                System.out.println("REAL-MAIL: " + variant[0] + "://" + HOST + ":" + variant[1] + " logged in over TLS"
                        + (variant[0].endsWith("s") ? "" : " (STARTTLS required)") + ", INBOX holds " + inbox.getMessageCount());
                inbox.close(false);
                if (store instanceof IMAPStore imap) {
                    assertThat(imap.isSSL()).as("TLS on " + variant[0]).isTrue();
                }
            }
        }
        // without the bundle the JVM's public CAs do not know the snakeoil certificate: refused, not trusted by default
        MailSessions noBundle = sessionsFor(Map.of("somarket.mailbox.protocol", "imaps", "somarket.mailbox.host", HOST), true);
        assertThatThrownBy(() -> connect(noBundle, "imaps", HOST, 993)).hasStackTraceContaining("PKIX path building failed");
        // the certificate names "vm": reached as "localhost" (same server, same trusted certificate) it is refused,
        // and accepted only once host name checks are turned off. Jakarta Mail hands the check to the JDK (endpoint
        // identification during the handshake), which reports a mismatch as "PKIX path building failed" too.
        MailSessions bundle = sessionsFor(Map.of("somarket.mailbox.protocol", "imaps", "somarket.mailbox.host", "localhost",
                "somarket.mailbox.ssl-bundle", "realmail"), true);
        assertThatThrownBy(() -> connect(bundle, "imaps", "localhost", 993)).isInstanceOf(MessagingException.class)
                .hasStackTraceContaining("PKIX path building failed");
        connect(sessionsFor(Map.of("somarket.mailbox.protocol", "imaps", "somarket.mailbox.host", "localhost",
                "somarket.mailbox.ssl-bundle", "realmail"), false), "imaps", "localhost", 993);
        System.out.println("REAL-MAIL: imaps without the bundle: refused (PKIX); as localhost with the bundle: refused while "
                + "check-server-identity=true, accepted with false");
        // submission refuses mail without TLS: with STARTTLS off, Postfix answers 530 "Must issue a STARTTLS command first"
        MailSessions smtpOff = sessionsFor(Map.of("somarket.smtp.host", HOST, "somarket.smtp.starttls", "off",
                "somarket.smtp.ssl-bundle", "realmail", "somarket.mailbox.host", HOST), true);
        assertThatThrownBy(() -> submit(smtpOff, "STARTTLS off")).isInstanceOf(MessagingException.class)
                .hasStackTraceContaining("STARTTLS");
        MailSessions smtpRequired = sessionsFor(Map.of("somarket.smtp.host", HOST, "somarket.smtp.ssl-bundle", "realmail",
                "somarket.mailbox.host", HOST), true);
        submit(smtpRequired, "STARTTLS required");
        System.out.println("REAL-MAIL: smtp://" + HOST + ":587 with starttls=off refused by Postfix (530); with the default "
                + "(required on 587) and login: sent");
    }

    private static void submit(MailSessions sessions, String subject) throws MessagingException {
        Properties properties = withAuth(sessions.smtp());
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("hello@so.market"));
        message.setRecipients(Message.RecipientType.TO, "merchant@example.test");
        message.setSubject("RealMailServersIT: " + subject);
        message.setText("a test of the submission port");
        try (Transport transport = Session.getInstance(properties).getTransport("smtp")) {
            transport.connect(HOST, 587, "hello", "hellopw");
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    // --- helpers

    private MailSessions sessionsFor(Map<String, String> settings, boolean checkServerIdentity) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        MailboxProperties mailbox = binder.bindOrCreate("somarket.mailbox", MailboxProperties.class);
        SmtpProperties smtp = binder.bindOrCreate("somarket.smtp", SmtpProperties.class);
        return new MailSessions(servers, mailbox, smtp, bundles, Duration.ofSeconds(10), checkServerIdentity);
    }

    private static Properties withAuth(Properties properties) {
        properties.setProperty("mail.smtp.auth", "true");
        return properties;
    }

    private static void connect(MailSessions sessions, String protocol, String host, int port) throws MessagingException {
        try (Store store = Session.getInstance(sessions.mailbox()).getStore(protocol)) {
            store.connect(host, port, "hello", "hellopw");
        }
    }

    private void sendThroughPort25(MimeMessage mail, Properties relay) throws MessagingException {
        try (Transport transport = Session.getInstance(relay).getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(mail, mail.getAllRecipients());
        }
    }

    /** The merchant's inbox, read over IMAPS with the snakeoil certificate trusted through the same bundle. */
    private List<String> repliesTo(String subject) throws MessagingException, IOException {
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.socketFactory", bundles.getBundle("realmail").createSslContext().getSocketFactory());
        try (Store store = Session.getInstance(properties).getStore("imaps")) {
            store.connect(HOST, 993, "merchant", "merchantpw");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> bodies = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    if (("Re: " + subject).equals(message.getSubject())) {
                        bodies.add(message.getContent().toString());
                    }
                }
                return bodies;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static Store imaps(String user, String password) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.ssl.trust", HOST); // this setup step only; the service uses the bundle
        Store store = Session.getInstance(properties).getStore("imaps");
        store.connect(HOST, 993, user, password);
        return store;
    }

    private static boolean open(int port) {
        return open("127.0.0.1", port);
    }

    private static boolean open(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.run.ShopOutcome;
import market.so.sync.shop.AddressGuard;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SyncTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Guide §3 end to end: merchants' mails delivered to the embedded server's IMAP inbox, route {@code mail-intake}
 * against the PrestaShop simulator, answers read from the merchants' own inboxes on the same GreenMail. Its
 * context (a mailbox polled every 200 ms) is closed afterwards rather than left polling in the context cache.
 */
@SyncTest
@DirtiesContext
class MailIntakeRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    static PrestaShopSimulator sim;
    static int shops;

    @Autowired EmbeddedMailServer mailServer;
    @Autowired MailboxHealth mailboxHealth;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProducerTemplate routes;
    @Autowired TestRestTemplate rest;

    @DynamicPropertySource
    static void fastMailbox(DynamicPropertyRegistry registry) {
        registry.add("somarket.mailbox.poll-delay", () -> "200ms");
        registry.add("somarket.mailbox.per-sender-per-hour", () -> "2");
        registry.add("somarket.smtp.outbox-poll-delay", () -> "100ms");
    }

    /**
     * {@code -Dmail.*} settings of the JVM, as an operator or another library may leave them: each would break or
     * redirect the mail intake if it reached its sessions (camel-mail starts its sessions from a copy of
     * {@code System.getProperties()} unless given all their properties, {@link MailSessions}). Set when this class
     * is initialised, before its context starts (Spring may load it before {@code @BeforeAll} runs), so the
     * endpoints are built with them around; every test below must not notice.
     */
    static final Map<String, String> JVM_MAIL_SETTINGS = Map.of(
            "mail.imap.ssl.enable", "true",             // TLS towards the embedded IMAP, which speaks none
            "mail.smtp.ssl.enable", "true",
            "mail.imap.host", "imap.elsewhere.invalid",
            "mail.smtp.host", "smtp.elsewhere.invalid",
            "mail.smtp.port", "1",
            "mail.smtp.from", "bounces@elsewhere.invalid");

    static {
        JVM_MAIL_SETTINGS.forEach(System::setProperty);
    }

    @BeforeAll
    static void startSimulator() {
        sim = PrestaShopSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
        JVM_MAIL_SETTINGS.keySet().forEach(System::clearProperty);
    }

    private static SimShop shop() {
        return sim.fixtureShop("mailshop" + (++shops));
    }

    /**
     * The shop's address as a merchant usually writes it: a host name (an IP address counts only when written
     * with its scheme, see ShopUrlFinderTest). {@link SimulatorHosts} resolves it to the simulator.
     */
    private static String address(SimShop shop) {
        return shop.url().replace("127.0.0.1", shop.name() + SimulatorHosts.DOMAIN);
    }

    /** Names under {@code .shops.test} resolve to loopback, where the simulator listens. */
    @TestConfiguration
    static class SimulatorHosts {

        static final String DOMAIN = ".shops.test";

        @Bean
        @Primary
        AddressGuard simulatorHosts() {
            return new AddressGuard(true) {
                @Override
                public InetAddress[] resolve(String host) throws UnknownHostException {
                    return host.endsWith(DOMAIN) ? new InetAddress[] {InetAddress.getLoopbackAddress()} : super.resolve(host);
                }
            };
        }
    }

    @Test
    void aKeyByMailConnectsTheShopAnswersWithTheProductsOnlineAndFilesTheMail() throws Exception {
        SimShop demo = shop();
        String id = messageId();
        deliver(mail(id, "Claire Morel <claire@atelier-un.test>", "Clé webservice", """
                Reply-To: Boutique <boutique@atelier-un.test>
                References: <earlier@atelier-un.test>
                """, """
                Bonjour,
                Suivez-nous sur https://www.facebook.com/atelierun
                Adresse de ma boutique : %s
                Clé : %s
                Merci !""".formatted(address(demo), demo.key())));

        MimeMessage reply = awaitOne("atelier-un.test");
        assertThat(reply.getAllRecipients()).extracting(Object::toString).containsExactly("boutique@atelier-un.test");
        assertThat(reply.getFrom()).extracting(Object::toString).containsExactly("hello@so.market");
        assertThat(reply.getSubject()).isEqualTo("Re: Clé webservice");
        assertThat(reply.getHeader("In-Reply-To")).containsExactly(id);
        assertThat(reply.getHeader("References")[0]).isEqualTo("<earlier@atelier-un.test> " + id);
        assertThat(reply.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        String text = text(reply);
        assertThat(text).contains("est connectée à So.market", "après la première synchronisation : 5",
                demo.key().substring(0, 4) + "…").doesNotContain(demo.key());

        Long shopId = jdbc.queryForObject("SELECT id FROM shop WHERE url = ?", Long.class, address(demo));
        assertThat(jdbc.queryForObject("SELECT contact_email FROM shop WHERE id = ?", String.class, shopId))
                .isEqualTo("boutique@atelier-un.test");
        assertThat(jdbc.queryForObject("SELECT last_sync_outcome FROM shop WHERE id = ?", String.class, shopId)).isEqualTo("OK");
        await().atMost(WAIT).until(() -> subjects("Processed").contains("Clé webservice"));
        assertThat(subjects("INBOX")).doesNotContain("Clé webservice");
        assertThat(jdbc.queryForObject("SELECT outcome FROM mail_message WHERE message_key = ?", String.class, id))
                .isEqualTo("CONNECTED");
    }

    @Test
    void theSameMailDeliveredTwiceGivesOneShopAndOneAnswer() throws Exception {
        SimShop demo = shop();
        String raw = mail(messageId(), "marc@deux-fois.test", "Ma clé So.market", "",
                "Boutique : " + address(demo) + "\nClé API : " + demo.key());
        deliver(raw);
        deliver(raw);

        await().atMost(WAIT).until(() -> count(subjects("Processed"), "Ma clé So.market") == 2);
        assertThat(replies("deux-fois.test")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE url = ?", Integer.class, address(demo))).isEqualTo(1);
    }

    @Test
    void anUnreadableMailIsAnsweredAndRejectedAndTheNextMailStillFlows() throws Exception {
        String broken = Files.readString(Path.of("src/test/resources/mail/corpus/25-malformed-missing-boundary.eml"))
                .replace("<broken-1@boutique-cassee.fr>", messageId()).replace("contact@boutique-cassee.fr", "contact@cassee.test");
        deliver(broken);
        deliver(mail(messageId(), "paul@sans-cle.test", "Inscription", "", "Bonjour, comment vous envoyer ma clé ?"));

        MimeMessage answer = awaitOne("cassee.test");
        assertThat(text(answer)).contains("nous n'avons pas réussi à le lire");
        await().atMost(WAIT).until(() -> subjects("Rejected").contains("ma boutique"));
        MimeMessage next = awaitOne("sans-cle.test");
        assertThat(text(next)).contains("§2");
        await().atMost(WAIT).until(() -> subjects("Processed").contains("Inscription"));
    }

    @Test
    void anAutoReplyIsFiledWithoutAnAnswer() throws Exception {
        deliver(mail(messageId(), "absent@robot.test", "Réponse automatique : absent", "Auto-Submitted: auto-replied\n",
                "Je suis absente jusqu'au 12."));
        deliver(mail(messageId(), "humain@robot.test", "Question", "", "Bonjour, faut-il une clé ?"));

        awaitOne("robot.test"); // the human's mail, polled after the robot's
        await().atMost(WAIT).until(() -> subjects("Processed").containsAll(List.of("Réponse automatique : absent", "Question")));
        assertThat(replies("robot.test")).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactly("humain@robot.test");
    }

    @Test
    void aSenderGetsTwoMailsAnHourTheNextWaitsUnseenUntilTheHourHasPassed() throws Exception {
        for (int i = 1; i <= 3; i++) {
            deliver(mail(messageId(), "pressee@flood.test", "Relance " + i, "", "Bonjour, toujours pas de clé ?"));
        }

        await().atMost(WAIT).until(() -> replies("flood.test").length == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> replies("flood.test").length == 2 && subjects("INBOX").contains("Relance 3"));

        jdbc.update("UPDATE mail_message SET first_seen_at = first_seen_at - INTERVAL '2' HOUR WHERE sender = ?",
                "pressee@flood.test");
        await().atMost(WAIT).until(() -> replies("flood.test").length == 3);
        await().atMost(WAIT).until(() -> count(subjects("Processed"), "Relance") == 3);
    }

    @Test
    void goodRegistrationsAreNotCountedByFloodControlSoAnAgencysMailsAllGoThrough() throws Exception {
        // the limit is 2 an hour in this test: an agency sends the keys of 3 client shops, then a mail without a key
        for (int i = 1; i <= 3; i++) {
            SimShop client = shop();
            deliver(mail(messageId(), "agence@agence-web.test", "Boutique cliente " + i, "",
                    "Bonjour, la boutique de notre client : " + address(client) + "\nSa clé : " + client.key()));
        }
        deliver(mail(messageId(), "agence@agence-web.test", "Question", "", "Et pour un quatrième client, sans clé ?"));

        await().atMost(WAIT).until(() -> replies("agence-web.test").length == 4);
        List<String> texts = new ArrayList<>();
        for (MimeMessage reply : replies("agence-web.test")) {
            texts.add(text(reply));
        }
        assertThat(texts).filteredOn(t -> t.contains("est connectée à So.market")).hasSize(3);
        assertThat(texts).filteredOn(t -> t.contains("§2")).hasSize(1);
    }

    @Test
    void aShopFailingSyncsInARowGetsItsMerchantToldOnce() throws Exception {
        SimShop demo = shop();
        long id = ApiClient.id(new ApiClient(rest).registerShop(demo.url(), demo.key(), "gerant@en-panne.test"));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM shop WHERE id = ? AND last_sync_outcome = 'OK' AND sync_lease_owner IS NULL",
                Integer.class, id) == 1);
        demo.webserviceDisabled(true);

        for (int run = 1; run <= 4; run++) {
            ShopOutcome outcome = routes.requestBodyAndHeader("direct:sync-shop", id, "syncTrigger", "test", ShopOutcome.class);
            assertThat(outcome.result()).isEqualTo(ShopOutcome.Result.FAILED);
        }

        MimeMessage notice = awaitOne("en-panne.test");
        assertThat(notice.getSubject()).isEqualTo("So.market ne peut plus lire votre boutique " + demo.url());
        assertThat(notice.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(text(notice)).contains("le service web de la boutique est désactivé (guide §1.2)",
                "remettez « Activer le service web » sur Oui").doesNotContain(demo.key());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> replies("en-panne.test").length == 1);
    }

    @Test
    void theMailboxGoingAwayAndComingBackIsSurvived() throws Exception {
        assertThat(mailboxHealth.health().getStatus()).isEqualTo(Status.UP);
        mailServer.stop();
        await().atMost(WAIT).until(() -> mailboxHealth.health().getStatus().equals(Status.DOWN));
        // DOWN still answers 503 beside the custom WARNING's 200 (management.endpoint.health.status.http-mapping)
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);

        mailServer.start();
        await().atMost(WAIT).until(() -> mailboxHealth.health().getStatus().equals(Status.UP));
        deliver(mail(messageId(), "retour@revenu.test", "Après la panne", "", "Bonjour, voici ma demande sans clé."));
        awaitOne("revenu.test");
    }

    // --- helpers

    private static String messageId() {
        return "<" + UUID.randomUUID() + "@merchant.test>";
    }

    private static String mail(String messageId, String from, String subject, String extraHeaders, String body) {
        return ("Message-ID: " + messageId + "\nDate: Tue, 11 Mar 2025 09:42:17 +0100\nFrom: " + from
                + "\nTo: hello@so.market\nSubject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                        subject.getBytes(StandardCharsets.UTF_8)) + "?=\n" + extraHeaders
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + body + "\n")
                .replace("\n", "\r\n");
    }

    private void deliver(String raw) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        greenMail().getUserManager().getUser("hello@so.market").deliver(message);
    }

    private GreenMail greenMail() {
        return mailServer.greenMail();
    }

    private MimeMessage[] replies(String domain) {
        return greenMail().getReceivedMessagesForDomain(domain);
    }

    private MimeMessage awaitOne(String domain) {
        await().atMost(WAIT).until(() -> replies(domain).length >= 1);
        MimeMessage[] replies = replies(domain);
        assertThat(replies).hasSize(1);
        return replies[0];
    }

    private static String text(MimeMessage message) throws IOException, MessagingException {
        return message.getContent().toString();
    }

    private static long count(List<String> subjects, String prefix) {
        return subjects.stream().filter(s -> s.startsWith(prefix)).count();
    }

    /** The subjects of a folder of the hello@so.market mailbox, read over IMAP as a mail client would. */
    /** The folder's subjects; read again when the route expunges a mail while we read (IMAP race). */
    private List<String> subjects(String folderName) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            try {
                return readSubjects(folderName);
            } catch (MessagingException expunged) {
                if (attempt == 5) {
                    throw expunged;
                }
            }
        }
    }

    private List<String> readSubjects(String folderName) throws MessagingException {
        MailAccess access = mailServer.mailbox();
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(access.host(), access.port(), access.username(), access.password());
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            try {
                List<String> subjects = new ArrayList<>();
                for (Message message : folder.getMessages()) {
                    if (!message.isSet(jakarta.mail.Flags.Flag.DELETED)) {
                        subjects.add(message.getSubject());
                    }
                }
                return subjects;
            } finally {
                folder.close(false);
            }
        }
    }
}

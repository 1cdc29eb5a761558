package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox through an SMTP outage: the mailbox is the embedded GreenMail, the answers go to a second GreenMail
 * (SMTP only) that the test stops and starts again on the same port, as a real server going down and coming back.
 * The merchant's mail is handled once (one registration, one first sync, filed in Processed) whatever SMTP does;
 * the answer waits in the outbox and leaves once the server is back, or is kept FAILED for ops to re-send.
 */
@SyncTest
@DirtiesContext
@Import(MailIntakeRouteTest.SimulatorHosts.class)
class MailOutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SMTP_PORT = freePort();
    static PrestaShopSimulator sim;
    static GreenMail smtp;
    static int shops;

    @Autowired EmbeddedMailServer mailServer;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestRestTemplate rest;
    @Autowired MailOutboxHealth outboxHealth;

    @DynamicPropertySource
    static void outboxSettings(DynamicPropertyRegistry registry) {
        registry.add("somarket.mailbox.poll-delay", () -> "200ms");
        registry.add("somarket.smtp.host", () -> "127.0.0.1");
        registry.add("somarket.smtp.port", () -> SMTP_PORT);
        registry.add("somarket.smtp.starttls", () -> "off");
        registry.add("somarket.smtp.outbox-poll-delay", () -> "100ms");
        // tries at 0, +1 s, +2 s, +4 s: FAILED some 7 s after the first
        registry.add("somarket.smtp.retry-initial-delay", () -> "1s");
        registry.add("somarket.smtp.retry-max-delay", () -> "4s");
        registry.add("somarket.smtp.retry-max-attempts", () -> "4");
    }

    @BeforeAll
    static void start() {
        sim = PrestaShopSimulator.start();
        startSmtp();
    }

    @AfterAll
    static void stop() {
        sim.close();
        smtp.stop();
    }

    @AfterEach
    void smtpBack() {
        if (!smtp.isRunning()) {
            startSmtp();
        }
    }

    @Test
    void smtpDownDuringTheAnswerRegistersAndSyncsOnceAndAnswersOnceItIsBack() throws Exception {
        SimShop demo = sim.fixtureShop("outbox" + (++shops));
        String url = demo.url().replace("127.0.0.1", demo.name() + MailIntakeRouteTest.SimulatorHosts.DOMAIN);
        String id = messageId();
        smtp.stop();
        deliver(mail(id, "claire@panne-smtp.test", "Ma clé", "Ma boutique : " + url + "\nClé : " + demo.key()));

        // the answer could not go: it waits in the outbox, tried again with backoff
        await().atMost(WAIT).until(() -> outbox(id).map(e -> (Integer) e.get("ATTEMPTS")).orElse(0) >= 1);
        Map<String, Object> waiting = outbox(id).orElseThrow();
        assertThat(waiting.get("STATE")).isEqualTo("PENDING");
        assertThat((String) waiting.get("LAST_ERROR")).contains("MailConnectException", "Couldn't connect");
        startSmtp();

        MimeMessage answer = awaitAnswer("panne-smtp.test");
        assertThat(answer.getHeader("In-Reply-To")).containsExactly(id);
        assertThat(answer.getContent().toString()).contains("est connectée à So.market").doesNotContain(demo.key());
        await().atMost(WAIT).until(() -> "SENT".equals(outbox(id).orElseThrow().get("STATE")));

        // handled once: one shop, one first sync, one attempt at the mail, filed in Processed, one answer
        Long shopId = jdbc.queryForObject("SELECT id FROM shop WHERE url = ?", Long.class, url);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop WHERE url = ?", Integer.class, url)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_sync WHERE shop_id = ?", Integer.class, shopId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM mail_message WHERE message_key = ?", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT outcome FROM mail_message WHERE message_key = ?", String.class, id))
                .isEqualTo("CONNECTED");
        await().atMost(WAIT).until(() -> subjectsOf("Processed").contains("Ma clé"));
        assertThat(smtp.getReceivedMessagesForDomain("panne-smtp.test")).hasSize(1);
    }

    @Test
    void anAnswerStillUnsentAfterItsLastTryWarnsOpsWhoResendIt() throws Exception {
        String id = messageId();
        smtp.stop();
        deliver(mail(id, "paul@longue-panne.test", "Inscription", "Bonjour, comment vous envoyer ma clé ?"));

        await().atMost(WAIT).until(() -> "FAILED".equals(outbox(id).map(e -> e.get("STATE")).orElse(null)));
        assertThat(outbox(id).orElseThrow().get("ATTEMPTS")).isEqualTo(4);
        assertThat(outboxHealth.health().getStatus()).isEqualTo(MailOutboxHealth.WARNING);
        ResponseEntity<Map<String, Object>> health = rest.exchange("/actuator/health", HttpMethod.GET, null,
                new ParameterizedTypeReference<>() {});
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "WARNING");

        ResponseEntity<List<Map<String, Object>>> failed = ops().exchange("/api/mail/outbox?state=failed", HttpMethod.GET,
                null, new ParameterizedTypeReference<>() {});
        assertThat(failed.getBody()).anySatisfy(entry -> {
            assertThat(entry).containsEntry("messageKey", id).containsEntry("recipient", "paul@longue-panne.test")
                    .containsEntry("state", "FAILED").doesNotContainKey("body");
            assertThat((String) entry.get("lastError")).isNotBlank();
        });
        long outboxId = ((Number) outbox(id).orElseThrow().get("ID")).longValue();

        startSmtp();
        assertThat(smtp.getReceivedMessagesForDomain("longue-panne.test")).isEmpty();
        ResponseEntity<Map<String, Object>> resend = ops().exchange("/api/mail/outbox/" + outboxId + "/resend",
                HttpMethod.POST, null, new ParameterizedTypeReference<>() {});
        assertThat(resend.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        MimeMessage answer = awaitAnswer("longue-panne.test");
        assertThat(answer.getContent().toString()).contains("§2");
        await().atMost(WAIT).until(() -> "SENT".equals(outbox(id).orElseThrow().get("STATE")));
        assertThat(outboxHealth.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(ops().exchange("/api/mail/outbox/999999/resend", HttpMethod.POST, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ops().exchange("/api/mail/outbox?state=LOST", HttpMethod.GET, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    // --- helpers

    private TestRestTemplate ops() {
        return rest.withBasicAuth("ops", "test-ops-password");
    }

    private java.util.Optional<Map<String, Object>> outbox(String messageKey) {
        return jdbc.queryForList("SELECT * FROM mail_outbox WHERE message_key = ?", messageKey).stream().findFirst();
    }

    private static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private MimeMessage awaitAnswer(String domain) {
        await().atMost(WAIT).until(() -> smtp.getReceivedMessagesForDomain(domain).length >= 1);
        return smtp.getReceivedMessagesForDomain(domain)[0];
    }

    private List<String> subjectsOf(String folder) throws Exception {
        MailAccess access = mailServer.mailbox();
        try (jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(access.host(), access.port(), access.username(), access.password());
            jakarta.mail.Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return List.of();
            }
            f.open(jakarta.mail.Folder.READ_ONLY);
            try {
                List<String> subjects = new java.util.ArrayList<>();
                for (jakarta.mail.Message m : f.getMessages()) {
                    subjects.add(m.getSubject());
                }
                return subjects;
            } finally {
                f.close(false);
            }
        }
    }

    private void deliver(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        mailServer.greenMail().getUserManager().getUser("hello@so.market").deliver(message);
    }

    private static String messageId() {
        return "<" + UUID.randomUUID() + "@merchant.test>";
    }

    private static String mail(String messageId, String from, String subject, String body) {
        return ("Message-ID: " + messageId + "\nDate: Tue, 11 Mar 2025 09:42:17 +0100\nFrom: " + from
                + "\nTo: hello@so.market\nSubject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                        subject.getBytes(StandardCharsets.UTF_8)) + "?=\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + body + "\n")
                .replace("\n", "\r\n");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

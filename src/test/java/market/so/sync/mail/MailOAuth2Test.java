package market.so.sync.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import market.so.sync.support.LoopbackHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.web.client.RestClient;

/**
 * XOAUTH2 as Microsoft 365 and Google Workspace want it, with no provider reachable: a token endpoint in the test
 * (JDK HTTP server, RFC 6749 form posts, JSON answers) and GreenMail, whose IMAP AUTHENTICATE XOAUTH2 and SMTP AUTH
 * XOAUTH2 accept a login only when the bearer token is the account's current one.
 */
class MailOAuth2Test {

    private static final String USER = "hello@so.market";
    private static final String SECRET = "client-secret-never-logged";
    private static final long LIFETIME = 3600;

    private HttpServer tokenEndpoint;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private GreenMail mail;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws IOException {
        tokenEndpoint = LoopbackHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenEndpoint.createContext("/oauth2/v2.0/token", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(form);
            boolean ok = SECRET.equals(form.get("client_secret")) && "POST".equals(exchange.getRequestMethod());
            String token = "token-" + issued.incrementAndGet();
            String body = ok ? "{\"token_type\":\"Bearer\",\"expires_in\":" + LIFETIME + ",\"access_token\":\"" + token + "\"}"
                    : "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}";
            if (ok) {
                // the mail server takes the token just issued, and no other
                mail.getUserManager().getUser(USER).setPassword(token);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        tokenEndpoint.start();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        mail.start();
        mail.setUser(USER, USER, "no-password-works-here");
    }

    @AfterEach
    void stop() {
        tokenEndpoint.stop(0);
        mail.stop();
    }

    @Test
    void aTokenIsFetchedOnceUsedUntilShortlyBeforeItExpiresThenRenewed() {
        OAuth2Token token = new OAuth2Token(client(null, "https://outlook.office365.com/.default"), RestClient.create(), clock);

        assertThat(token.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(LIFETIME).minusMinutes(3));
        assertThat(token.accessToken()).isEqualTo("token-1");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).containsEntry("grant_type", "client_credentials").containsEntry("client_id", "so-market")
                .containsEntry("client_secret", SECRET).containsEntry("scope", "https://outlook.office365.com/.default");

        clock.advance(Duration.ofMinutes(2)); // within refresh-before (2 min) of the expiry
        assertThat(token.accessToken()).isEqualTo("token-2");
        assertThat(token.toString()).doesNotContain("token-2", SECRET);
    }

    @Test
    void withARefreshTokenTheRefreshGrantIsUsed() {
        new OAuth2Token(client("1//refresh-token", "https://mail.google.com/"), RestClient.create(), clock).accessToken();

        assertThat(requests.get(0)).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "1//refresh-token")
                .containsEntry("scope", "https://mail.google.com/");
    }

    @Test
    void aRefusedClientSaysTheProvidersErrorCodeAndNeverTheSecret() {
        OAuth2Client wrong = new OAuth2Client(tokenUri(), "so-market", "wrong-secret", null, null, null);

        assertThatThrownBy(() -> new OAuth2Token(wrong, RestClient.create(), clock).accessToken())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("answered 401: invalid_client")
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void imapAndSmtpLogInWithXoauth2AndTheCurrentTokenOnly() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.putAll(Map.of("somarket.mailbox.protocol", "imap", "somarket.mailbox.host", "127.0.0.1",
                "somarket.mailbox.port", String.valueOf(mail.getImap().getPort()), "somarket.mailbox.username", USER,
                "somarket.mailbox.starttls", "off", "somarket.mailbox.oauth2.token-uri", tokenUri(),
                "somarket.mailbox.oauth2.client-id", "so-market", "somarket.mailbox.oauth2.client-secret", SECRET));
        settings.putAll(Map.of("somarket.smtp.host", "127.0.0.1", "somarket.smtp.port", String.valueOf(mail.getSmtp().getPort()),
                "somarket.smtp.username", USER, "somarket.smtp.starttls", "off", "somarket.smtp.oauth2.token-uri", tokenUri(),
                "somarket.smtp.oauth2.client-id", "so-market", "somarket.smtp.oauth2.client-secret", SECRET));
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        MailboxProperties mailbox = binder.bindOrCreate("somarket.mailbox", MailboxProperties.class);
        SmtpProperties smtp = binder.bindOrCreate("somarket.smtp", SmtpProperties.class);
        EmbeddedMailServer servers = new EmbeddedMailServer(mailbox, smtp, null);
        MailSessions sessions = new MailSessions(servers, mailbox, smtp, new DefaultSslBundleRegistry(), Duration.ofSeconds(10), true);
        MailCredentials credentials = new MailCredentials(servers, mailbox, smtp, RestClient.builder());

        MailAccess imap = credentials.mailbox();
        assertThat(imap.password()).isEqualTo("token-1");
        Properties imapProperties = sessions.mailbox();
        assertThat(imapProperties).containsEntry("mail.imap.auth.mechanisms", "XOAUTH2").containsEntry("mail.imap.auth.login.disable", "true");
        try (Store store = Session.getInstance(imapProperties).getStore("imap")) {
            store.connect(imap.host(), imap.port(), imap.username(), imap.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
            inbox.close(false);
        }
        assertThatThrownBy(() -> connectImap(imapProperties, imap, "token-0")).isInstanceOf(AuthenticationFailedException.class);

        MailAccess send = credentials.smtp(); // its own token (the SMTP server's client), fetched now
        assertThat(send.password()).isEqualTo("token-2");
        Properties smtpProperties = sessions.smtp();
        smtpProperties.setProperty("mail.smtp.auth", "true"); // as camel-mail sets it when a username is given
        MimeMessage message = new MimeMessage(Session.getInstance(smtpProperties));
        message.setFrom(new InternetAddress(USER));
        message.setRecipients(Message.RecipientType.TO, "merchant@example.test");
        message.setSubject("XOAUTH2");
        message.setText("sent with a bearer token");
        try (Transport transport = Session.getInstance(smtpProperties).getTransport("smtp")) {
            transport.connect(send.host(), send.port(), send.username(), send.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertThat(mail.getReceivedMessagesForDomain("example.test")).hasSize(1);
        assertThatThrownBy(() -> {
            try (Transport transport = Session.getInstance(smtpProperties).getTransport("smtp")) {
                transport.connect(send.host(), send.port(), send.username(), "token-1");
            }
        }).isInstanceOf(AuthenticationFailedException.class);
    }

    // --- helpers

    private static void connectImap(Properties properties, MailAccess access, String token) throws MessagingException {
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect(access.host(), access.port(), access.username(), token);
        }
    }

    private OAuth2Client client(String refreshToken, String scope) {
        return new OAuth2Client(tokenUri(), "so-market", SECRET, refreshToken, scope, Duration.ofMinutes(2));
    }

    private String tokenUri() {
        return "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/oauth2/v2.0/token";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** A clock the test moves forward, so that expiry is tested without waiting. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

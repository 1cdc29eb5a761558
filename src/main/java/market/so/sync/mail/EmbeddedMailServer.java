package market.so.sync.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The mail server of the default run: when no mailbox is configured ({@code somarket.mailbox.host} blank), a
 * GreenMail server (SMTP + IMAP on 127.0.0.1 only, account hello@so.market) stands in for it, so that
 * {@code mvn spring-boot:run} works end to end and a test mail can be sent with {@code curl smtp://...}. Its ports
 * are {@code somarket.mailbox.embedded.smtp-port} / {@code imap-port} (3025 / 3143, the README's); 0 picks free
 * ones; either way the start prints the ports in use, and a taken one stops the start naming its property.
 *
 * <p>Either way this bean says where the mailbox and the SMTP server are ({@link #mailbox()}, {@link #smtp()}),
 * and publishes it as properties {@code somarket.mail.effective.mailbox.*} and
 * {@code somarket.mail.effective.smtp.*} ({@code protocol}, {@code host}, {@code port}, {@code username},
 * {@code password}, and {@code from} for SMTP), so that the YAML route has one set of placeholders for both
 * cases. It starts when the bean is initialised (before the Camel routes poll) and stops with the context.
 */
@Component
public class EmbeddedMailServer implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);
    static final String LOOPBACK = "127.0.0.1";
    static final String PROPERTY_SOURCE = "somarketEffectiveMail";

    private final MailboxProperties mailbox;
    private final SmtpProperties smtp;
    private final ConfigurableEnvironment environment;
    private GreenMail greenMail;
    private String password;
    /** The ports of the first start, kept for a restart so that the published settings stay true. */
    private int smtpPort;
    private int imapPort;

    /** @param environment where the effective settings are published; {@code null} in plain unit tests */
    public EmbeddedMailServer(MailboxProperties mailbox, SmtpProperties smtp, ConfigurableEnvironment environment) {
        this.mailbox = mailbox;
        this.smtp = smtp;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        start();
        publish();
    }

    @Override
    public void destroy() {
        stop();
    }

    /**
     * Starts GreenMail if no mailbox is configured; does nothing otherwise, or when already running. A restart
     * (after {@link #stop()}) keeps the ports and the password of the first start, as a real mail server coming
     * back would: the routes' endpoints were built with them. The mails themselves are gone (GreenMail keeps
     * them in memory).
     */
    public synchronized void start() {
        if (!mailbox.usesEmbeddedServer() || isRunning()) {
            return;
        }
        MailboxProperties.Embedded settings = mailbox.embedded();
        boolean firstStart = password == null;
        boolean generated = settings.password() == null || settings.password().isBlank();
        if (firstStart) {
            password = generated ? generatePassword() : settings.password();
            smtpPort = settings.smtpPort();
            imapPort = settings.imapPort();
        }
        requireFree(smtpPort, "SMTP", "somarket.mailbox.embedded.smtp-port");
        requireFree(imapPort, "IMAP", "somarket.mailbox.embedded.imap-port");
        GreenMail server = new GreenMail(new ServerSetup[] {
                setup(smtpPort, ServerSetup.PROTOCOL_SMTP), setup(imapPort, ServerSetup.PROTOCOL_IMAP)});
        server.setUser(account(), account(), password);
        server.start();
        greenMail = server;
        smtpPort = server.getSmtp().getPort();
        imapPort = server.getImap().getPort();
        LOG.info("No mailbox configured (somarket.mailbox.host): embedded mail server for {} on {} (SMTP {}, IMAP {})",
                account(), LOOPBACK, server.getSmtp().getPort(), server.getImap().getPort());
        if (generated && firstStart) {
            // as Spring Boot does for its generated password: printed once, loopback only, set it to choose it
            LOG.info("Using generated mailbox password for {}: {} (set somarket.mailbox.embedded.password to choose one)",
                    account(), password);
        }
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
            LOG.info("Embedded mail server stopped");
        }
    }

    public synchronized boolean isRunning() {
        return greenMail != null && greenMail.isRunning();
    }

    /** Where the route reads merchants' mails. */
    public synchronized MailAccess mailbox() {
        if (!mailbox.usesEmbeddedServer()) {
            return new MailAccess(mailbox.protocol().scheme(), mailbox.host(), mailbox.effectivePort(), mailbox.username(),
                    mailbox.password());
        }
        requireRunning();
        return new MailAccess(ServerSetup.PROTOCOL_IMAP, LOOPBACK, greenMail.getImap().getPort(), account(), password);
    }

    /** Where replies are sent: the configured SMTP server, else the embedded one. */
    public synchronized MailAccess smtp() {
        if (smtp.isConfigured()) {
            return new MailAccess(smtp.protocol().scheme(), smtp.host(), smtp.effectivePort(), smtp.username(), smtp.password());
        }
        if (!mailbox.usesEmbeddedServer()) {
            throw new IllegalStateException("somarket.smtp.host must be set when somarket.mailbox.host is: replies need an SMTP server");
        }
        requireRunning();
        return new MailAccess(ServerSetup.PROTOCOL_SMTP, LOOPBACK, greenMail.getSmtp().getPort(), account(), password);
    }

    /** For tests and the README's walkthrough: the running GreenMail, or {@code null}. */
    public synchronized GreenMail greenMail() {
        return greenMail;
    }

    private void publish() {
        if (environment == null) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        put(values, "somarket.mail.effective.mailbox.", mailbox());
        put(values, "somarket.mail.effective.smtp.", smtp());
        values.put("somarket.mail.effective.smtp.from", smtp.from());
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, values));
    }

    private static void put(Map<String, Object> values, String prefix, MailAccess access) {
        values.put(prefix + "protocol", access.protocol());
        values.put(prefix + "host", access.host());
        values.put(prefix + "port", access.port());
        values.put(prefix + "username", access.username() == null ? "" : access.username());
        values.put(prefix + "password", access.password() == null ? "" : access.password());
    }

    private String account() {
        return smtp.from();
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("the embedded mail server is not running");
        }
    }

    /**
     * A taken port fails the start with the port and the property that moves it ({@link EmbeddedMailPortInUse}):
     * GreenMail itself would log the {@code BindException} from its own thread and then fail on a start-up timeout
     * that names neither. Another program may still take the port between this check and GreenMail's bind; GreenMail's
     * own error is then what is left.
     */
    private static void requireFree(int port, String protocol, String property) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);   // as GreenMail binds: a port left in TIME_WAIT by our last run is free
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new EmbeddedMailPortInUse(port, protocol, property, e);
        }
    }

    /** Port 0 means any free port; the real one is then read back from the running server and printed. */
    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, LOOPBACK, protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

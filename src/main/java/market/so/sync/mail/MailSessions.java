package market.so.sync.mail;

import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * The Jakarta Mail properties of each mail server, given to its endpoint only and to the mailbox health check:
 * the server, timeouts, STARTTLS, the trust of a Spring Boot SSL bundle, host name verification, XOAUTH2. Nothing
 * here is JVM-wide, so the mailbox, the SMTP server and the shops' https each trust what they need and nothing more.
 *
 * <p>They are <em>all</em> of the session's properties: the routes hand them to camel-mail as
 * {@code javaMailProperties}, which replaces its defaults. Its defaults start from a copy of
 * {@code System.getProperties()} ({@code additionalJavaMailProperties} only adds to that copy), so a
 * {@code -Dmail.imap.ssl.enable}, {@code -Dmail.smtp.from} or {@code -Dmail.debug} (which prints the login) given
 * to the JVM, for another library or by habit, would reach our sessions. {@code MailIntakeRouteTest} runs with such
 * settings.
 *
 * <p>A bundle ({@code spring.ssl.bundle.pem.<name>.truststore.certificate=...}) becomes an {@link SSLSocketFactory}
 * set as {@code mail.<protocol>.ssl.socketFactory}: Jakarta Mail uses it both for implicit TLS (imaps, pop3s,
 * smtps) and for the STARTTLS upgrade. Host name verification ({@code mail.<protocol>.ssl.checkserveridentity})
 * stays on unless {@code somarket.mail.check-server-identity=false}.
 */
@Component("mailSessions")
public class MailSessions {

    private final EmbeddedMailServer servers;
    private final MailboxProperties mailbox;
    private final SmtpProperties smtp;
    private final SslBundles bundles;
    private final Duration timeout;
    private final boolean checkServerIdentity;

    public MailSessions(EmbeddedMailServer servers, MailboxProperties mailbox, SmtpProperties smtp, SslBundles bundles,
            @Value("${somarket.mail.timeout:30s}") Duration timeout,
            @Value("${somarket.mail.check-server-identity:true}") boolean checkServerIdentity) {
        this.servers = servers;
        this.mailbox = mailbox;
        this.smtp = smtp;
        this.bundles = bundles;
        this.timeout = timeout;
        this.checkServerIdentity = checkServerIdentity;
    }

    /** For the mailbox consumer (and, with a shorter timeout, its health check). */
    public Properties mailbox(Duration timeout) {
        MailAccess server = servers.mailbox();
        if (mailbox.usesEmbeddedServer()) {
            return withServer(plain(server.protocol(), timeout), server);
        }
        Starttls starttls = mailbox.starttls() == null ? Starttls.REQUIRED : mailbox.starttls();
        return withServer(secured(mailbox.protocol().scheme(), timeout, starttls, mailbox.sslBundle(),
                isOAuth2(mailbox.oauth2())), server);
    }

    public Properties mailbox() {
        return mailbox(timeout);
    }

    /** For the SMTP producer that sends the answers. */
    public Properties smtp() {
        MailAccess server = servers.smtp();
        if (!smtp.isConfigured()) {
            return withServer(plain(server.protocol(), timeout), server);
        }
        return withServer(secured(smtp.protocol().scheme(), timeout, smtpStarttls(smtp), smtp.sslBundle(),
                isOAuth2(smtp.oauth2())), server);
    }

    /**
     * What camel-mail's defaults would have set from the endpoint: the server and whether to log in. Jakarta Mail
     * connects with the host, port and login camel-mail passes at each connection; these say the same for anyone
     * reading the session (and {@code mail.<protocol>.auth}: a login is required where a username is configured).
     */
    private static Properties withServer(Properties properties, MailAccess server) {
        String prefix = "mail." + server.protocol() + ".";
        properties.setProperty(prefix + "host", server.host());
        properties.setProperty(prefix + "port", String.valueOf(server.port()));
        properties.setProperty(prefix + "auth", String.valueOf(server.username() != null && !server.username().isBlank()));
        return properties;
    }

    /** Unset: required on the submission port 587, where servers refuse a login in clear; optional elsewhere. */
    static Starttls smtpStarttls(SmtpProperties smtp) {
        if (smtp.starttls() != null) {
            return smtp.starttls();
        }
        return smtp.effectivePort() == 587 ? Starttls.REQUIRED : Starttls.OPTIONAL;
    }

    /** The embedded GreenMail on loopback: no TLS at all (it has no STARTTLS). */
    private static Properties plain(String protocol, Duration timeout) {
        Properties properties = timeouts(protocol, timeout);
        properties.setProperty("mail." + protocol + ".starttls.enable", "false");
        return properties;
    }

    private Properties secured(String protocol, Duration timeout, Starttls starttls, String bundle, boolean oauth2) {
        Properties properties = timeouts(protocol, timeout);
        String prefix = "mail." + protocol + ".";
        if (!protocol.endsWith("s")) {
            // implicit TLS (imaps, pop3s, smtps) has nothing to upgrade: STARTTLS applies to the plain protocols only
            properties.setProperty(prefix + "starttls.enable", String.valueOf(starttls != Starttls.OFF));
            properties.setProperty(prefix + "starttls.required", String.valueOf(starttls == Starttls.REQUIRED));
        }
        if (bundle != null && !bundle.isBlank()) {
            // an object, not a class name: Properties holds it as is and Jakarta Mail takes it (see class comment)
            properties.put(prefix + "ssl.socketFactory", bundles.getBundle(bundle).createSslContext().getSocketFactory());
        }
        properties.setProperty(prefix + "ssl.checkserveridentity", String.valueOf(checkServerIdentity));
        if (oauth2) {
            // the access token is the password, and XOAUTH2 the only mechanism: a server that does not offer it
            // is refused rather than sent the token as a plain LOGIN password
            properties.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
            properties.setProperty(prefix + "auth.xoauth2.disable", "false");
            properties.setProperty(prefix + "auth.login.disable", "true");
            properties.setProperty(prefix + "auth.plain.disable", "true");
        }
        return properties;
    }

    private static boolean isOAuth2(OAuth2Client client) {
        return client != null && client.isConfigured();
    }

    /**
     * Jakarta Mail waits forever by default: a mail server that stops answering mid-poll would hold the mailbox
     * consumer (and a reply) for good. These bound every connect, read and write.
     */
    private static Properties timeouts(String protocol, Duration timeout) {
        Properties properties = new Properties();
        String millis = String.valueOf(timeout.toMillis());
        properties.setProperty("mail." + protocol + ".connectiontimeout", millis);
        properties.setProperty("mail." + protocol + ".timeout", millis);
        properties.setProperty("mail." + protocol + ".writetimeout", millis);
        return properties;
    }
}

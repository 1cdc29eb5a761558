package market.so.sync.mail;

/**
 * STARTTLS on a plain-port connection (imap 143, pop3 110, smtp 587 or 25), as Jakarta Mail properties of that
 * endpoint only ({@code mail.<protocol>.starttls.enable} / {@code .required}), never JVM-wide.
 */
public enum Starttls {
    /** Upgrade to TLS before logging in, or fail: the password never crosses the network in clear. */
    REQUIRED,
    /** Upgrade when the server offers it, go on in clear otherwise (a relay on port 25 that has no certificate). */
    OPTIONAL,
    /** Never: only for a server on loopback or a test server without TLS. */
    OFF
}

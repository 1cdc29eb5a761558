package market.so.sync.mail;

/**
 * A port chosen for the embedded mail server is held by another program. Spring Boot turns it into the one
 * paragraph of "APPLICATION FAILED TO START" ({@link EmbeddedMailPortInUseFailureAnalyzer}), instead of GreenMail's
 * start-up timeout with the real {@code BindException} logged far above it.
 *
 * @param protocol {@code SMTP} or {@code IMAP}
 * @param property the property that moves that port
 */
public class EmbeddedMailPortInUse extends IllegalStateException {

    private final int port;
    private final String protocol;
    private final String property;

    public EmbeddedMailPortInUse(int port, String protocol, String property, Throwable cause) {
        super("Port " + port + " (embedded mail server, " + protocol + ") is already in use on " + EmbeddedMailServer.LOOPBACK
                + ": set " + property + " to another port, or to 0 for a free one printed at start", cause);
        this.port = port;
        this.protocol = protocol;
        this.property = property;
    }

    public int port() {
        return port;
    }

    public String protocol() {
        return protocol;
    }

    public String property() {
        return property;
    }
}

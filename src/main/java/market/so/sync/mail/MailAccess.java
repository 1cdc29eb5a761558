package market.so.sync.mail;

/**
 * How to reach a mail server, once the choice between the configured one and the embedded one is made.
 *
 * @param protocol {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s} or {@code smtp}
 */
public record MailAccess(String protocol, String host, int port, String username, String password) {

    @Override
    public String toString() {
        return "MailAccess[" + protocol + "://" + username + "@" + host + ":" + port + ", password=****]";
    }
}

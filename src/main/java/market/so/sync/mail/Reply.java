package market.so.sync.mail;

/**
 * An answer to a merchant, ready for the SMTP endpoint: threaded under their mail with {@code In-Reply-To} and
 * {@code References} so that it shows in the same conversation in Gmail, Outlook and Apple Mail.
 *
 * @param inReplyTo  the merchant's Message-ID, or {@code null} when their mail had none
 * @param references the merchant's References followed by their Message-ID, or {@code null}
 */
public record Reply(String to, String subject, String body, String inReplyTo, String references) {
}

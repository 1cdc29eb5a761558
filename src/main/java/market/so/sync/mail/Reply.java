package market.so.sync.mail;

/**
 * An answer to a merchant, ready for the SMTP endpoint: threaded under their mail with {@code In-Reply-To} and
 * {@code References} so that it shows in the same conversation in Gmail, Outlook and Apple Mail.
 *
 * @param inReplyTo  the merchant's Message-ID, or {@code null} when their mail had none
 * @param references the merchant's References followed by their Message-ID, or {@code null}
 */
public record Reply(String to, String subject, String body, String inReplyTo, String references) {

    /**
     * The {@code Auto-Submitted} header (RFC 3834): tells the merchant's own auto-responder not to answer us.
     * {@code auto-replied} for an answer to their mail, {@code auto-generated} for a notice we start.
     */
    public String autoSubmitted() {
        return inReplyTo != null || references != null ? "auto-replied" : "auto-generated";
    }
}

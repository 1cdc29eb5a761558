package market.so.sync.mail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;

/**
 * One answer or notice of the outbox (table {@code mail_outbox}), as ops see it in {@code GET /api/mail/outbox}.
 * The body is left out of the API answer: it is the merchant's, and the subject says what it is about.
 *
 * @param messageKey the merchant's mail it answers ({@code mail_message}), {@code null} for a notice
 * @param state      {@code PENDING}, {@code SENT} or {@code FAILED}
 */
public record OutboxEntry(long id, String messageKey, Long shopId, String recipient, String subject,
        @JsonIgnore String body, String inReplyTo, String references, String state, int attempts,
        OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt) {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    /** What route {@code send-reply} sends. */
    public Reply reply() {
        return new Reply(recipient, subject, body, inReplyTo, references);
    }
}

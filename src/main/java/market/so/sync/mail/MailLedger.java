package market.so.sync.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What became of each merchant's mail (table {@code mail_message}): how many times it was tried, whether it was
 * answered, and how many mails each sender had processed in the last hour. Route {@code mail-intake} asks it
 * whether a mail may go now (flood control) and whether a failed mail is tried again or given up.
 *
 * <p>One log line per mail for ops, with the sender and the outcome; never a key.
 */
@Component("mailLedger")
public class MailLedger {

    /** Route property holding the mail's key (Message-ID or its hash). */
    public static final String KEY = "mailKey";
    /** Route property: the outcome recorded with the answer (a {@code ShopStatus} or a {@code KeyEmail.Problem}). */
    public static final String OUTCOME = "mailOutcome";
    /** The column of {@code CAMEL_MESSAGEPROCESSED} that holds the key. */
    static final int MAX_KEY_LENGTH = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MailLedger.class);

    private final JdbcClient jdbc;
    private final MailboxProperties mailbox;

    public MailLedger(JdbcClient jdbc, MailboxProperties mailbox) {
        this.jdbc = jdbc;
        this.mailbox = mailbox;
    }

    /**
     * The mail's idempotency key: its Message-ID as is when it fits the repository's column (so that ops can look
     * a mail up by it), else a hash of it. Mails without a Message-ID already come with a content hash.
     */
    public String keyOf(KeyEmail mail) {
        String id = mail.messageId();
        return id.length() <= MAX_KEY_LENGTH ? id : "sha256:" + sha256(id);
    }

    /**
     * Flood control: a sender gets {@code perSenderPerHour} mails processed per hour that were not good
     * registrations. The others stay unseen in the inbox and are taken at a later poll, once the hour has moved on;
     * a mail already tried once (its row exists) is never held back. A mail that connected a shop (even one whose
     * first sync then failed: the key worked) is not counted, so that a web agency sending the keys of its eight
     * client shops in an hour gets all eight through; mails without a key, without a shop that answers, or with a
     * refused key are, as are mails still without an outcome (their handling failed).
     *
     * @throws SenderWaits when this mail must wait; the route lets it roll back, unseen
     */
    public void checkQuota(KeyEmail mail, @ExchangeProperty(KEY) String key) {
        if (mail.from() == null || exists(key)) {
            return;
        }
        int processed = jdbc.sql("""
                SELECT COUNT(*) FROM mail_message
                WHERE sender = :sender AND first_seen_at > :since
                  AND (outcome IS NULL OR outcome NOT IN ('AUTO_REPLY', 'CONNECTED', 'SYNC_FAILED'))""")
                .param("sender", mail.from()).param("since", now().minusHours(1)).query(Integer.class).single();
        if (processed >= mailbox.perSenderPerHour()) {
            throw new SenderWaits(mail.from(), processed);
        }
    }

    /** A new attempt at a mail: counted before anything can fail, so that a crash counts too. */
    public void attempt(KeyEmail mail, @ExchangeProperty(KEY) String key) {
        OffsetDateTime now = now();
        int updated = jdbc.sql("UPDATE mail_message SET attempts = attempts + 1, updated_at = :now WHERE message_key = :key")
                .param("now", now).param("key", key).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO mail_message (message_key, sender, first_seen_at, attempts, updated_at)
                    VALUES (:key, :sender, :now, 1, :now)""")
                    .param("key", key).param("sender", truncate(mail.from(), 320)).param("now", now).update();
        }
    }

    /** An auto-reply or a bounce: filed, never answered (RFC 3834: robots must not answer robots). */
    public void autoReply(KeyEmail mail, @ExchangeProperty(KEY) String key) {
        OffsetDateTime now = now();
        if (!exists(key)) {
            jdbc.sql("""
                    INSERT INTO mail_message (message_key, sender, first_seen_at, attempts, outcome, updated_at)
                    VALUES (:key, :sender, :now, 1, 'AUTO_REPLY', :now)""")
                    .param("key", key).param("sender", truncate(mail.from(), 320)).param("now", now).update();
        }
        LOG.info("mail {} from {}: auto-reply or bounce, filed without an answer", key, mail.from());
    }

    /**
     * The mail is handled and its answer is in the outbox (route {@code mail-outbox} sends it): recorded for ops. Best effort on purpose: a failure here must not make the route try
     * the mail again, which would answer the merchant twice.
     */
    public void answered(@ExchangeProperty(KEY) String key, @ExchangeProperty(OUTCOME) String outcome,
            @ExchangeProperty("mailShopId") Long shopId) {
        try {
            jdbc.sql("""
                    UPDATE mail_message SET outcome = :outcome, shop_id = :shop, answered_at = :now, last_error = NULL,
                        updated_at = :now WHERE message_key = :key""")
                    .param("outcome", truncate(outcome, 40)).param("shop", shopId).param("now", now()).param("key", key)
                    .update();
        } catch (RuntimeException e) {
            LOG.warn("mail {}: answered, but the answer could not be recorded: {}", key, e.toString());
        }
        LOG.info("mail {}: handled, answer in the outbox ({}{})", key, outcome, shopId == null ? "" : ", shop " + shopId);
    }

    /**
     * A failed attempt. Below {@code maxAttempts} the failure goes on: the mail stays unseen in the inbox, its key
     * is released, and the next poll tries it again. At {@code maxAttempts} this returns normally, and the route
     * answers the merchant and files the mail in the rejected folder.
     */
    public void failed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String key = exchange.getProperty(KEY, String.class);
        String error = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        int attempts = jdbc.sql("SELECT attempts FROM mail_message WHERE message_key = ?").param(key)
                .query(Integer.class).optional().orElse(1);
        jdbc.sql("UPDATE mail_message SET last_error = :error, updated_at = :now WHERE message_key = :key")
                .param("error", truncate(error, 500)).param("now", now()).param("key", key).update();
        if (attempts < mailbox.maxAttempts()) {
            LOG.warn("mail {}: attempt {} of {} failed, tried again at the next poll: {}", key, attempts,
                    mailbox.maxAttempts(), error);
            throw failure != null ? failure : new IllegalStateException(error);
        }
        LOG.error("mail {}: attempt {} of {} failed, given up: answered and filed in {}: {}", key, attempts,
                mailbox.maxAttempts(), mailbox.rejectedFolder(), error);
        exchange.setProperty(OUTCOME, "GIVEN_UP");
    }

    private boolean exists(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_message WHERE message_key = ?").param(key).query(Integer.class).single() > 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

package market.so.sync.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The outbox of answers to merchants (table {@code mail_outbox}, docs/decisions/0017). Route {@code mail-intake}
 * stores the answer here once composed, and the mail is handled: filed in Processed, never registered again.
 * Route {@code mail-outbox} takes the answers due, sends each through {@code send-reply}, and on failure sets the
 * next try with exponential backoff ({@code somarket.smtp.retry-*}). After the last try the answer is
 * {@code FAILED}: kept, shown to ops ({@code GET /api/mail/outbox}, health WARNING, metric
 * {@code somarket.mail.outbox{state=failed}}), sent again when ops ask ({@link #resend}).
 *
 * <p>Several nodes may poll the same outbox: an answer is claimed by moving its next try past a lease in one
 * UPDATE that only one node can win. A node that dies between sending and recording it sends it again once the
 * lease has passed: at least once, never lost.
 */
@Component("mailOutbox")
public class MailOutbox {

    /** Route property: the outbox entry being sent. */
    public static final String ID = "outboxId";
    /** Longer than a send can take (three 30 s timeouts): a claimed answer is not taken by another node meanwhile. */
    static final Duration LEASE = Duration.ofMinutes(10);
    private static final int BATCH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);

    private final JdbcClient jdbc;
    private final SmtpProperties.Retry retry;

    public MailOutbox(JdbcClient jdbc, SmtpProperties smtp, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.retry = smtp.retry();
        for (String state : List.of(OutboxEntry.PENDING, OutboxEntry.SENT, OutboxEntry.FAILED)) {
            Gauge.builder("somarket.mail.outbox", this, outbox -> outbox.count(state))
                    .tag("state", state.toLowerCase(Locale.ROOT))
                    .description("Answers and notices to merchants in the outbox, by state").register(registry);
        }
    }

    /**
     * Stores an answer, to be sent at once by route {@code mail-outbox}. A mail answered before (handled again
     * after a crash between this and its filing) keeps its first answer: the merchant gets one.
     *
     * @return the entry's id, or {@code null} when there is no one to answer or the mail already has its answer
     */
    public Long enqueue(Reply reply, @ExchangeProperty(MailLedger.KEY) String messageKey,
            @ExchangeProperty("mailShopId") Long shopId) {
        if (reply == null || reply.to() == null) {
            LOG.warn("mail {}: no sender address to answer", messageKey);
            return null;
        }
        OffsetDateTime now = now();
        try {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO mail_outbox (message_key, shop_id, recipient, subject, body, in_reply_to, references_ids,
                        state, attempts, next_attempt_at, created_at, updated_at)
                    VALUES (:key, :shop, :to, :subject, :body, :inReplyTo, :refs, 'PENDING', 0, :now, :now, :now)""")
                    .param("key", messageKey).param("shop", shopId).param("to", truncate(reply.to(), 320))
                    .param("subject", truncate(reply.subject(), 1000)).param("body", truncate(reply.body(), 20000))
                    .param("inReplyTo", truncate(reply.inReplyTo(), 1000)).param("refs", truncate(reply.references(), 4000))
                    .param("now", now).update(keys, "id");
            Long id = keys.getKeyAs(Long.class);
            LOG.info("mail {}: answer to {} in the outbox (#{})", messageKey, reply.to(), id);
            return id;
        } catch (DuplicateKeyException already) {
            LOG.info("mail {}: already answered, its first answer stays in the outbox", messageKey);
            return null;
        }
    }

    /** The answers due now, each claimed for {@link #LEASE} so that no other poll or node sends it meanwhile. */
    public List<OutboxEntry> claimDue() {
        OffsetDateTime now = now();
        List<OutboxEntry> due = jdbc.sql("SELECT * FROM mail_outbox WHERE state = 'PENDING' AND next_attempt_at <= :now "
                + "ORDER BY next_attempt_at, id FETCH FIRST " + BATCH + " ROWS ONLY")
                .param("now", now).query(MailOutbox::entry).list();
        List<OutboxEntry> claimed = new ArrayList<>();
        for (OutboxEntry entry : due) {
            int won = jdbc.sql("""
                    UPDATE mail_outbox SET next_attempt_at = :lease, updated_at = :now
                    WHERE id = :id AND state = 'PENDING' AND next_attempt_at = :seen""")
                    .param("lease", now.plus(LEASE)).param("now", now).param("id", entry.id())
                    .param("seen", entry.nextAttemptAt()).update();
            if (won == 1) {
                claimed.add(entry);
            }
        }
        return claimed;
    }

    public void sent(@ExchangeProperty(ID) long id) {
        OffsetDateTime now = now();
        jdbc.sql("""
                UPDATE mail_outbox SET state = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = NULL,
                    updated_at = :now WHERE id = :id""").param("now", now).param("id", id).update();
        LOG.info("outbox #{}: sent", id);
    }

    /** A failed try: the next one after the backoff, or FAILED after the last (health WARNING, never dropped). */
    public void failed(Exchange exchange) {
        long id = exchange.getProperty(ID, Long.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        int attempts = jdbc.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(id).query(Integer.class).single() + 1;
        OffsetDateTime now = now();
        boolean last = attempts >= retry.maxAttempts();
        OffsetDateTime next = last ? now : now.plus(retry.delayAfter(attempts));
        jdbc.sql("""
                UPDATE mail_outbox SET state = :state, attempts = :attempts, next_attempt_at = :next, last_error = :error,
                    updated_at = :now WHERE id = :id""")
                .param("state", last ? OutboxEntry.FAILED : OutboxEntry.PENDING).param("attempts", attempts)
                .param("next", next).param("error", truncate(error, 500)).param("now", now).param("id", id).update();
        if (last) {
            LOG.error("outbox #{}: try {} of {} failed, given up until ops re-send it (POST /api/mail/outbox/{}/resend): {}",
                    id, attempts, retry.maxAttempts(), id, error);
        } else {
            LOG.warn("outbox #{}: try {} of {} failed, next try at {}: {}", id, attempts, retry.maxAttempts(), next, error);
        }
    }

    /**
     * Ops ask for an answer to be sent again (a FAILED one once the server is fixed, or a SENT one the merchant
     * says they never got): due now, with a fresh series of tries.
     *
     * @return {@code false} when there is no such entry
     */
    public boolean resend(long id) {
        OffsetDateTime now = now();
        int updated = jdbc.sql("""
                UPDATE mail_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = :now, updated_at = :now
                WHERE id = :id""").param("now", now).param("id", id).update();
        if (updated == 1) {
            LOG.info("outbox #{}: to be sent again, asked by ops", id);
        }
        return updated == 1;
    }

    /** The latest entries, newest first; {@code state} {@code null} for all. */
    public List<OutboxEntry> list(String state, int limit) {
        String where = state == null ? "" : "WHERE state = :state ";
        JdbcClient.StatementSpec sql = jdbc.sql("SELECT * FROM mail_outbox " + where + "ORDER BY id DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY");
        if (state != null) {
            sql = sql.param("state", state.toUpperCase(Locale.ROOT));
        }
        return sql.query(MailOutbox::entry).list();
    }

    public int count(String state) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE state = ?").param(state).query(Integer.class).single();
    }

    /** The oldest answer still waiting, for the health details; {@code null} when none waits. */
    public OffsetDateTime oldestPending() {
        return jdbc.sql("SELECT MIN(created_at) FROM mail_outbox WHERE state = 'PENDING'").query(OffsetDateTime.class)
                .optional().orElse(null);
    }

    private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        return new OutboxEntry(rs.getLong("id"), rs.getString("message_key"), (Long) rs.getObject("shop_id", Long.class),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getString("in_reply_to"),
                rs.getString("references_ids"), rs.getString("state"), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}

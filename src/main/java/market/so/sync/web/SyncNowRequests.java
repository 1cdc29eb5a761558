package market.so.sync.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "Synchroniser maintenant" on the merchant's page, at most once per {@code somarket.site.sync-now-interval} per
 * shop: the shop's server belongs to the merchant, and a button is easy to press twice. The claim is one
 * conditional UPDATE (or the first INSERT), so two nodes or two clicks never both win.
 */
@Repository
public class SyncNowRequests {

    /** Accepted, or refused until {@code nextAllowedAt}. */
    public record Claim(boolean accepted, Instant nextAllowedAt) {
    }

    private final JdbcClient jdbc;
    private final Duration interval;
    private final Clock clock;

    @Autowired
    public SyncNowRequests(JdbcClient jdbc, @Value("${somarket.site.sync-now-interval:15m}") Duration interval) {
        this(jdbc, interval, Clock.systemUTC());
    }

    SyncNowRequests(JdbcClient jdbc, Duration interval, Clock clock) {
        this.jdbc = jdbc;
        this.interval = interval;
        this.clock = clock;
    }

    public Claim claim(long shopId) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE merchant_sync_request SET requested_at = ? WHERE shop_id = ? AND requested_at <= ?")
            .params(now, shopId, now.minus(interval)).update();
        if (updated == 1) {
            return new Claim(true, now.plus(interval).toInstant());
        }
        Optional<Instant> last = lastRequest(shopId);
        if (last.isPresent()) {
            return new Claim(false, last.get().plus(interval));
        }
        try {
            jdbc.sql("INSERT INTO merchant_sync_request (shop_id, requested_at) VALUES (?, ?)").params(shopId, now).update();
            return new Claim(true, now.plus(interval).toInstant());
        } catch (DuplicateKeyException raced) {
            return new Claim(false, lastRequest(shopId).orElse(now.toInstant()).plus(interval));
        }
    }

    /** When the merchant may ask again; null when they may now. */
    public Instant nextAllowedAt(long shopId) {
        Instant next = lastRequest(shopId).map(last -> last.plus(interval)).orElse(null);
        return next == null || !next.isAfter(clock.instant()) ? null : next;
    }

    private Optional<Instant> lastRequest(long shopId) {
        return jdbc.sql("SELECT requested_at FROM merchant_sync_request WHERE shop_id = ?").param(shopId)
            .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }
}

package market.so.sync.shop;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import market.so.sync.prestashop.ShopAccess;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code shop} table. */
@Repository
public class ShopRepository {

    private static final RowMapper<Shop> ROW = ShopRepository::map;
    private final JdbcClient jdbc;

    public ShopRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Shop> find(long id) {
        return jdbc.sql("SELECT * FROM shop WHERE id = ?").param(id).query(ROW).optional();
    }

    public Optional<Shop> findByUrl(String url) {
        return jdbc.sql("SELECT * FROM shop WHERE url = ?").param(url).query(ROW).optional();
    }

    public List<Shop> findAll() {
        return jdbc.sql("SELECT * FROM shop ORDER BY id").query(ROW).list();
    }

    /** A new shop whose probe succeeded. */
    public long insert(String url, String contactEmail, String encryptedKey, String keyHint, ShopAccess access,
                       String psVersion, String shopName, String statusDetail) {
        OffsetDateTime now = now();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO shop (url, host, contact_email, api_key_enc, key_hint, auth_mode, entry_point, ps_version,
                    shop_name, id_shop, status, status_detail, created_at, updated_at)
                VALUES (:url, :host, :email, :key, :hint, :auth, :entry, :version, :name, :idShop, 'CONNECTED',
                    :detail, :now, :now)""")
            .param("detail", statusDetail)
            .param("url", url).param("host", ShopUrl.host(url)).param("email", contactEmail)
            .param("key", encryptedKey).param("hint", keyHint)
            .param("auth", access.authMode().name()).param("entry", access.entryPoint().name())
            .param("version", psVersion).param("name", shopName).param("idShop", access.idShop())
            .param("now", now)
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A known shop whose new key (or unchanged key) passed the probe. */
    /** A shop known under another of its addresses moves to the one its webservice answers at. */
    public void moveTo(long id, String url) {
        jdbc.sql("UPDATE shop SET url = :url, updated_at = :now WHERE id = :id")
            .param("url", url).param("now", now()).param("id", id).update();
    }

    public void updateAccess(long id, String contactEmail, String encryptedKey, String keyHint, ShopAccess access,
                             String psVersion, String shopName, String statusDetail) {
        jdbc.sql("""
                UPDATE shop SET contact_email = COALESCE(:email, contact_email), api_key_enc = :key, key_hint = :hint,
                    auth_mode = :auth, entry_point = :entry, ps_version = :version, shop_name = :name,
                    status = 'CONNECTED', status_detail = :detail, missing_resources = NULL,
                    consecutive_failures = 0, updated_at = :now
                WHERE id = :id""")
            .param("email", contactEmail).param("key", encryptedKey).param("hint", keyHint)
            .param("auth", access.authMode().name()).param("entry", access.entryPoint().name())
            .param("version", psVersion).param("name", shopName).param("now", now()).param("id", id)
            .param("detail", statusDetail)
            .update();
    }

    /** The shop's language and currency, as found by a sync. */
    /** Paused by ops: runs leave the shop alone (recorded as skipped) until it is resumed. */
    public boolean setPaused(long id, boolean paused) {
        return jdbc.sql("UPDATE shop SET paused = ?, updated_at = ? WHERE id = ?").params(paused, now(), id).update() == 1;
    }

    /** {@code textLanguages}: the other languages whose texts are kept ("en,es", "" none; docs/decisions/0026). */
    public void updateLocale(long id, Integer languageId, String languageIso, String currency, String textLanguages) {
        jdbc.sql("""
                UPDATE shop SET language_id = ?, language_iso = ?, currency = ?, text_languages = ?, updated_at = ?
                WHERE id = ?""")
            .params(languageId, languageIso, currency, textLanguages, now(), id).update();
    }

    public void recordSyncSuccess(long id, int productCount, OffsetDateTime at) {
        jdbc.sql("""
                UPDATE shop SET status = 'CONNECTED', status_detail = :detail, missing_resources = NULL,
                    product_count = :count, last_sync_at = :at, last_sync_outcome = 'OK', last_success_at = :at,
                    consecutive_failures = 0, next_sync_at = NULL, failure_notified_at = NULL, updated_at = :at
                WHERE id = :id""")
            .param("detail", productCount + " products online").param("count", productCount)
            .param("at", at).param("id", id).update();
    }

    /**
     * Records a failed sync. From the {@code unreachableAfter}-th failure in a row the shop is retried on
     * a slower schedule (12 h, 24 h, 48 h... up to a week) and, unless the problem is one the merchant
     * must fix with the key, marked UNREACHABLE. Returns true exactly once per failure streak: when
     * the merchant should now be told.
     */
    public boolean recordSyncFailure(long id, ShopStatus status, String detail, String missingResources,
                                     OffsetDateTime at, int unreachableAfter) {
        Shop shop = find(id).orElseThrow();
        int failures = shop.consecutiveFailures() + 1;
        boolean streak = failures >= unreachableAfter;
        ShopStatus effective = streak && !status.isKeyProblem() && status != ShopStatus.WEBSERVICE_DISABLED
            ? ShopStatus.UNREACHABLE : status;
        OffsetDateTime next = streak ? at.plusHours(Math.min(168, 12L << Math.min(failures - unreachableAfter, 4))) : null;
        boolean notify = streak && jdbc.sql("SELECT failure_notified_at FROM shop WHERE id = ?").param(id)
            .query(OffsetDateTime.class).optional().isEmpty();
        jdbc.sql("""
                UPDATE shop SET status = :status, status_detail = :detail, missing_resources = :missing,
                    last_sync_at = :at, last_sync_outcome = 'FAILED', consecutive_failures = :failures,
                    next_sync_at = :next, failure_notified_at = CASE WHEN :notify THEN :at ELSE failure_notified_at END,
                    updated_at = :at
                WHERE id = :id""")
            .param("status", effective.name()).param("detail", truncate(detail, 2000)).param("missing", missingResources)
            .param("at", at).param("failures", failures).param("next", next).param("notify", notify)
            .param("id", id).update();
        return notify;
    }

    /**
     * Takes the shop's sync lease: true when no other sync (on this node or another) holds it. An
     * expired lease (a node that died mid-sync) can be taken over.
     */
    public boolean tryLease(long id, String owner, OffsetDateTime until) {
        OffsetDateTime now = now();
        return jdbc.sql("""
                UPDATE shop SET sync_lease_owner = :owner, sync_lease_until = :until
                WHERE id = :id AND (sync_lease_until IS NULL OR sync_lease_until < :now)""")
            .param("owner", owner).param("until", until).param("id", id).param("now", now)
            .update() == 1;
    }

    /** Takes a lease that this node still holds (its owner starts with {@code nodePrefix}) for a new sync. */
    public boolean takeOverLease(long id, String nodePrefix, String owner, OffsetDateTime until) {
        return jdbc.sql("""
                UPDATE shop SET sync_lease_owner = :owner, sync_lease_until = :until
                WHERE id = :id AND sync_lease_owner LIKE :prefix""")
            .param("owner", owner).param("until", until).param("id", id).param("prefix", nodePrefix + "%")
            .update() == 1;
    }

    /** Who holds the shop's sync lease now, or null. */
    public String leaseOwner(long id) {
        var owners = jdbc.sql("SELECT sync_lease_owner FROM shop WHERE id = ?").param(id).query(String.class).list();
        return owners.isEmpty() ? null : owners.get(0);
    }

    /** Takes the lease from a known holder (a node that has left the cluster): false if it changed meanwhile. */
    public boolean takeOverLeaseFrom(long id, String holder, String owner, OffsetDateTime until) {
        return jdbc.sql("""
                UPDATE shop SET sync_lease_owner = :owner, sync_lease_until = :until
                WHERE id = :id AND sync_lease_owner = :holder""")
            .param("owner", owner).param("until", until).param("id", id).param("holder", holder)
            .update() == 1;
    }

    public void releaseLease(long id, String owner) {
        jdbc.sql("UPDATE shop SET sync_lease_owner = NULL, sync_lease_until = NULL WHERE id = ? AND sync_lease_owner = ?")
            .params(id, owner).update();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Shop map(ResultSet rs, int row) throws SQLException {
        return new Shop(
            rs.getLong("id"),
            rs.getString("url"),
            rs.getString("contact_email"),
            rs.getString("api_key_enc"),
            rs.getString("key_hint"),
            ShopAccess.AuthMode.valueOf(rs.getString("auth_mode")),
            ShopAccess.EntryPoint.valueOf(rs.getString("entry_point")),
            rs.getString("ps_version"),
            rs.getString("shop_name"),
            (Integer) rs.getObject("id_shop", Integer.class),
            ShopStatus.valueOf(rs.getString("status")),
            rs.getString("status_detail"),
            rs.getString("missing_resources"),
            rs.getObject("language_id", Integer.class),
            rs.getString("language_iso"),
            rs.getString("currency"),
            rs.getInt("product_count"),
            rs.getObject("last_sync_at", OffsetDateTime.class),
            rs.getString("last_sync_outcome"),
            rs.getObject("last_success_at", OffsetDateTime.class),
            rs.getInt("consecutive_failures"),
            rs.getBoolean("paused"),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));
    }
}

package market.so.sync.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code sync_run} table, the run lock, and the shops a run selects. */
@Repository
public class SyncRunRepository {

    private final JdbcClient jdbc;
    private final ClusterNodes nodes;

    public SyncRunRepository(JdbcClient jdbc, ClusterNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    /** The run lock's owner now ({@code <node>/<uuid>}), or null when free. */
    public String lockOwner() {
        var owners = jdbc.sql("SELECT owner FROM sync_lock WHERE name = 'catalog-sync'").query(String.class).list();
        return owners.isEmpty() ? null : owners.get(0);
    }

    /** The runs a node left RUNNING. */
    public List<Long> runningOn(String node) {
        return jdbc.sql("SELECT id FROM sync_run WHERE status = 'RUNNING' AND node = ? ORDER BY id").param(node)
            .query(Long.class).list();
    }

    /** How many shops of the run have their outcome in the database (whichever node synced them). */
    public int shopsEnded(long runId) {
        return jdbc.sql("SELECT COUNT(DISTINCT shop_id) FROM shop_sync WHERE run_id = ? AND outcome <> 'RUNNING'")
            .param(runId).query(Integer.class).single();
    }

    /**
     * How many of these shops are still in the database: a shop deleted during its run has no outcome to wait for
     * (its rows went with it). Counted a thousand ids at a time, within every database's limit on parameters.
     */
    public int stillThere(List<Long> shopIds) {
        int there = 0;
        for (int from = 0; from < shopIds.size(); from += 1000) {
            List<Long> chunk = shopIds.subList(from, Math.min(shopIds.size(), from + 1000));
            there += jdbc.sql("SELECT COUNT(*) FROM shop WHERE id IN (:ids)").param("ids", chunk)
                .query(Integer.class).single();
        }
        return there;
    }

    /** Takes the run lock: false when another run (on any node) holds it and has not expired. */
    public boolean tryLock(String owner, OffsetDateTime until) {
        return jdbc.sql("""
                UPDATE sync_lock SET owner = :owner, locked_until = :until
                WHERE name = 'catalog-sync' AND (locked_until IS NULL OR locked_until < :now)""")
            .param("owner", owner).param("until", until).param("now", now()).update() == 1;
    }

    /** Takes the run lock from a known owner (a run of this node whose end could not be written). */
    public boolean takeOverLock(String staleOwner, String owner, OffsetDateTime until) {
        return jdbc.sql("UPDATE sync_lock SET owner = :owner, locked_until = :until WHERE name = 'catalog-sync' AND owner = :stale")
            .param("owner", owner).param("until", until).param("stale", staleOwner).update() == 1;
    }

    public void unlock(String owner) {
        jdbc.sql("UPDATE sync_lock SET owner = NULL, locked_until = NULL WHERE name = 'catalog-sync' AND owner = ?")
            .param(owner).update();
    }

    public long start(String trigger, String status, String detail) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO sync_run (trigger_source, status, started_at, finished_at, detail, node) VALUES (?, ?, ?, ?, ?, ?)")
            .params(trigger, status, now, "RUNNING".equals(status) ? null : now, detail, nodes.self())
            .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Sums the run's per-shop rows (written by whichever node synced each shop) into the run row. */
    public void finish(long runId, String status, String detail) {
        jdbc.sql("""
                UPDATE sync_run SET status = :status, finished_at = :now, detail = :detail,
                    shops_total = (SELECT COUNT(*) FROM shop_sync s WHERE s.run_id = :id),
                    shops_ok = (SELECT COUNT(*) FROM shop_sync s WHERE s.run_id = :id AND s.outcome = 'OK'),
                    shops_failed = (SELECT COUNT(*) FROM shop_sync s WHERE s.run_id = :id AND s.outcome IN ('FAILED', 'RUNNING')),
                    shops_skipped = (SELECT COUNT(*) FROM shop_sync s WHERE s.run_id = :id AND s.outcome = 'SKIPPED'),
                    products_new = (SELECT COALESCE(SUM(products_new), 0) FROM shop_sync s WHERE s.run_id = :id),
                    products_changed = (SELECT COALESCE(SUM(products_changed), 0) FROM shop_sync s WHERE s.run_id = :id),
                    products_unchanged = (SELECT COALESCE(SUM(products_unchanged), 0) FROM shop_sync s WHERE s.run_id = :id),
                    products_deactivated = (SELECT COALESCE(SUM(products_deactivated), 0) FROM shop_sync s WHERE s.run_id = :id),
                    variants = (SELECT COALESCE(SUM(variants), 0) FROM shop_sync s WHERE s.run_id = :id),
                    requests = (SELECT COALESCE(SUM(requests), 0) FROM shop_sync s WHERE s.run_id = :id),
                    bytes = (SELECT COALESCE(SUM(bytes), 0) FROM shop_sync s WHERE s.run_id = :id)
                WHERE id = :id""")
            .param("status", status).param("now", now()).param("detail", detail).param("id", runId).update();
    }

    /** After a crash or kill: runs and shop syncs left RUNNING are closed as interrupted. */
    public int closeInterrupted(OffsetDateTime syncsStartedBefore, OffsetDateTime runsStartedBefore) {
        int syncs = jdbc.sql("""
                UPDATE shop_sync SET outcome = 'FAILED', error_class = 'INTERRUPTED',
                    error_detail = 'the process stopped during this sync; nothing it read was kept', finished_at = ?
                WHERE outcome = 'RUNNING' AND started_at <= ?""").params(now(), syncsStartedBefore).update();
        int runs = jdbc.sql("UPDATE sync_run SET status = 'INTERRUPTED', finished_at = ? WHERE status = 'RUNNING' AND started_at <= ?")
            .params(now(), runsStartedBefore).update();
        return syncs + runs;
    }

    /** Single node, at start: no run can be going, whatever a killed process left in the lock. */
    public void releaseAllLocks() {
        jdbc.sql("UPDATE sync_lock SET owner = NULL, locked_until = NULL").update();
        jdbc.sql("UPDATE shop SET sync_lease_owner = NULL, sync_lease_until = NULL WHERE sync_lease_owner IS NOT NULL").update();
    }

    public Optional<SyncRun> find(long id) {
        return jdbc.sql("SELECT * FROM sync_run WHERE id = ?").param(id).query(SyncRunRepository::map).optional();
    }

    public List<SyncRun> recent(int limit) {
        return jdbc.sql("SELECT * FROM sync_run ORDER BY id DESC LIMIT ?").param(limit).query(SyncRunRepository::map).list();
    }

    public Optional<SyncRun> last() {
        return recent(1).stream().findFirst();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static SyncRun map(ResultSet rs, int row) throws SQLException {
        return new SyncRun(rs.getLong("id"), rs.getString("trigger_source"), rs.getString("status"),
            rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
            rs.getInt("shops_total"), rs.getInt("shops_ok"), rs.getInt("shops_failed"), rs.getInt("shops_skipped"),
            rs.getInt("products_new"), rs.getInt("products_changed"), rs.getInt("products_unchanged"),
            rs.getInt("products_deactivated"), rs.getInt("variants"), rs.getLong("requests"), rs.getLong("bytes"),
            rs.getString("detail"));
    }
}

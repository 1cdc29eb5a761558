package market.so.sync.catalog.sweep;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code sweep_page} table: for each light page of a shop (by offset), the SHA-1 the shop gave
 * it last time and the ids it covered. PrestaShop 8+ answers 304 to a request that sends that SHA-1
 * as {@code Local-Content-Sha1} when the page is byte-for-byte the same. Written in the sync's
 * transaction, so a failed sync never leaves a SHA-1 for rows it did not store.
 */
@Repository
public class SweepPageStore {

    /** One remembered page: where it starts, how many rows it asked for, what came back. */
    public record StoredPage(int offset, int size, String sha1, long firstId, long lastId, int rowCount) {
    }

    private final JdbcTemplate jdbc;

    public SweepPageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredPage> find(long shopId, int offset) {
        return jdbc.query("""
                SELECT page_offset, page_size, content_sha1, first_id, last_id, row_count FROM sweep_page
                WHERE shop_id = ? AND page_offset = ?""",
            (rs, i) -> new StoredPage(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getInt(6)), shopId, offset).stream().findFirst();
    }

    public void save(long shopId, StoredPage page) {
        forget(shopId, page.offset());
        jdbc.update("""
                INSERT INTO sweep_page (shop_id, page_offset, page_size, content_sha1, first_id, last_id, row_count)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
            shopId, page.offset(), page.size(), page.sha1(), page.firstId(), page.lastId(), page.rowCount());
    }

    public void forget(long shopId, int offset) {
        jdbc.update("DELETE FROM sweep_page WHERE shop_id = ? AND page_offset = ?", shopId, offset);
    }

    /** The catalogue ended before this offset: pages remembered beyond it are gone. */
    public void forgetFrom(long shopId, int offset) {
        jdbc.update("DELETE FROM sweep_page WHERE shop_id = ? AND page_offset >= ?", shopId, offset);
    }
}

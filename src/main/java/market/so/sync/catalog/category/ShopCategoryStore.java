package market.so.sync.catalog.category;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code shop_category} table. A sync replaces the tree (names, parents, paths) but keeps the
 * merchant's mappings: a category that is renamed or moved stays mapped; one that disappears from
 * the shop is deleted with its mapping.
 */
@Repository
public class ShopCategoryStore {

    private final JdbcTemplate jdbc;

    public ShopCategoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ShopCategoryTree load(long shopId) {
        return new ShopCategoryTree(jdbc.query("SELECT * FROM shop_category WHERE shop_id = ? ORDER BY shop_category_id",
            ShopCategoryStore::map, shopId));
    }

    /** Stores the tree read from the shop; returns it with the stored mappings. */
    public ShopCategoryTree replace(long shopId, ShopCategoryTree tree) {
        Set<Long> stored = new HashSet<>(jdbc.queryForList(
            "SELECT shop_category_id FROM shop_category WHERE shop_id = ?", Long.class, shopId));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (ShopCategory c : tree.all()) {
            if (stored.remove(c.id())) {
                updates.add(new Object[] {c.parentId(), c.name(), c.path(), c.levelDepth(), c.position(), c.active(),
                    c.root(), c.linkRewrite(), now, shopId, c.id()});
            } else {
                inserts.add(new Object[] {shopId, c.id(), c.parentId(), c.name(), c.path(), c.levelDepth(), c.position(),
                    c.active(), c.root(), c.linkRewrite(), now});
            }
        }
        batch("""
            UPDATE shop_category SET parent_id = ?, name = ?, path = ?, level_depth = ?, position = ?, active = ?,
                is_root = ?, link_rewrite = ?, updated_at = ?
            WHERE shop_id = ? AND shop_category_id = ?""", updates);
        batch("""
            INSERT INTO shop_category (shop_id, shop_category_id, parent_id, name, path, level_depth, position, active,
                is_root, link_rewrite, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        List<Object[]> gone = stored.stream().map(id -> new Object[] {shopId, id}).toList();
        batch("DELETE FROM shop_category WHERE shop_id = ? AND shop_category_id = ?", gone);
        return load(shopId);
    }

    /** Sets (code) or clears (null) the mapping of each given category. */
    public void setMappings(long shopId, Map<Long, String> codes) {
        List<Object[]> args = new ArrayList<>();
        codes.forEach((id, code) -> args.add(new Object[] {code, shopId, id}));
        batch("UPDATE shop_category SET mapped_code = ? WHERE shop_id = ? AND shop_category_id = ?", args);
    }

    private void batch(String sql, List<Object[]> args) {
        if (!args.isEmpty()) {
            jdbc.batchUpdate(sql, args);
        }
    }

    private static ShopCategory map(ResultSet rs, int row) throws SQLException {
        return new ShopCategory(rs.getLong("shop_category_id"), rs.getObject("parent_id", Long.class),
            rs.getString("name"), rs.getString("link_rewrite"), rs.getObject("level_depth", Integer.class),
            rs.getObject("position", Integer.class), rs.getBoolean("active"), rs.getBoolean("is_root"),
            rs.getString("path"), rs.getString("mapped_code"));
    }
}

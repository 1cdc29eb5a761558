package market.so.sync.catalog.category;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.ShopSyncs;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.xml.XmlNode;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Reads the shop's category tree once per sync, stores it and hands the tree with the merchant's
 * mappings to the sync, so that each product gets its So.market category as it is mapped. Asks for
 * the few fields it needs: {@code display=full} would embed every product id of every category.
 */
@Component("shopCategories")
public class ShopCategoryReader {

    static final String FIELDS = "[id,id_parent,level_depth,active,position,is_root_category,name,link_rewrite]";

    private final WebserviceClient client;
    private final ShopCategoryStore store;

    public ShopCategoryReader(WebserviceClient client, ShopCategoryStore store) {
        this.client = client;
        this.store = store;
    }

    public void readAndStore(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", FIELDS);
        params.put("sort", "[id_ASC]");
        if (sync.languageId() != null) {
            params.put("language", sync.languageId());
        }
        XmlNode root = client.document(sync.access(), "categories", params, client.syncOptions(sync.meter()));
        ShopCategoryTree tree = ShopCategoryTree.withPaths(parse(root, sync.languageId()));
        sync.categories(store.replace(sync.shopId(), tree));
    }

    public static List<ShopCategory> parse(XmlNode root, String languageId) {
        XmlNode list = root == null ? null : root.child("categories");
        List<ShopCategory> categories = new ArrayList<>();
        if (list == null) {
            return categories;
        }
        for (XmlNode node : list.children("category")) {
            Long id = node.longValue("id");
            if (id == null) {
                continue;
            }
            Long parent = node.longValue("id_parent");
            boolean hidden = parent == null || parent == 0 || node.flag("is_root_category", false);
            String name = node.localized("name", languageId);
            categories.add(new ShopCategory(id, parent == null || parent == 0 ? null : parent,
                name == null || name.isBlank() ? "#" + id : name, node.localized("link_rewrite", languageId),
                intValue(node, "level_depth"), intValue(node, "position"), node.flag("active", true), hidden, null, null));
        }
        return categories;
    }

    private static Integer intValue(XmlNode node, String field) {
        Long v = node.longValue(field);
        return v == null ? null : v.intValue();
    }
}

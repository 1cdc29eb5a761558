package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.StoredProduct;
import market.so.sync.prestashop.xml.XmlNode;

/**
 * One page of the light sweep: its products in id order, the combinations of those that have some,
 * whether the shop answered 304 (the page rebuilt from what we stored last time), and how many
 * positions of the shop's list it covers (products skipped because they fail to render included), the
 * stored rows of its products when they were already read (null: the planner reads them), and, in a first
 * sync, the rows read whole by id (docs/decisions/0029; empty: the products to store are read whole after).
 */
public record SweepPage(int offset, int covered, List<LightProduct> products,
                        Map<Long, List<LightCombination>> combinations, boolean notModified,
                        Map<Long, StoredProduct> stored, Map<Long, XmlNode> whole) {

    public SweepPage(int offset, int covered, List<LightProduct> products,
                     Map<Long, List<LightCombination>> combinations, boolean notModified) {
        this(offset, covered, products, combinations, notModified, null, Map.of());
    }

    /** The same page with the stored rows of its products, read once for the prices and the planner. */
    public SweepPage withStored(Map<Long, StoredProduct> rows) {
        return new SweepPage(offset, covered, products, combinations, notModified, rows, whole);
    }

    /** The same page with the rows read whole along with it. */
    public SweepPage withWhole(Map<Long, XmlNode> rows) {
        return new SweepPage(offset, covered, products, combinations, notModified, stored, rows);
    }

    /** The same page with these products (priced) and combinations; the rest kept. */
    public SweepPage with(List<LightProduct> pricedProducts, Map<Long, List<LightCombination>> byProduct) {
        return new SweepPage(offset, covered, pricedProducts, byProduct, notModified, stored, whole);
    }

    public List<LightCombination> combinationsOf(long productId) {
        return combinations.getOrDefault(productId, List.of());
    }
}

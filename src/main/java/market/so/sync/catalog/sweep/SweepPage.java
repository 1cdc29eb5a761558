package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.StoredProduct;

/**
 * One page of the light sweep: its products in id order, the combinations of those that have some,
 * whether the shop answered 304 (the page rebuilt from what we stored last time), and how many
 * positions of the shop's list it covers (products skipped because they fail to render included), and
 * the stored rows of its products when they were already read (null: the planner reads them).
 */
public record SweepPage(int offset, int covered, List<LightProduct> products,
                        Map<Long, List<LightCombination>> combinations, boolean notModified,
                        Map<Long, StoredProduct> stored) {

    public SweepPage(int offset, int covered, List<LightProduct> products,
                     Map<Long, List<LightCombination>> combinations, boolean notModified) {
        this(offset, covered, products, combinations, notModified, null);
    }

    /** The same page with the stored rows of its products, read once for the prices and the planner. */
    public SweepPage withStored(Map<Long, StoredProduct> rows) {
        return new SweepPage(offset, covered, products, combinations, notModified, rows);
    }

    public List<LightCombination> combinationsOf(long productId) {
        return combinations.getOrDefault(productId, List.of());
    }
}

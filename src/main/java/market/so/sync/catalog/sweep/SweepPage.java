package market.so.sync.catalog.sweep;

import java.util.List;
import java.util.Map;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.LightProduct;

/**
 * One page of the light sweep: its products in id order, the combinations of those that have some,
 * whether the shop answered 304 (the page rebuilt from what we stored last time), and how many
 * positions of the shop's list it covers (products skipped because they fail to render included).
 */
public record SweepPage(int offset, int covered, List<LightProduct> products,
                        Map<Long, List<LightCombination>> combinations, boolean notModified) {

    public List<LightCombination> combinationsOf(long productId) {
        return combinations.getOrDefault(productId, List.of());
    }
}

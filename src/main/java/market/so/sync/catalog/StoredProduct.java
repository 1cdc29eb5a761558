package market.so.sync.catalog;

/**
 * What the sweep compares a product of the shop with: the stored row's {@code date_upd}, hashes and
 * light snapshot, and whether it is still shown (not deactivated by an earlier complete pass).
 */
public record StoredProduct(long shopProductId, String shopDateUpd, String contentHash, String stateHash,
                            String sweepRow, boolean current) {
}

package market.so.sync.run;

/**
 * How one shop's sync ended: what a run aggregates (never products, only these counts) and what
 * {@code GET /api/sync-runs/{id}} lists per shop.
 */
public record ShopOutcome(
    long shopId,
    long syncId,
    Long runId,
    Result result,
    String errorClass,
    String errorDetail,
    int productsSeen,
    int productsNew,
    int productsChanged,
    int productsUnchanged,
    int productsDeactivated,
    int variants,
    long requests,
    long bytes,
    long durationMs,
    int productsSkipped) {

    public enum Result { OK, FAILED, SKIPPED }

    /** An outcome without products skipped (none failed to render). */
    public ShopOutcome(long shopId, long syncId, Long runId, Result result, String errorClass, String errorDetail,
                       int productsSeen, int productsNew, int productsChanged, int productsUnchanged,
                       int productsDeactivated, int variants, long requests, long bytes, long durationMs) {
        this(shopId, syncId, runId, result, errorClass, errorDetail, productsSeen, productsNew, productsChanged,
            productsUnchanged, productsDeactivated, variants, requests, bytes, durationMs, 0);
    }

    public static ShopOutcome skipped(long shopId, Long runId, String why) {
        return new ShopOutcome(shopId, 0, runId, Result.SKIPPED, null, why, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}

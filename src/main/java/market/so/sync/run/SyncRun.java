package market.so.sync.run;

import java.time.OffsetDateTime;

/** One run of the catalogue sync over the shops that were due: what {@code GET /api/sync-runs} lists. */
public record SyncRun(long id, String trigger, String status, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                      int shopsTotal, int shopsOk, int shopsFailed, int shopsSkipped, int productsNew,
                      int productsChanged, int productsUnchanged, int productsDeactivated, int variants,
                      long requests, long bytes, String detail) {
}

package market.so.sync.catalog;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import market.so.sync.prestashop.ShopAccess;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.run.ClusterNodes;
import market.so.sync.run.ShopOutcome;
import market.so.sync.run.ShopSyncRepository;
import market.so.sync.run.SyncMetrics;
import market.so.sync.run.Recording;
import market.so.sync.run.SyncShutdown;
import market.so.sync.run.SyncThreadPriority;
import market.so.sync.shop.KeyCipher;
import market.so.sync.shop.Shop;
import market.so.sync.shop.ShopRepository;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Opens and closes one shop's sync for route {@code sync-shop}: takes the shop's lease (one sync of a
 * shop at a time, across nodes), decrypts its key into memory, and at the end records the outcome on
 * the shop and in {@code shop_sync}, with one log line for ops.
 */
@Component("shopSyncs")
public class ShopSyncs {

    public static final String SYNC = "sync";
    private static final String OUTCOME = "syncOutcome";
    private static final String LISTED = "syncListed";
    private static final String PRIORITY_BEFORE = "syncThreadPriorityBefore";
    /** The error class of a sync that failed on our side: the database, not the shop. */
    public static final String DATABASE = "DATABASE";
    private static final Logger log = LoggerFactory.getLogger(ShopSyncs.class);
    private final String node;
    private final ClusterNodes nodes;

    private final ShopRepository shops;
    private final ShopSyncRepository syncs;
    private final ProductStore products;
    private final KeyCipher cipher;
    private final SyncMetrics metrics;
    private final Duration lease;
    private final int unreachableAfter;
    private final SyncShutdown shutdown;
    private final SyncThreadPriority priority;
    /** Shops this node is syncing now: a lease of ours on any other shop is a leftover (database outage). */
    private final java.util.Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ShopSyncs(ShopRepository shops, ShopSyncRepository syncs, ProductStore products, KeyCipher cipher,
                     SyncMetrics metrics, @Value("${somarket.sync.shop-time-limit:30m}") Duration lease,
                     @Value("${somarket.sync.unreachable-after:3}") int unreachableAfter, SyncShutdown shutdown,
                     ClusterNodes nodes, SyncThreadPriority priority) {
        this.nodes = nodes;
        this.priority = priority;
        this.node = nodes.self();
        this.shutdown = shutdown;
        this.shops = shops;
        this.syncs = syncs;
        this.products = products;
        this.cipher = cipher;
        this.metrics = metrics;
        this.lease = lease;
        this.unreachableAfter = unreachableAfter;
    }

    /**
     * Body: the shop id. Sets property {@code sync}, or answers a SKIPPED outcome in the body. Header
     * {@code syncRunDeadline} (epoch ms): the run's time limit, which the shop's own limit never passes.
     */
    public void begin(Exchange exchange) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // fetch-catalog would join it (TransactionPolicies): the catalogue must commit on its own
            throw new IllegalStateException("a shop's sync must not run inside a database transaction of its caller");
        }
        long shopId = exchange.getMessage().getBody(Long.class);
        String trigger = exchange.getMessage().getHeader("syncTrigger", "api", String.class);
        Long runId = exchange.getMessage().getHeader("syncRunId", Long.class);
        Long runDeadline = exchange.getMessage().getHeader("syncRunDeadline", Long.class);
        Instant deadline = Instant.now().plus(lease);
        if (runDeadline != null && Instant.ofEpochMilli(runDeadline).isBefore(deadline)) {
            deadline = Instant.ofEpochMilli(runDeadline);
        }
        if (runId != null && repeated(shopId, runId, exchange)) {
            return;
        }
        Shop shop = shops.find(shopId).orElse(null);
        String skip = shop == null ? "unknown shop" : shop.paused() ? "paused"
            : shutdown.isStopping() ? "the service is stopping"
            : !deadline.isAfter(Instant.now()) ? "the run reached its time limit (somarket.sync.run-time-limit)" : null;
        String owner = node + "/" + UUID.randomUUID();
        if (skip == null && !lease(shopId, owner)) {
            skip = "a sync of this shop is already running";
        }
        if (skip != null) {
            if (shop != null) {
                syncs.skipped(shopId, runId, trigger, skip);
            }
            exchange.getMessage().setBody(ShopOutcome.skipped(shopId, runId, skip));
            return;
        }
        try {
            ShopAccess access = new ShopAccess(shop.url(), cipher.decrypt(shop.encryptedKey()), shop.authMode(),
                shop.entryPoint(), shop.idShop());
            long syncId = syncs.start(shopId, runId, trigger);
            exchange.setProperty(SYNC, new ShopSyncContext(shopId, syncId, trigger, runId, access, deadline,
                shutdown::stopReason));
            exchange.setProperty("syncLeaseOwner", owner);
            // fetch-catalog is transacted, so the sync runs on this thread until release, which puts it back
            exchange.setProperty(PRIORITY_BEFORE, priority.lower());
        } catch (RuntimeException e) {
            inFlight.remove(shopId); // the lease itself expires with shop-time-limit, or is taken over by this node
            throw e;
        }
    }

    /**
     * Takes the shop's lease. A lease of this node on a shop it is not syncing is a leftover of a sync
     * whose end could not be written (the database was away): taken over at once rather than after
     * the time limit, so the next run after an outage syncs the shop.
     */
    private boolean lease(long shopId, String owner) {
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plus(lease);
        if (!inFlight.add(shopId)) {
            return false;
        }
        try {
            if (shops.tryLease(shopId, owner, until) || shops.takeOverLease(shopId, node + "/", owner, until)
                || takeOverFromGoneNode(shopId, owner, until)) {
                return true;
            }
        } catch (RuntimeException databaseAway) {
            // no connection for the lease (seen in the soak): without this the shop stayed "already running" here
            inFlight.remove(shopId);
            throw databaseAway;
        }
        inFlight.remove(shopId);
        return false;
    }

    /**
     * The lease is held by a node that has left the cluster (killed mid-sync): its transaction died with it,
     * so the shop kept its previous catalogue; its sync row is closed as interrupted and this sync goes ahead.
     */
    private boolean takeOverFromGoneNode(long shopId, String owner, OffsetDateTime until) {
        String holder = shops.leaseOwner(shopId);
        if (holder == null || !nodes.gone(holder) || !shops.takeOverLeaseFrom(shopId, holder, owner, until)) {
            return false;
        }
        int closed = syncs.closeInterrupted(shopId, ClusterNodes.nodeOf(holder).orElseThrow());
        log.warn("shop {}: lease of {} taken over (that node left the cluster); {} sync(s) it left closed as interrupted",
            shopId, holder, closed);
        return true;
    }

    /**
     * The same shop and run again (a message redelivered after the node that took it died before acknowledging
     * it, or sent twice): when the shop's outcome for that run is already recorded, nothing is synced again;
     * the repeat is counted on that sync and the message acknowledged.
     */
    private boolean repeated(long shopId, long runId, Exchange exchange) {
        Long done = syncs.endedInRun(shopId, runId).orElse(null);
        if (done == null) {
            return false;
        }
        syncs.redelivered(done);
        metrics.redelivered();
        log.info("shop {} already synced in run {} (sync {}): repeated message acknowledged", shopId, runId, done);
        exchange.getMessage().setBody(ShopOutcome.skipped(shopId, runId, "already synced in this run"));
        return true;
    }

    /**
     * Route {@code fetch-catalog}, in the sync's transaction: the pass was complete. The shop's record (its
     * language, currency, listed count, next sync) and the sync's outcome commit with the catalogue they
     * describe, in one commit: no separate writes after it (each was a commit of its own, a store of the H2
     * file, waited for behind the other syncs' in the benchmark), and a catalogue never stored without them.
     */
    public void stored(@ExchangeProperty(SYNC) ShopSyncContext sync, Exchange exchange) {
        shops.updateLocale(sync.shopId(), sync.languageId() == null ? null : Integer.valueOf(sync.languageId()),
            sync.languageIso(), sync.currency(), sync.otherLanguageCodes());
        int listed = products.countListed(sync.shopId());
        shops.recordSyncSuccess(sync.shopId(), listed, OffsetDateTime.now(ZoneOffset.UTC));
        ShopOutcome outcome = outcome(sync, ShopOutcome.Result.OK, null, null);
        String skipped = skippedDetail(sync);
        if (skipped != null) {
            sync.note(skipped);
        }
        syncs.finish(outcome, skipped);
        exchange.setProperty(OUTCOME, outcome);
        exchange.setProperty(LISTED, listed);
    }

    /** After the commit: the outcome {@link #stored} recorded, counted and logged. */
    public ShopOutcome succeeded(@ExchangeProperty(SYNC) ShopSyncContext sync, @ExchangeProperty(OUTCOME) ShopOutcome outcome,
                                 @ExchangeProperty(LISTED) int listed) {
        metrics.shop(outcome);
        log.info("shop {} sync OK ({}): {} products seen, {} new, {} changed, {} unchanged, {} deactivated, {} skipped; "
                + "{} listed; {} requests, {} kB, {} ms", sync.shopId(), sync.trigger(), sync.productsSeen(),
            sync.productsNew(), sync.productsChanged(), sync.productsUnchanged(), sync.productsDeactivated(),
            sync.skipped().size(), listed,
            sync.meter().requests(), sync.meter().bytes() / 1024, outcome.durationMs());
        return outcome;
    }

    /** The sync failed: nothing it read was kept; the shop keeps its previous catalogue. */
    public ShopOutcome failed(Exchange exchange) {
        ShopSyncContext sync = exchange.getProperty(SYNC, ShopSyncContext.class);
        Throwable failure = webserviceCause(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        ShopStatus status = ShopStatus.SYNC_FAILED;
        String detail = failure == null ? "unknown failure" : failure.getClass().getSimpleName();
        String missing = null;
        if (failure instanceof WebserviceException w) {
            status = w.status();
            detail = w.getMessage();
            if (w instanceof WebserviceException.MissingPermission m) {
                missing = String.join(",", m.resources());
            }
        } else if (failure != null && failure.getMessage() != null) {
            detail = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        Throwable ours = databaseCause(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        if (ours != null && !(failure instanceof WebserviceException)) {
            return failedOnOurSide(exchange, sync, ours);
        }
        ShopOutcome outcome = outcome(sync, ShopOutcome.Result.FAILED, status.name(), detail);
        String why = "last sync failed: " + detail;
        String lacking = missing;
        ShopStatus problem = status;
        Boolean tellMerchant = Recording.patiently("the failure of shop " + sync.shopId(), () -> {
            boolean tell = shops.recordSyncFailure(sync.shopId(), problem, why, lacking,
                OffsetDateTime.now(ZoneOffset.UTC), unreachableAfter);
            syncs.finish(outcome, null);
            return tell;
        });
        metrics.shop(outcome);
        exchange.setProperty("tellMerchant", Boolean.TRUE.equals(tellMerchant));
        log.warn("shop {} sync FAILED ({}): {}: {}; previous catalogue kept; {} requests, {} ms", sync.shopId(),
            sync.trigger(), status, detail, sync.meter().requests(), outcome.durationMs());
        exchange.setException(null);
        return outcome;
    }

    /**
     * Our database failed during the sync (restart, failover, full disk): nothing was kept, and it is not
     * the shop's doing. The run records it (error class {@code DATABASE}); the shop's status, its failure
     * streak and its merchant are left alone, and the next run syncs it again.
     */
    private ShopOutcome failedOnOurSide(Exchange exchange, ShopSyncContext sync, Throwable cause) {
        String detail = "So.market's database failed during the sync (" + cause.getClass().getSimpleName()
            + "): nothing changed, the shop is synced again at the next run";
        ShopOutcome outcome = outcome(sync, ShopOutcome.Result.FAILED, DATABASE, detail);
        Recording.patiently("the failure of shop " + sync.shopId(), () -> {
            syncs.finish(outcome, null);
            return null;
        });
        metrics.shop(outcome);
        exchange.setProperty("tellMerchant", false);
        log.warn("shop {} sync FAILED ({}) on our side: {}: {}; previous catalogue kept; {} requests, {} ms", sync.shopId(),
            sync.trigger(), DATABASE, cause, sync.meter().requests(), outcome.durationMs());
        exchange.setException(null);
        return outcome;
    }

    /** The database or transaction failure in a chain of causes, or null. */
    private static Throwable databaseCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof TransactionException
                || cause instanceof SQLException) {
                return cause;
            }
        }
        return null;
    }

    /** A failure inside the page splitter arrives wrapped by Camel: the merchant-facing cause is inside. */
    private static Throwable webserviceCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebserviceException) {
                return cause;
            }
        }
        return failure;
    }

    public void release(Exchange exchange) {
        Integer before = exchange.getProperty(PRIORITY_BEFORE, Integer.class);
        if (before != null) {
            priority.restore(before);
        }
        ShopSyncContext sync = exchange.getProperty(SYNC, ShopSyncContext.class);
        String owner = exchange.getProperty("syncLeaseOwner", String.class);
        if (sync != null && owner != null) {
            try {
                Recording.patiently("the lease of shop " + sync.shopId(), () -> {
                    shops.releaseLease(sync.shopId(), owner);
                    return null;
                });
            } finally {
                inFlight.remove(sync.shopId());
            }
        }
    }

    private static ShopOutcome outcome(ShopSyncContext sync, ShopOutcome.Result result, String errorClass, String detail) {
        long duration = Duration.between(sync.startedAt(), java.time.Instant.now()).toMillis();
        return new ShopOutcome(sync.shopId(), sync.syncId(), sync.runId(), result, errorClass, detail,
            sync.productsSeen(), sync.productsNew(), sync.productsChanged(), sync.productsUnchanged(),
            sync.productsDeactivated(), sync.variants(), sync.meter().requests(), sync.meter().bytes(), duration,
            sync.skipped().size());
    }

    /** "#12, #40: the shop answered 500 to ... (PHP warning)": what ops and the merchant look for. */
    static String skippedDetail(ShopSyncContext sync) {
        if (sync.skipped().isEmpty()) {
            return null;
        }
        String ids = sync.skipped().keySet().stream().limit(50).map(id -> "#" + id)
            .collect(java.util.stream.Collectors.joining(", "));
        return sync.skipped().size() + " products skipped, the shop could not show them (kept as they were): " + ids
            + ": " + sync.skipped().values().iterator().next();
    }
}

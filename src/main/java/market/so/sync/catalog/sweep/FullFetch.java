package market.so.sync.catalog.sweep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import market.so.sync.catalog.CatalogPage;
import market.so.sync.catalog.ProductMapper;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads whole only the products the sweep found new or changed, by id ({@code filter[id]=[a|b|c]}),
 * {@code somarket.sync.page-size} at a time, with the fields the mapper reads ({@link ProductMapper#READ_DISPLAY};
 * {@code display=full}, every field and association, for a shop that refuses them): each row costs the shop an
 * object and its associations, so these batches stay small. A batch that
 * answers 500 is halved down to single products; one that fails alone is skipped, kept as stored,
 * and reported. With {@code somarket.sync.read-ahead} the next batch is read while the caller maps and
 * stores the current one, so the shop's rendering and ours overlap (two requests at a time at most,
 * within the per-host limit).
 */
@Component
public class FullFetch {

    private final WebserviceClient client;
    private final int batchSize;
    private final int maxSkipped;
    private final ExecutorService readAhead;

    public FullFetch(WebserviceClient client, @Value("${somarket.sync.page-size:100}") int batchSize,
                     @Value("${somarket.sync.max-skipped-products:20}") int maxSkipped,
                     @Value("${somarket.sync.read-ahead:true}") boolean readAhead,
                     @Qualifier("readAheadPool") ExecutorService readAheadPool) {
        this.client = client;
        this.batchSize = batchSize;
        this.maxSkipped = maxSkipped;
        this.readAhead = readAhead ? readAheadPool : null;
    }

    /** The plan's products in batches, in id order; close it to abandon a batch read ahead. */
    public Batches batches(FetchPlan plan, ShopSyncContext sync) {
        sync.sweptSnapshots(plan.snapshots());
        return new Batches(plan, sync);
    }

    /** Batches of products read whole, the next one on its way while the current one is handled. */
    public final class Batches implements Iterator<CatalogPage>, AutoCloseable {

        private final FetchPlan plan;
        private final ShopSyncContext sync;
        private int next;
        private Future<List<XmlNode>> ahead;

        private Batches(FetchPlan plan, ShopSyncContext sync) {
            this.plan = plan;
            this.sync = sync;
        }

        @Override
        public boolean hasNext() {
            return next < plan.ids().size();
        }

        @Override
        public CatalogPage next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<XmlNode> products = ahead != null ? await(ahead) : read(batch(next));
            ahead = null;
            next += batchSize;
            if (readAhead != null && hasNext()) {
                List<Long> following = batch(next);
                ahead = readAhead.submit(() -> read(following));
            }
            return new CatalogPage(products, plan.states());
        }

        @Override
        public void close() {
            if (ahead != null) {
                ahead.cancel(true);
                ahead = null;
            }
        }

        private List<Long> batch(int from) {
            return plan.ids().subList(from, Math.min(plan.ids().size(), from + batchSize));
        }

        private List<XmlNode> read(List<Long> ids) {
            List<XmlNode> products = new ArrayList<>(ids.size());
            FullFetch.this.read(sync, ids, products, -1);
            return products;
        }
    }

    private static List<XmlNode> await(Future<List<XmlNode>> batch) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebserviceException(ShopStatus.TIMEOUT, "the sync was interrupted");
        }
    }

    private void read(ShopSyncContext sync, List<Long> ids, List<XmlNode> into, int retries) {
        try {
            WebserviceClient.Options options = client.syncOptions(sync.meter());
            into.addAll(client.rows(call(sync, ids), retries < 0 ? options : options.withRetries(retries)).rows());
        } catch (WebserviceException.BadRequest e) {
            if (sync.wholeProductsInFull()) {
                throw e;
            }
            sync.wholeProductsInFull(true); // a field the shop does not know: every field, as before
            read(sync, ids, into, retries);
        } catch (WebserviceException e) {
            if (!WebserviceException.isServerError(e)) {
                throw e;
            }
            if (ids.size() == 1) {
                skip(sync, ids.get(0), e);
                return;
            }
            int half = ids.size() / 2;
            read(sync, ids.subList(0, half), into, 0);
            read(sync, ids.subList(half, ids.size()), into, 0);
        }
    }

    private void skip(ShopSyncContext sync, long id, WebserviceException failure) {
        sync.skipped(id, failure.getMessage());
        if (sync.skipped().size() > maxSkipped) {
            throw new WebserviceException(ShopStatus.SYNC_FAILED, "more than " + maxSkipped + " products fail to render ("
                + failure.getMessage() + "): the sync was stopped, nothing changed");
        }
    }

    private static WebserviceCall call(ShopSyncContext sync, List<Long> ids) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", sync.wholeProductsInFull() ? "full" : ProductMapper.READ_DISPLAY);
        params.put("filter[id]", WebserviceCall.anyOf(ids));
        params.put("sort", "[id_ASC]");
        if (sync.languageFilter() != null) {
            params.put("language", sync.languageFilter()); // else every language: the others' texts are kept too
        }
        return WebserviceCall.of(sync.access(), "products", params);
    }
}

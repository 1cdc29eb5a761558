package market.so.sync.catalog.sweep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.StringJoiner;
import market.so.sync.catalog.CatalogPage;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads whole ({@code display=full}) only the products the sweep found new or changed, by id
 * ({@code filter[id]=[a|b|c]}), {@code somarket.sync.page-size} at a time: {@code display=full} costs
 * the shop a full object and its associations per row, so these batches stay small. A batch that
 * answers 500 is halved down to single products; one that fails alone is skipped, kept as stored,
 * and reported.
 */
@Component
public class FullFetch {

    private final WebserviceClient client;
    private final int batchSize;
    private final int maxSkipped;

    public FullFetch(WebserviceClient client, @Value("${somarket.sync.page-size:100}") int batchSize,
                     @Value("${somarket.sync.max-skipped-products:20}") int maxSkipped) {
        this.client = client;
        this.batchSize = batchSize;
        this.maxSkipped = maxSkipped;
    }

    public Iterator<CatalogPage> batches(FetchPlan plan, ShopSyncContext sync) {
        sync.sweptSnapshots(plan.snapshots());
        List<Long> ids = plan.ids();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < ids.size();
            }

            @Override
            public CatalogPage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Long> batch = ids.subList(next, Math.min(ids.size(), next + batchSize));
                next += batch.size();
                List<XmlNode> products = new ArrayList<>(batch.size());
                read(sync, batch, products, -1);
                return new CatalogPage(products, plan.states());
            }
        };
    }

    private void read(ShopSyncContext sync, List<Long> ids, List<XmlNode> into, int retries) {
        try {
            WebserviceClient.Options options = client.syncOptions(sync.meter());
            into.addAll(client.rows(call(sync, ids), retries < 0 ? options : options.withRetries(retries)).rows());
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
        StringJoiner filter = new StringJoiner("|", "[", "]");
        ids.forEach(id -> filter.add(id.toString()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", "full");
        params.put("filter[id]", filter.toString());
        params.put("sort", "[id_ASC]");
        if (sync.languageId() != null) {
            params.put("language", sync.languageId());
        }
        return WebserviceCall.of(sync.access(), "products", params);
    }
}

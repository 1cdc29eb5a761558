package market.so.sync.catalog.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.so.sync.catalog.CatalogReader;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.price.FallbackPricing;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads one range of the light sweep ({@code limit=offset,size}, sorted by id). Adapts once per sync
 * to what the shop's version accepts (no {@code state} before 1.7, no {@code price[...]} on the
 * oldest), and when the shop answers 500 - one product that a module cannot render fails the whole
 * page - halves the range down to single products, skips those that fail alone (their id read from
 * the minimal list, which renders nothing) and goes on with the others.
 */
@Component
public class LightPageReader {

    /**
     * The rows read and how many positions of the list they cover (skipped products included); {@code whole}: the
     * rows carry every field the mapper reads too (a first sync's page, docs/decisions/0029).
     */
    record Range(List<XmlNode> rows, int covered, String sha1, boolean split, boolean whole) {
    }

    /** PrestaShop's refusal: {@code Unable to display this field "name"}. */
    private static final Pattern REFUSED_FIELD = Pattern.compile("field \"([A-Za-z0-9_]+)\"");

    private final WebserviceClient client;
    private final FallbackPricing fallback;
    private final int maxSkipped;

    public LightPageReader(WebserviceClient client, FallbackPricing fallback,
                           @Value("${somarket.sync.max-skipped-products:20}") int maxSkipped) {
        this.client = client;
        this.fallback = fallback;
        this.maxSkipped = maxSkipped;
    }

    /** The page, or null when the shop answered 304 to {@code localSha1}. */
    Range read(ShopSyncContext sync, int offset, int size, String localSha1) {
        return read(sync, offset, size, null, localSha1);
    }

    /**
     * A first sync's page (docs/decisions/0029): the products at these positions of the list, whose ids the
     * minimal list gave ({@link #ids}), read whole by id. It covers every position asked, rows or not (a product
     * deleted since the ids were listed has none).
     */
    Range readWhole(ShopSyncContext sync, int offset, List<Long> ids) {
        return read(sync, offset, ids.size(), ids, null);
    }

    /**
     * A first sync's next page, asked while the current one is priced and stored ({@code somarket.sync.read-ahead}):
     * the request the sync would send now, one try, nothing adapted on this thread. {@link #readWhole(ShopSyncContext,
     * int, List, Ahead)} takes its answer only when the sync would still send that same request, and otherwise (or
     * when it failed) reads the page the usual way, with the retries, the halving and the adaptations. Null when the
     * pool takes no more work.
     */
    Ahead readWholeAhead(ShopSyncContext sync, int offset, List<Long> ids, ExecutorService pool) {
        WebserviceCall call = call(sync, offset, ids.size(), ids);
        WebserviceClient.Options once = client.syncOptions(sync.meter()).withRetries(0);
        try {
            return new Ahead(offset, List.copyOf(ids), call, pool.submit(() -> client.rows(call, once)));
        } catch (RejectedExecutionException stopping) {
            return null; // the service is stopping: the page, if the sync still wants it, is read the usual way
        }
    }

    /** The page at these positions: the answer read ahead when it stands for it, else read now. */
    Range readWhole(ShopSyncContext sync, int offset, List<Long> ids, Ahead ahead) {
        WebserviceClient.Rows rows = ahead == null ? null : ahead.answerFor(offset, ids, call(sync, offset, ids.size(), ids));
        if (rows == null) {
            return readWhole(sync, offset, ids);
        }
        checkPrices(sync, rows);
        return new Range(rows.rows(), ids.size(), null, false, sync.wholeInSweep());
    }

    /** Rows without the prices they were asked with: {@code price[...]} ignored by the shop, or odd rows? */
    private void checkPrices(ShopSyncContext sync, WebserviceClient.Rows rows) {
        if (sync.pricesInSweep() && rows.rows().stream().anyMatch(r -> r.child(CatalogReader.FINAL_PRICE) == null)) {
            fallback.rowsWithoutPrices(sync);
        }
    }

    /** A page asked ahead: its positions, the request as sent and its answer to come. */
    static final class Ahead {

        private final int offset;
        private final List<Long> ids;
        private final WebserviceCall call;
        private final Future<WebserviceClient.Rows> answer;

        private Ahead(int offset, List<Long> ids, WebserviceCall call, Future<WebserviceClient.Rows> answer) {
            this.offset = offset;
            this.ids = ids;
            this.call = call;
            this.answer = answer;
        }

        /** The answer, when this is the page asked now with the request the sync would send; null otherwise. */
        private WebserviceClient.Rows answerFor(int at, List<Long> positions, WebserviceCall now) {
            if (at != offset || !ids.equals(positions) || !call.equals(now)) {
                cancel();
                return null;
            }
            try {
                return answer.get();
            } catch (ExecutionException failed) {
                return null; // read again now, with the retries and what a failure of its kind calls for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebserviceException(ShopStatus.TIMEOUT, "the sync was interrupted");
            }
        }

        void cancel() {
            answer.cancel(true);
        }
    }

    /** The ids at {@code count} positions of the list from {@code offset}, from the minimal list (nothing rendered). */
    List<Long> ids(ShopSyncContext sync, int offset, int count) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sort", "[id_ASC]");
        params.put("limit", offset + "," + count);
        List<Long> ids = new ArrayList<>();
        for (XmlNode row : client.rows(WebserviceCall.of(sync.access(), "products", params),
                client.syncOptions(sync.meter())).rows()) {
            String id = row.attribute("id");
            Long value = id == null ? row.longValue("id") : Long.valueOf(id);
            if (value != null) {
                ids.add(value);
            }
        }
        return ids;
    }

    private Range read(ShopSyncContext sync, int offset, int size, List<Long> ids, String localSha1) {
        boolean whole = sync.wholeInSweep();
        try {
            WebserviceClient.Rows answer = adapted(sync, offset, size, ids, localSha1, -1);
            if (answer.answer() != null && answer.answer().notModified()) {
                return null;
            }
            return new Range(answer.rows(), ids == null ? answer.rows().size() : size, answer.answer() == null ? null
                : answer.answer().contentSha1(), false, whole && sync.wholeInSweep());
        } catch (WebserviceException e) {
            if (!WebserviceException.isServerError(e)) {
                throw e;
            }
            List<XmlNode> rows = new ArrayList<>();
            int covered = split(sync, offset, size, ids, rows, e);
            return new Range(rows, covered, null, true, whole && sync.wholeInSweep());
        }
    }

    /**
     * Halves a failing range (of positions, or of the ids at them); returns the positions covered (fewer than size
     * at the end of the list).
     */
    private int split(ShopSyncContext sync, int offset, int size, List<Long> ids, List<XmlNode> into,
                      WebserviceException failure) {
        if (size == 1) {
            Long id = ids != null ? ids.get(0) : idAt(sync, offset);
            if (id == null) {
                return 0;
            }
            sync.skipped(id, failure.getMessage());
            if (sync.skipped().size() > maxSkipped) {
                throw new WebserviceException(ShopStatus.SYNC_FAILED, "more than " + maxSkipped + " products fail to "
                    + "render (" + failure.getMessage() + "): the sync was stopped, nothing changed");
            }
            return 1;
        }
        int half = size / 2;
        int first = part(sync, offset, half, ids == null ? null : ids.subList(0, half), into);
        if (first < half) {
            return first;
        }
        return first + part(sync, offset + half, size - half, ids == null ? null : ids.subList(half, size), into);
    }

    private int part(ShopSyncContext sync, int offset, int size, List<Long> ids, List<XmlNode> into) {
        try {
            // one try each: the halves are the retries, and a failing half is split again
            List<XmlNode> rows = adapted(sync, offset, size, ids, null, 0).rows();
            into.addAll(rows);
            return ids == null ? rows.size() : size;
        } catch (WebserviceException e) {
            if (!WebserviceException.isServerError(e)) {
                throw e;
            }
            return split(sync, offset, size, ids, into, e);
        }
    }

    /** The id at a position of the list, from the minimal list. */
    private Long idAt(ShopSyncContext sync, int offset) {
        List<Long> ids = ids(sync, offset, 1);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** One request, with the fields and prices this shop accepts (learnt on the first page). */
    private WebserviceClient.Rows adapted(ShopSyncContext sync, int offset, int size, List<Long> ids, String localSha1,
                                          int retries) {
        while (true) {
            WebserviceClient.Options options = client.syncOptions(sync.meter()).ifChangedFrom(localSha1);
            if (retries >= 0) {
                options = options.withRetries(retries);
            }
            try {
                WebserviceClient.Rows rows = client.rows(call(sync, offset, size, ids), options);
                checkPrices(sync, rows);
                return rows;
            } catch (WebserviceException.BadRequest e) {
                if (sync.wholeInSweep() && refusesAWholeField(sync, e)) {
                    sync.wholeInSweep(false); // a mapped field it does not know: light pages and reads by id
                } else {
                    adapt(sync, e);
                }
            }
        }
    }

    /**
     * Whether a first sync's whole page was refused for one of the fields only that page asks for (not a light
     * field, not a price alias: {@link #adapt} handles those); a 400 that names no field counts as one.
     */
    private static boolean refusesAWholeField(ShopSyncContext sync, WebserviceException.BadRequest refused) {
        Matcher named = REFUSED_FIELD.matcher(String.valueOf(refused.getMessage()));
        if (!named.find()) {
            return true;
        }
        String field = named.group(1);
        return !field.equals(CatalogReader.FINAL_PRICE) && !field.equals(CatalogReader.REGULAR_PRICE)
            && !List.of(sync.lightFields().split(",")).contains(field);
    }

    /** A 400 names the field it refused: {@code state} (before 1.7) or the price aliases (oldest versions). */
    private void adapt(ShopSyncContext sync, WebserviceException.BadRequest refused) {
        boolean hasState = sync.lightFields().contains("state,");
        if (hasState && String.valueOf(refused.getMessage()).contains("\"state\"")) {
            sync.lightFields(LightProduct.FIELDS_WITHOUT_STATE);
        } else if (sync.pricesInSweep()) {
            fallback.engage(sync);
        } else if (hasState) {
            sync.lightFields(LightProduct.FIELDS_WITHOUT_STATE);
        } else {
            throw refused;
        }
    }

    private static WebserviceCall call(ShopSyncContext sync, int offset, int size, List<Long> ids) {
        Map<String, String> params = new LinkedHashMap<>();
        boolean prices = sync.pricesInSweep(); // else asked only where their inputs moved (PriceRefresh)
        boolean whole = sync.wholeInSweep();
        params.put("display", "[" + (whole ? LightProduct.wholeFields(sync.lightFields()) : sync.lightFields())
            + (prices ? "," + CatalogReader.FINAL_PRICE + "," + CatalogReader.REGULAR_PRICE : "") + "]");
        params.put("sort", "[id_ASC]");
        if (ids != null && whole) {
            // by id, not limit=offset,size: a paged list sorts the whole catalogue at every request (ADR 0029)
            params.put("filter[id]", WebserviceCall.anyOf(ids));
        } else {
            params.put("limit", offset + "," + size);
        }
        if (prices) {
            params.putAll(CatalogReader.virtualPrices());
        }
        if (whole && sync.languageFilter() != null) {
            params.put("language", sync.languageFilter()); // as the reads by id: else every language's texts
        }
        return WebserviceCall.of(sync.access(), "products", params);
    }
}

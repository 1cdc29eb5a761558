package market.so.sync.catalog.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.ProductStore;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.ShopSyncs;
import market.so.sync.catalog.StoredProduct;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The light sweep of route {@code fetch-catalog}: every product of the shop at every sync, in large
 * pages sorted by id until an empty page (docs/decisions/0010). A page the shop answers 304 (PrestaShop
 * 8+, {@code Local-Content-Sha1}) is rebuilt from the light rows stored last time. A shop with more
 * products than the budget fails loudly instead of being cut short.
 */
@Component("lightSweep")
public class LightSweep {

    private final LightPageReader reader;
    private final SweepPageStore pages;
    private final ProductStore products;
    private final CombinationRanges combinations;
    private final PriceRefresh prices;
    private final StoredVariantPrices stored;
    private final int pageSize;
    private final int rowBudget;
    private final SweepPlanner planner;
    private final ChangedProducts changed;
    private final int wholePageSize;
    private final boolean wholeFirstSync;
    /** The pool a first sync's next page is asked on; null without {@code somarket.sync.read-ahead}. */
    private final ExecutorService readAhead;

    LightSweep(LightPageReader reader, SweepPageStore pages, ProductStore products, CombinationRanges combinations,
               PriceRefresh prices, StoredVariantPrices stored, @Value("${somarket.sync.sweep-page-size:2000}") int pageSize,
               @Value("${somarket.sync.max-products-per-shop:250000}") int rowBudget, SweepPlanner planner,
               ChangedProducts changed, @Value("${somarket.sync.page-size:100}") int wholePageSize,
               @Value("${somarket.sync.first-sync-whole:true}") boolean wholeFirstSync,
               @Value("${somarket.sync.read-ahead:true}") boolean readAhead,
               @Qualifier("readAheadPool") ExecutorService readAheadPool) {
        this.readAhead = readAhead ? readAheadPool : null;
        this.wholePageSize = wholePageSize;
        this.wholeFirstSync = wholeFirstSync;
        this.planner = planner;
        this.changed = changed;
        this.reader = reader;
        this.pages = pages;
        this.products = products;
        this.combinations = combinations;
        this.prices = prices;
        this.stored = stored;
        this.pageSize = pageSize;
        this.rowBudget = rowBudget;
    }

    /**
     * Route step: the whole sweep, page by page - what did not change is left alone, the state of the
     * rest is written when it moved, new and changed products are read whole. A loop in Java rather
     * than a Camel split: on Camel 4.17 this route's split inside its transaction never completed.
     */
    public void sweep(@ExchangeProperty(ShopSyncs.SYNC) ShopSyncContext sync) {
        boolean anyStored = stored.anyStored(sync.shopId());
        if (sync.priceInputs() != null && anyStored) {
            sync.pricesInSweep(false); // prices asked only where their inputs moved (docs/decisions/0025)
        }
        if (!anyStored && wholeFirstSync) {
            sync.wholeInSweep(true); // every product is new: read whole in the sweep, once (docs/decisions/0029)
            pages.forgetFrom(sync.shopId(), 0);
        }
        try (Pages all = new Pages(sync)) {
            while (all.hasNext()) {
                changed.readAndStore(planner.plan(all.next(), sync), sync);
            }
        }
    }

    /**
     * The pages, each read when the previous one has been handled; in a first sync, the next one asked while the
     * current one is priced and stored. Close it to abandon a page asked ahead.
     */
    private final class Pages implements Iterator<SweepPage>, AutoCloseable {

        private final ShopSyncContext sync;
        private final CombinationWindow window = new CombinationWindow();
        private final IdWindow ids = new IdWindow();
        private LightPageReader.Ahead ahead;
        private int offset;
        private SweepPage next;
        private boolean done;

        private Pages(ShopSyncContext sync) {
            this.sync = sync;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                if (offset > rowBudget) {
                    throw new WebserviceException(ShopStatus.SYNC_FAILED, "the shop lists more than " + rowBudget
                        + " products (somarket.sync.max-products-per-shop): the sync was stopped, nothing changed");
                }
                next = sync.wholeInSweep() ? readWhole() : read(sync, offset);
                if (next == null) {
                    done = true;
                } else {
                    offset += next.covered();
                }
            }
            return next != null;
        }

        @Override
        public SweepPage next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SweepPage page = next;
            next = null;
            return page;
        }

        /**
         * A first sync's page (docs/decisions/0029): the {@code page-size} products at this offset of the minimal
         * list, read whole by id with their light fields and prices, so that no product is read twice; not remembered
         * for a 304 (the next sync's light pages are not these). The page's rows are what the planner hands on to be
         * stored. With {@code somarket.sync.read-ahead}, the next page of the same minimal list is asked before this
         * one is priced and stored.
         */
        private SweepPage readWhole() {
            List<Long> at = ids.at(sync, offset);
            if (at.isEmpty()) {
                return null; // the end of the list (anything still asked ahead is dropped by close)
            }
            LightPageReader.Ahead asked = ahead;
            ahead = null;
            window.until(ids.lastId());
            LightPageReader.Range range = reader.readWhole(sync, offset, at, asked);
            List<Long> following = readAhead == null || !sync.wholeInSweep() ? List.of()
                : ids.listed(offset + range.covered());
            if (!following.isEmpty()) {
                ahead = reader.readWholeAhead(sync, offset + range.covered(), following, readAhead);
            }
            SweepPage page = new SweepPage(offset, range.covered(), light(range), Map.of(), false);
            if (range.whole()) {
                Map<Long, XmlNode> whole = new HashMap<>();
                for (XmlNode row : range.rows()) {
                    Long id = row.longValue("id");
                    if (id != null) {
                        whole.put(id, row);
                    }
                }
                page = page.withWhole(whole);
            }
            return priced(page, sync, window);
        }

        @Override
        public void close() {
            if (ahead != null) {
                ahead.cancel();
                ahead = null;
            }
        }
    }

    /** The page at this offset, or null at the empty page that ends the list. */
    private SweepPage read(ShopSyncContext sync, int offset) {
        SweepPageStore.StoredPage remembered = sync.pricesComputedByUs() ? null
            : pages.find(sync.shopId(), offset).filter(p -> p.size() == pageSize).orElse(null);
        LightPageReader.Range range = reader.read(sync, offset, pageSize, remembered == null ? null : remembered.sha1());
        if (range == null) {
            Map<Long, StoredProduct> rows = products.stored(sync.shopId(), remembered.firstId(), remembered.lastId());
            List<LightProduct> unchanged = rebuild(rows, remembered);
            if (unchanged != null) {
                return priced(new SweepPage(offset, unchanged.size(), unchanged, Map.of(), true).withStored(rows), sync,
                    null);
            }
            pages.forget(sync.shopId(), offset);
            range = reader.read(sync, offset, pageSize, null);
        }
        if (range.covered() == 0) {
            pages.forgetFrom(sync.shopId(), offset);
            return null;
        }
        List<LightProduct> light = light(range);
        remember(sync, offset, range, light);
        SweepPage page = new SweepPage(offset, range.covered(), light, Map.of(), false);
        if (!sync.pricesInSweep() && !light.isEmpty()) {
            page = page.withStored(products.stored(sync.shopId(), light.get(0).id(), light.get(light.size() - 1).id()));
        }
        return priced(page, sync, null);
    }

    private static List<LightProduct> light(LightPageReader.Range range) {
        List<LightProduct> light = new ArrayList<>(range.rows().size());
        for (XmlNode row : range.rows()) {
            LightProduct product = LightProduct.of(row);
            if (product != null) {
                light.add(product);
            }
        }
        return light;
    }

    /**
     * The page the shop says is byte-for-byte the one of last time, from the light rows stored then;
     * null when what is stored no longer matches what the page covered (then it is read again).
     */
    private static List<LightProduct> rebuild(Map<Long, StoredProduct> rows, SweepPageStore.StoredPage page) {
        List<LightProduct> rebuilt = new ArrayList<>(page.rowCount());
        for (StoredProduct stored : rows.values()) {
            LightProduct product = stored.current() ? LightProduct.fromSnapshot(stored.shopProductId(), stored.sweepRow()) : null;
            if (product != null) {
                rebuilt.add(product);
            }
        }
        if (rebuilt.size() != page.rowCount()) {
            return null;
        }
        rebuilt.sort(Comparator.comparingLong(LightProduct::id));
        return rebuilt;
    }

    /** A page read whole (not split, with the shop's SHA-1) is remembered for the next sync's 304. */
    private void remember(ShopSyncContext sync, int offset, LightPageReader.Range range, List<LightProduct> light) {
        if (range.split() || range.sha1() == null || light.isEmpty() || light.size() != range.covered()) {
            pages.forget(sync.shopId(), offset);
            return;
        }
        pages.save(sync.shopId(), new SweepPageStore.StoredPage(offset, pageSize, range.sha1(), light.get(0).id(),
            light.get(light.size() - 1).id(), light.size()));
    }

    /**
     * The page with the combinations of its products that have some (one id range), then its prices. With a
     * window (a first sync's small pages), the combinations are read for the id span of a light page at once.
     */
    private SweepPage priced(SweepPage page, ShopSyncContext sync, CombinationWindow window) {
        List<LightProduct> withCombinations = page.products().stream().filter(LightProduct::hasCombinations).toList();
        Map<Long, List<LightCombination>> byProduct = new HashMap<>();
        if (!withCombinations.isEmpty()) {
            long first = withCombinations.get(0).id();
            long last = withCombinations.get(withCombinations.size() - 1).id();
            Map<Long, List<LightCombination>> read = window == null ? combinations.of(sync, first, last)
                : window.of(sync, first, last, withCombinations);
            for (LightProduct product : withCombinations) {
                List<LightCombination> found = read.get(product.id());
                if (found != null) {
                    byProduct.put(product.id(), found);
                }
            }
        }
        SweepPage complete = page.with(page.products(), byProduct);
        return prices.complete(complete, complete.stored() == null ? Map.of() : complete.stored(), sync);
    }

    /**
     * The ids of a light page's positions, from the minimal list (one cheap request; the shop renders nothing), handed
     * out {@code page-size} at a time to be read whole by id.
     */
    private final class IdWindow {

        private int from;
        private List<Long> ids = List.of();

        List<Long> at(ShopSyncContext sync, int offset) {
            if (offset < from || offset >= from + ids.size()) {
                from = offset;
                ids = reader.ids(sync, offset, pageSize);
            }
            int start = offset - from;
            return ids.subList(start, Math.min(ids.size(), start + wholePageSize));
        }

        long lastId() {
            return ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
        }

        /** The ids of the page at this offset when the minimal list already gave them; none otherwise. */
        List<Long> listed(int offset) {
            if (offset < from || offset >= from + ids.size()) {
                return List.of();
            }
            int start = offset - from;
            return ids.subList(start, Math.min(ids.size(), start + wholePageSize));
        }
    }

    /**
     * The combinations a first sync read ahead for the products of the pages to come: one request for the id span
     * of the light page whose ids the minimal list gave, instead of one per small page. A product of the page that has combinations
     * but none in the window (created since the window was read) has its page's range read again.
     */
    private final class CombinationWindow {

        private long to = -1;
        private long until = -1;
        private Map<Long, List<LightCombination>> rows = Map.of();

        /** The last id of the light page whose small pages come next: the window reaches it. */
        void until(long lastId) {
            until = lastId;
        }

        Map<Long, List<LightCombination>> of(ShopSyncContext sync, long first, long last, List<LightProduct> wanted) {
            if (last > to) {
                to = Math.max(last, until);
                rows = combinations.of(sync, first, to);
            } else if (wanted.stream().anyMatch(p -> !rows.containsKey(p.id()))) {
                return combinations.of(sync, first, last);
            }
            return rows;
        }
    }
}

package market.so.sync.catalog.sweep;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import market.so.sync.catalog.CatalogReader;
import market.so.sync.catalog.LightCombination;
import market.so.sync.catalog.LightProduct;
import market.so.sync.catalog.ShopSyncContext;
import market.so.sync.catalog.StoredProduct;
import market.so.sync.catalog.price.FallbackPricing;
import market.so.sync.catalog.price.PriceInputs;
import market.so.sync.prestashop.WebserviceCall;
import market.so.sync.prestashop.WebserviceClient;
import market.so.sync.prestashop.WebserviceException;
import market.so.sync.prestashop.xml.XmlNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives a light page read without the {@code price[...]} fields its computed prices (docs/decisions/0025):
 * a product whose price inputs ({@link PriceInputs#fingerprint}) are those of last time keeps the prices
 * stored then, its combinations' too; the others - inputs changed, a specific price starting or ending
 * near now, never priced, or due for the periodic re-read that every product gets within
 * {@code somarket.sync.price-recheck-days} - are asked to the shop, by id (or by the page's id range when
 * they are many). In a first sync the page carries its prices: only their fingerprints are added. Either way a
 * combination the shop prices as its product (docs/decisions/0030) takes its product's prices.
 */
@Component
class PriceRefresh {

    private final WebserviceClient client;
    private final FallbackPricing fallback;
    private final CombinationRanges combinations;
    private final StoredVariantPrices storedVariants;
    private final int batchSize;
    private final int recheckDays;
    private final Clock clock;

    @Autowired
    PriceRefresh(WebserviceClient client, FallbackPricing fallback, CombinationRanges combinations,
                 StoredVariantPrices storedVariants, @Value("${somarket.sync.price-batch-size:200}") int batchSize,
                 @Value("${somarket.sync.price-recheck-days:7}") int recheckDays) {
        this(client, fallback, combinations, storedVariants, batchSize, recheckDays, Clock.systemUTC());
    }

    PriceRefresh(WebserviceClient client, FallbackPricing fallback, CombinationRanges combinations,
                 StoredVariantPrices storedVariants, int batchSize, int recheckDays, Clock clock) {
        this.client = client;
        this.fallback = fallback;
        this.combinations = combinations;
        this.storedVariants = storedVariants;
        this.batchSize = batchSize;
        this.recheckDays = Math.max(1, recheckDays);
        this.clock = clock;
    }

    SweepPage complete(SweepPage page, Map<Long, StoredProduct> stored, ShopSyncContext sync) {
        PriceInputs inputs = sync.priceInputs();
        if (sync.pricesComputedByUs() || inputs == null || page.products().isEmpty()) {
            return page;
        }
        long today = LocalDate.now(clock).toEpochDay();
        List<LightProduct> products = new ArrayList<>(page.products().size());
        if (sync.pricesInSweep()) {
            Map<Long, List<LightCombination>> byProduct = new HashMap<>(page.combinations());
            for (LightProduct p : page.products()) {
                List<LightCombination> own = page.combinationsOf(p.id());
                products.add(p.priced(p.finalPrice(), p.regularPrice(), inputs.fingerprint(p, own), today));
                if (!own.isEmpty()) {
                    byProduct.put(p.id(), asTheirProduct(p, own, inputs));
                }
            }
            return page.with(products, byProduct);
        }
        long first = page.products().get(0).id();
        long last = page.products().get(page.products().size() - 1).id();
        Map<Long, StoredVariantPrices.Stored> variantPrices = page.combinations().isEmpty() ? Map.of()
            : storedVariants.of(sync.shopId(), first, last);
        Map<Long, List<LightCombination>> byProduct = new HashMap<>(page.combinations());
        List<Long> asked = new ArrayList<>();
        for (LightProduct p : page.products()) {
            List<LightCombination> own = page.combinationsOf(p.id());
            String fingerprint = inputs.fingerprint(p, own);
            StoredProduct before = stored.get(p.id());
            LightProduct previous = before == null || !before.current() ? null
                : LightProduct.fromSnapshot(before.shopProductId(), before.sweepRow());
            List<LightCombination> reused = previous == null ? null : reuse(own, variantPrices);
            if (previous != null && previous.pricedByShop() && fingerprint.equals(previous.priceInputs()) && reused != null
                && !inputs.nearDate(p.id()) && !due(p.id(), previous.priceDay(), today)) {
                products.add(p.priced(previous.finalPrice(), previous.regularPrice(), fingerprint, previous.priceDay()));
                if (!own.isEmpty()) {
                    byProduct.put(p.id(), reused);
                }
            } else {
                asked.add(p.id());
                products.add(p.priced(null, null, fingerprint, today));
            }
        }
        if (!asked.isEmpty() && !ask(sync, asked, first, last, products, byProduct, page)) {
            return unpriced(page); // the shop stopped computing prices: ours for the whole page (fallback)
        }
        return page.with(products, byProduct);
    }

    /** The combinations with the prices stored last time, or null when one of them has none. */
    private static List<LightCombination> reuse(List<LightCombination> own, Map<Long, StoredVariantPrices.Stored> stored) {
        List<LightCombination> priced = new ArrayList<>(own.size());
        for (LightCombination c : own) {
            StoredVariantPrices.Stored prices = stored.get(c.id());
            if (prices == null) {
                return null;
            }
            priced.add(c.priced(prices.finalPrice(), prices.regularPrice()));
        }
        return priced;
    }

    /** Due for the periodic re-read: a seventh of the catalogue each day (by id), and never more than the period. */
    boolean due(long productId, Long priceDay, long today) {
        return priceDay == null || today - priceDay >= recheckDays
            || (today != priceDay && Math.floorMod(productId + today, recheckDays) == 0);
    }

    /** Asks the prices of these products and their combinations; false when the shop no longer computes them. */
    private boolean ask(ShopSyncContext sync, List<Long> asked, long first, long last, List<LightProduct> products,
                        Map<Long, List<LightCombination>> byProduct, SweepPage page) {
        Map<Long, XmlNode> productPrices = new HashMap<>();
        try {
            ByIdReads.read(asked, asked.size() > batchSize ? "[" + first + "," + last + "]" : null, batchSize,
                filter -> productRows(sync, filter), productPrices);
        } catch (WebserviceException.BadRequest refused) {
            fallback.engage(sync);
            return false;
        }
        if (productPrices.values().stream().anyMatch(r -> r.child(CatalogReader.FINAL_PRICE) == null)) {
            fallback.rowsWithoutPrices(sync);
            if (sync.pricesComputedByUs()) {
                return false;
            }
        }
        Map<Long, List<LightCombination>> read = new HashMap<>(); // as the sweep read them: without prices
        for (Long id : asked) {
            List<LightCombination> own = page.combinationsOf(id);
            if (!own.isEmpty()) {
                read.put(id, own);
            }
        }
        Map<Long, List<LightCombination>> combinationPrices = read.isEmpty() ? read
            : combinations.unlikeTheirProduct(sync, read);
        if (sync.pricesComputedByUs()) {
            return false;
        }
        for (int i = 0; i < products.size(); i++) {
            LightProduct p = products.get(i);
            XmlNode row = productPrices.get(p.id());
            if (p.finalPrice() == null && row != null) {
                p = p.priced(row.value(CatalogReader.FINAL_PRICE), row.value(CatalogReader.REGULAR_PRICE),
                    p.priceInputs(), p.priceDay());
                products.set(i, p);
            }
            List<LightCombination> own = combinationPrices.get(p.id());
            if (own != null) {
                byProduct.put(p.id(), asTheirProduct(p, own, sync.priceInputs()));
            }
        }
        return true;
    }

    /** The combinations left unpriced that the shop prices as their product, with the product's prices. */
    private static List<LightCombination> asTheirProduct(LightProduct product, List<LightCombination> own,
                                                         PriceInputs inputs) {
        if (product.finalPrice() == null) {
            return own;
        }
        return own.stream().map(c -> c.finalPrice() == null && inputs.pricedAsProduct(product.id(), c, own)
            ? c.priced(product.finalPrice(), product.regularPrice()) : c).toList();
    }

    private List<XmlNode> productRows(ShopSyncContext sync, String filter) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("display", "[id," + CatalogReader.FINAL_PRICE + "," + CatalogReader.REGULAR_PRICE + "]");
        params.put("filter[id]", filter);
        params.put("sort", "[id_ASC]");
        params.putAll(CatalogReader.virtualPrices());
        return client.rows(WebserviceCall.of(sync.access(), "products", params), client.syncOptions(sync.meter())).rows();
    }

    /** The page with no computed price at all: in fallback mode the sweep computes every one itself. */
    private static SweepPage unpriced(SweepPage page) {
        Function<LightProduct, LightProduct> strip = p -> p.priced(null, null, null, null);
        Map<Long, List<LightCombination>> combinations = new HashMap<>();
        page.combinations().forEach((id, list) -> combinations.put(id, list.stream().map(c -> c.priced(null, null)).toList()));
        return page.with(page.products().stream().map(strip).toList(), combinations);
    }
}

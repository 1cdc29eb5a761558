package market.so.sync.catalog.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        boolean whole = sync.wholeInSweep();
        try {
            WebserviceClient.Rows answer = adapted(sync, offset, size, localSha1, -1);
            if (answer.answer() != null && answer.answer().notModified()) {
                return null;
            }
            return new Range(answer.rows(), answer.rows().size(), answer.answer() == null ? null
                : answer.answer().contentSha1(), false, whole && sync.wholeInSweep());
        } catch (WebserviceException e) {
            if (!WebserviceException.isServerError(e)) {
                throw e;
            }
            List<XmlNode> rows = new ArrayList<>();
            int covered = split(sync, offset, size, rows, e);
            return new Range(rows, covered, null, true, whole && sync.wholeInSweep());
        }
    }

    /** Halves a failing range; returns the positions covered (fewer than size at the end of the list). */
    private int split(ShopSyncContext sync, int offset, int size, List<XmlNode> into, WebserviceException failure) {
        if (size == 1) {
            Long id = idAt(sync, offset);
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
        int first = part(sync, offset, half, into);
        if (first < half) {
            return first;
        }
        return first + part(sync, offset + half, size - half, into);
    }

    private int part(ShopSyncContext sync, int offset, int size, List<XmlNode> into) {
        try {
            // one try each: the halves are the retries, and a failing half is split again
            List<XmlNode> rows = adapted(sync, offset, size, null, 0).rows();
            into.addAll(rows);
            return rows.size();
        } catch (WebserviceException e) {
            if (!WebserviceException.isServerError(e)) {
                throw e;
            }
            return split(sync, offset, size, into, e);
        }
    }

    /** The id at a position of the list, from the minimal list (ids only, nothing rendered). */
    private Long idAt(ShopSyncContext sync, int offset) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sort", "[id_ASC]");
        params.put("limit", offset + ",1");
        List<XmlNode> rows = client.rows(WebserviceCall.of(sync.access(), "products", params),
            client.syncOptions(sync.meter())).rows();
        if (rows.isEmpty()) {
            return null;
        }
        String id = rows.get(0).attribute("id");
        return id == null ? rows.get(0).longValue("id") : Long.valueOf(id);
    }

    /** One request, with the fields and prices this shop accepts (learnt on the first page). */
    private WebserviceClient.Rows adapted(ShopSyncContext sync, int offset, int size, String localSha1, int retries) {
        while (true) {
            WebserviceClient.Options options = client.syncOptions(sync.meter()).ifChangedFrom(localSha1);
            if (retries >= 0) {
                options = options.withRetries(retries);
            }
            try {
                WebserviceClient.Rows rows = client.rows(call(sync, offset, size), options);
                if (sync.pricesInSweep() && rows.rows().stream().anyMatch(r -> r.child(CatalogReader.FINAL_PRICE) == null)) {
                    fallback.rowsWithoutPrices(sync); // price[...] taken but not answered: ignored by the shop, or odd rows?
                }
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

    private static WebserviceCall call(ShopSyncContext sync, int offset, int size) {
        Map<String, String> params = new LinkedHashMap<>();
        boolean prices = sync.pricesInSweep(); // else asked only where their inputs moved (PriceRefresh)
        boolean whole = sync.wholeInSweep();
        params.put("display", "[" + (whole ? LightProduct.wholeFields(sync.lightFields()) : sync.lightFields())
            + (prices ? "," + CatalogReader.FINAL_PRICE + "," + CatalogReader.REGULAR_PRICE : "") + "]");
        params.put("sort", "[id_ASC]");
        params.put("limit", offset + "," + size);
        if (prices) {
            params.putAll(CatalogReader.virtualPrices());
        }
        if (whole && sync.languageFilter() != null) {
            params.put("language", sync.languageFilter()); // as the reads by id: else every language's texts
        }
        return WebserviceCall.of(sync.access(), "products", params);
    }
}

package market.so.sync.prestashop.sim;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import market.so.sync.prestashop.sim.CatalogRows.SpecificPrice;

/**
 * One simulated PrestaShop, installed in a sub-folder of the simulator ({@link #url()}), with its
 * key, its catalogue, the requests it received and the switches that make it misbehave the way
 * real merchants' shops do. All switches are fluent, thread-safe and may change while it serves.
 */
public final class SimShop {

    /** The key of the recorded demo shop. */
    public static final String FIXTURE_KEY = "REALPRESTASHOPTESTKEY00000000001";
    private static final String KEY_ALPHABET = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ";

    private final String name;
    private final String url;
    private final String key;
    private final String shopName;
    private final SimCatalog catalog;
    private final ApiListing listing;
    private final Map<String, Table> tables = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> configOverrides = new java.util.concurrent.ConcurrentHashMap<>();
    private final Behaviour behaviour = new Behaviour();
    /** By order of arrival: a request is recorded once answered, and answers may finish out of order. */
    private final ConcurrentSkipListMap<Long, SimRequest> requests = new ConcurrentSkipListMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    /** The last arrival before {@link #resetRequests()}: its answer may be recorded after the reset, and is not kept. */
    private volatile long resetAfter;
    private final AtomicInteger requestCount = new AtomicInteger();

    private SimShop(String name, String url, String key, String shopName, SimCatalog catalog,
                    List<SimObject> categories, Fixtures fixtures) {
        this.name = name;
        this.url = url;
        this.key = key;
        this.shopName = shopName;
        this.catalog = catalog;
        this.listing = fixtures.api();
        String host = url.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        ReferenceTables.all(fixtures, shopName, host, "/" + name + "/").forEach(t -> tables.put(t.resource(), t));
        CatalogTables.all(catalog, categories).forEach(t -> tables.put(t.resource(), t));
    }

    static SimShop fixture(String name, String url, Fixtures fixtures) {
        SimCatalog catalog = new SimCatalog(new FixtureProducts(fixtures), fixtures.specificPrices());
        return new SimShop(name, url, FIXTURE_KEY, "RealPS Test Shop", catalog, fixtures.categories(), fixtures);
    }

    /** Every 7th generated product has a 15 % catalogue-wide reduction (specific price id = i / 7). */
    static SimShop generated(String name, String url, long products, Fixtures fixtures) {
        List<SpecificPrice> prices = new ArrayList<>();
        for (long i = 7; i <= products; i += 7) {
            prices.add(SpecificPrice.percentage(i / 7, i, new BigDecimal("0.15")));
        }
        SimCatalog catalog = new SimCatalog(new GeneratedProducts(1, products, 0, 0), prices);
        return new SimShop(name, url, randomKey(), "Boutique " + name, catalog,
                CatalogTables.generatedCategories(), fixtures);
    }

    private static String randomKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    /** The shop's address, e.g. {@code http://127.0.0.1:PORT/demo}; every path of the shop lives under it. */
    public String url() {
        return url;
    }

    public String name() {
        return name;
    }

    /** The shop's valid 32-character webservice key. */
    public String key() {
        return key;
    }

    public SimCatalog catalog() {
        return catalog;
    }

    /** A copy of the requests received so far, oldest first. */
    public List<SimRequest> requests() {
        return List.copyOf(requests.values());
    }

    public int requestCount() {
        return requestCount.get();
    }

    public SimShop resetRequests() {
        resetAfter = arrivals.get();
        requests.clear();
        requestCount.set(0);
        return this;
    }

    /** Every {@code /api} call answers 503 with code 22, as with the webservice switched off. */
    public SimShop webserviceDisabled(boolean disabled) {
        behaviour.webserviceDisabled = disabled;
        return this;
    }

    /** The host drops the Authorization header (CGI PHP): only {@code ws_key} gets through. */
    public SimShop stripAuthorizationHeader(boolean strip) {
        behaviour.stripAuthorization = strip;
        return this;
    }

    /** No URL rewriting: {@code /api/} is an HTML 404; only {@code /webservice/dispatcher.php?url=} works. */
    public SimShop noRewrite(boolean noRewrite) {
        behaviour.noRewrite = noRewrite;
        return this;
    }

    /**
     * Requests that reach this shop under another host name ({@code hostAndPort} as sent in the Host
     * header, e.g. {@code localhost:PORT}) answer 302 to {@code targetBase}, as PrestaShop sends every
     * request to its own domain (PS_SHOP_DOMAIN): a webservice call to {@code targetBase/?url=RESOURCE}
     * (recorded: {@code http://127.0.0.1:8089/api/} answers {@code Location: http://real-ps.test:8089/?url=}),
     * any other page to {@code targetBase/}. Chains and loops are made with several of them.
     */
    public SimShop redirectHost(String hostAndPort, String targetBase) {
        behaviour.redirectsByHost.put(hostAndPort.toLowerCase(java.util.Locale.ROOT), targetBase);
        return this;
    }

    public SimShop clearRedirects() {
        behaviour.redirectsByHost.clear();
        return this;
    }

    /** Every path answers a 200 HTML page of another CMS. */
    public SimShop notPrestashop(boolean other) {
        behaviour.notPrestashop = other;
        return this;
    }

    /** The key has no right at all on these resources: absent from {@code /api/}, 401 code 26 when called. */
    public SimShop denyGet(String... resources) {
        behaviour.deniedGet.addAll(List.of(resources));
        return this;
    }

    public SimShop allowAll() {
        behaviour.deniedGet.clear();
        return this;
    }

    /** The merchant revoked the key (true) or restored it (false): meanwhile it answers 401 as an unknown key. */
    public SimShop revokeKey(boolean revoked) {
        behaviour.keyRevoked = revoked;
        return this;
    }

    /** The key is not associated with this shop (multistore): 403 code 132. */
    public SimShop shopNotAllowed(boolean notAllowed) {
        behaviour.shopNotAllowed = notAllowed;
        return this;
    }

    /**
     * Products whose rendering raises a PHP warning: any products answer with display (full or a
     * field list) that contains one of them is a 500; answers without them work, so a client can bisect.
     */
    public SimShop failProducts(long... productIds) {
        for (long id : productIds) {
            behaviour.failingProducts.add(id);
        }
        return this;
    }

    /** The products page that starts at this offset answers 500, every time. */
    public SimShop failOffset(int offset) {
        behaviour.failingOffsets.add((long) offset);
        return this;
    }

    /** Forgets {@link #failProducts}, {@link #failOffset} and pending {@link #failNextRequests}. */
    public SimShop clearFailures() {
        behaviour.failingProducts.clear();
        behaviour.failingOffsets.clear();
        behaviour.failuresLeft.set(0);
        return this;
    }

    /** The next {@code n} requests answer {@code status} (with Retry-After when given), then normal again. */
    public SimShop failNextRequests(int n, int status, Integer retryAfterSeconds) {
        behaviour.failure = new Behaviour.Failure(status, retryAfterSeconds);
        behaviour.failuresLeft.set(n);
        return this;
    }

    /**
     * Requests whose path (shop-relative, {@code /api/...} for webservice calls) starts with {@code pathPrefix}
     * answer 200 with a products list sent one byte every {@code every}, never finishing while the client waits.
     */
    public SimShop trickle(String pathPrefix, Duration every) {
        return bodyFault(BodyFault.Kind.TRICKLE, pathPrefix, -1, 200, null, 1 << 20, every);
    }

    /** The next {@code times} such requests get half their announced {@code Content-Length}, then the connection drops. */
    public SimShop cutBody(String pathPrefix, int times) {
        return bodyFault(BodyFault.Kind.CUT_BODY, pathPrefix, times, 200, null, 256 * 1024, null);
    }

    /**
     * The shop's own answer to requests whose path starts with {@code pathPrefix} and whose query has the given
     * parameters (values compared by prefix, e.g. {@code limit -> "2000,"} for the second sweep page of 2,000):
     * after {@code before} such requests answered as usual, the next {@code times} ({@code -1}: all) announce
     * their whole {@code Content-Length}, send about half of it (the cut falls inside the value that follows the
     * half) and drop the connection.
     */
    public SimShop cutAnswer(String pathPrefix, Map<String, String> query, int before, int times) {
        behaviour.bodyFaults.add(new BodyFault(BodyFault.Kind.CUT_ANSWER, pathPrefix, Map.copyOf(query), 200, null, 0,
                null, new AtomicInteger(before), new AtomicInteger(times)));
        return this;
    }

    /** The next {@code times} such requests get a complete HTTP answer whose XML document stops half-way. */
    public SimShop cutXml(String pathPrefix, int times) {
        return bodyFault(BodyFault.Kind.CUT_XML, pathPrefix, times, 200, null, 64 * 1024, null);
    }

    /** The next {@code times} such requests answer {@code bytes} of XML, announced by Content-Length or chunked. */
    public SimShop oversized(String pathPrefix, long bytes, boolean contentLength, int times) {
        return bodyFault(contentLength ? BodyFault.Kind.OVERSIZED : BodyFault.Kind.OVERSIZED_CHUNKED, pathPrefix, times,
                200, null, bytes, null);
    }

    /** The next {@code times} such requests answer a chunked body that never ends. */
    public SimShop endlessChunked(String pathPrefix, int times) {
        return bodyFault(BodyFault.Kind.ENDLESS_CHUNKED, pathPrefix, times, 200, null, 0, null);
    }

    /**
     * The next {@code times} such requests answer {@code status} with PrestaShop's own XML error document
     * (error {@code code}, a database that ran out of connections), with {@code Retry-After} when given.
     */
    public SimShop failWithXml(String pathPrefix, int times, int status, Integer retryAfterSeconds, int code) {
        return bodyFault(BodyFault.Kind.XML_ERROR, pathPrefix, times, status, retryAfterSeconds, code, null);
    }

    /** These products are rendered without any price field: no {@code price}, no {@code price[...]} value. */
    public SimShop withoutPrices(long... productIds) {
        for (long id : productIds) {
            behaviour.pricelessProducts.add(id);
        }
        return this;
    }

    /**
     * The webservice refuses the {@code price[...]} fields (400, code 35, "Unable to display this field") as the
     * oldest versions do: a shop whose prices So.market computes from its taxes and specific prices.
     */
    public SimShop refusePriceFields(boolean refused) {
        behaviour.priceFieldsRefused = refused;
        return this;
    }

    /**
     * A field of {@code resource} that this shop's webservice does not let a {@code display=[...]} list name (400,
     * code 35, "Unable to display this field"), as a fork or a module that changed the resource's definition would;
     * {@code display=full} still shows it.
     */
    public SimShop refuseField(String resource, String field) {
        behaviour.refusedFields.add(resource + "." + field);
        return this;
    }

    /** Forgets every planned body fault, and products set {@link #withoutPrices}. */
    public SimShop clearBodyFaults() {
        behaviour.bodyFaults.clear();
        behaviour.pricelessProducts.clear();
        return this;
    }

    private SimShop bodyFault(BodyFault.Kind kind, String pathPrefix, int times, int status, Integer retryAfter,
                              long bytes, Duration every) {
        behaviour.bodyFaults.add(new BodyFault(kind, pathPrefix, Map.of(), status, retryAfter, bytes, every,
                new AtomicInteger(0), new AtomicInteger(times)));
        return this;
    }

    /** Every request waits this long before it is answered. */
    public SimShop latency(Duration latency) {
        behaviour.latency = latency;
        return this;
    }

    /** Requests whose shop-relative path (or dispatcher-equivalent {@code /api/...} path) starts so wait this long. */
    public SimShop slowPath(String pathPrefix, Duration delay) {
        behaviour.slowPaths.put(pathPrefix, delay);
        return this;
    }

    /** A configuration value (e.g. {@code PS_LANG_DEFAULT}, {@code PS_MULTISHOP_FEATURE_ACTIVE}) in place of the default. */
    public SimShop configuration(String name, String value) {
        configOverrides.put(name, value);
        String host = url.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        tables.put("configurations", ReferenceTables.configurationTable(shopName, host, "/" + this.name + "/",
                Map.copyOf(configOverrides)));
        return this;
    }

    /** The {@code PSWS-Version} the shop announces (default 8.1.2). */
    public SimShop version(String psVersion) {
        behaviour.version = psVersion;
        return this;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    String shopName() {
        return shopName;
    }

    ApiListing listing() {
        return listing;
    }

    Table table(String resource) {
        return tables.get(resource);
    }

    Set<Integer> languages() {
        return Set.of(ObjectBuilder.EN, ObjectBuilder.FR);
    }

    /** The arrival number of a request that has just come in. */
    long arrived() {
        return arrivals.incrementAndGet();
    }

    void record(long arrival, SimRequest request) {
        if (arrival <= resetAfter) {
            return; // it came in before the reset; the client may have its answer before we get here
        }
        requests.put(arrival, request);
        requestCount.incrementAndGet();
    }
}

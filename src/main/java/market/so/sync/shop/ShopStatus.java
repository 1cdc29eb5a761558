package market.so.sync.shop;

/**
 * Where a shop stands, in the words of the merchant guide. Every status but {@link #CONNECTED} names
 * something the merchant (or ops) must fix; {@link #guideStep()} is the guide's step that explains it.
 */
public enum ShopStatus {
    CONNECTED(null),
    /** The site address is not a usable http(s) URL. */
    INVALID_URL("§3bis"),
    /** The address resolves to loopback, private or link-local space. */
    UNSAFE_URL("§3bis"),
    /** No answer: DNS failure, connection refused. */
    UNREACHABLE(null),
    /** The shop answered too slowly. */
    TIMEOUT(null),
    /** The TLS handshake failed (expired or self-signed certificate, old protocol). */
    TLS_ERROR(null),
    /** The address sends us round in circles, or through more than 3 redirects, without reaching a webservice. */
    REDIRECT_LOOP("§3bis"),
    /** Something answered, but not a PrestaShop webservice. */
    NOT_PRESTASHOP(null),
    /** Neither /api/ nor webservice/dispatcher.php answers: URL rewriting (§1.1). */
    URL_REWRITING("§1.1"),
    /** 503, code 22: the webservice is off (§1.2). */
    WEBSERVICE_DISABLED("§1.2"),
    /** 401, codes 17/18/20/21: unknown, inactive or malformed key (§2). */
    INVALID_KEY("§2"),
    /** The key lacks "View (GET)" on resources the sync needs (§2). */
    MISSING_PERMISSION("§2"),
    /** The host drops the Authorization header and the ws_key fallback is off: PrestaShop's CGI mode. */
    AUTH_HEADER_STRIPPED("§2"),
    /** Multistore: the key is not allowed on this shop (403, code 132). */
    SHOP_NOT_ALLOWED("§2"),
    /** An answer was larger than somarket.sync.max-response-size (or never ended): not asked again. */
    RESPONSE_TOO_LARGE(null),
    /** The key works but the last sync failed (server error, unreadable page...). */
    SYNC_FAILED(null);

    private final String guideStep;

    ShopStatus(String guideStep) {
        this.guideStep = guideStep;
    }

    public String guideStep() {
        return guideStep;
    }

    /** True when the merchant's key itself was refused: such an answer never replaces a working key. */
    public boolean isKeyProblem() {
        return this == INVALID_KEY || this == MISSING_PERMISSION || this == SHOP_NOT_ALLOWED || this == AUTH_HEADER_STRIPPED;
    }
}

package market.so.sync.prestashop;

import java.util.List;
import market.so.sync.shop.ShopStatus;

/**
 * A shop's webservice did not give what we asked for. Carries the merchant-facing class of the
 * problem ({@link #status()}) so that replies and API answers are built from the error, never from
 * a string match on a message. Messages never contain the key.
 */
public class WebserviceException extends RuntimeException {

    private final ShopStatus status;
    private final boolean retryable;

    public WebserviceException(ShopStatus status, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    public WebserviceException(ShopStatus status, String message) {
        this(status, message, false, null);
    }

    public ShopStatus status() {
        return status;
    }

    /** I/O errors, timeouts, 5xx, 429: worth another try after a pause. */
    public boolean retryable() {
        return retryable;
    }

    /** 401 codes 17/18/20/21. */
    public static class InvalidKey extends WebserviceException {
        public InvalidKey(String message) {
            super(ShopStatus.INVALID_KEY, message);
        }
    }

    /** 503 code 22. */
    public static class WebserviceDisabled extends WebserviceException {
        public WebserviceDisabled(String message) {
            super(ShopStatus.WEBSERVICE_DISABLED, message);
        }
    }

    /** 401 code 26, or a resource without get="true" in the /api/ listing. */
    public static class MissingPermission extends WebserviceException {
        private final List<String> resources;

        public MissingPermission(List<String> resources) {
            super(ShopStatus.MISSING_PERMISSION, "the key lacks View (GET) on: " + String.join(", ", resources));
            this.resources = List.copyOf(resources);
        }

        public List<String> resources() {
            return resources;
        }
    }

    /** 403 code 132 (multistore). */
    public static class ShopNotAllowed extends WebserviceException {
        public ShopNotAllowed(String message) {
            super(ShopStatus.SHOP_NOT_ALLOWED, message);
        }
    }

    /** A plain-text 401: the host dropped the Authorization header before PHP saw it. */
    public static class HeaderStripped extends WebserviceException {
        public HeaderStripped() {
            super(ShopStatus.AUTH_HEADER_STRIPPED, "the host removed the Authorization header (plain-text 401)");
        }
    }

    /** Not a PrestaShop webservice answer (HTML page, unexpected XML, 404 without rewrite...). */
    public static class NotPrestashop extends WebserviceException {
        public NotPrestashop(String message) {
            super(ShopStatus.NOT_PRESTASHOP, message);
        }
    }

    /**
     * A 3xx: PrestaShop sends every request that reaches it by another of its addresses to its own
     * domain (canonical redirect), the webservice included. {@code location} is for the shop finder
     * only: it may hold a back-office token, so the message never quotes it.
     */
    public static class Redirected extends NotPrestashop {
        private final int code;
        private final transient String location;

        public Redirected(int code, String location) {
            super("the address redirects (" + code + ") to another address");
            this.code = code;
            this.location = location;
        }

        public int code() {
            return code;
        }

        public String location() {
            return location;
        }
    }

    /**
     * 400 with PrestaShop error codes: the shop understood the request and refused a parameter (an
     * unknown display field, filter or, on old versions, the {@code price[...]} virtual fields).
     */
    public static class BadRequest extends WebserviceException {
        private final List<Integer> codes;

        public BadRequest(List<Integer> codes, String message) {
            super(ShopStatus.SYNC_FAILED, message);
            this.codes = List.copyOf(codes);
        }

        public List<Integer> codes() {
            return codes;
        }
    }

    /**
     * A 5xx that PrestaShop itself rendered as an error document (a PHP warning raised while building
     * the answer, typically by one product and a module override): asking again gives the same answer,
     * so it is not retried; a reader that can ask for fewer rows splits the page instead.
     */
    public static class RenderingError extends WebserviceException {
        public RenderingError(String message) {
            super(ShopStatus.SYNC_FAILED, message);
        }
    }

    /** True for the failures worth asking for a smaller page: 5xx answers, rendered or not. */
    public static boolean isServerError(Throwable failure) {
        return failure instanceof RenderingError
            || failure instanceof Transient t && t.httpStatus() >= 500;
    }

    /** 5xx, 429, I/O error, timeout: retried with backoff, then fails the shop's sync. */
    public static class Transient extends WebserviceException {
        private final int httpStatus;
        private final Long retryAfterMillis;

        public Transient(ShopStatus status, int httpStatus, Long retryAfterMillis, String message, Throwable cause) {
            super(status, message, true, cause);
            this.httpStatus = httpStatus;
            this.retryAfterMillis = retryAfterMillis;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public Long retryAfterMillis() {
            return retryAfterMillis;
        }
    }
}

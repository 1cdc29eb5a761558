package market.so.sync.prestashop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.so.sync.prestashop.xml.XmlNode;
import market.so.sync.shop.ShopStatus;

/**
 * Turns a refused webservice answer into the merchant-facing problem it means (prestashop-webservice.md
 * §1.3): codes 20/21 an unknown or inactive key, 22 a disabled webservice, 26 a resource the key may
 * not read, 132 a multistore key not allowed on this shop; 429, 503 and other 5xx but PrestaShop's own
 * rendering errors are worth retrying.
 */
final class WebserviceErrors {

    private static final Pattern RESOURCE = Pattern.compile("Resource of type \"([a-z_]+)\"");

    private WebserviceErrors() {
    }

    record PsError(int code, String message) {
    }

    static List<PsError> errors(XmlNode root) {
        List<PsError> errors = new ArrayList<>();
        if (root == null || !"prestashop".equals(root.name())) {
            return errors;
        }
        XmlNode list = root.child("errors");
        if (list == null) {
            return errors;
        }
        for (XmlNode error : list.children("error")) {
            Long code = error.longValue("code");
            errors.add(new PsError(code == null ? 0 : code.intValue(), error.value("message")));
        }
        return errors;
    }

    static WebserviceException classify(int status, XmlNode root, boolean prestashopHeaders, Long retryAfterMillis, String what) {
        List<PsError> errors = errors(root);
        if (hasCode(errors, 22)) {
            return new WebserviceException.WebserviceDisabled("the webservice is disabled (code 22)");
        }
        if (status >= 500 && !errors.isEmpty() && !temporary(status, retryAfterMillis)) {
            return new WebserviceException.RenderingError("the shop answered " + status + " to " + what
                + " (" + errors.get(0).message() + ")");
        }
        if (status == 429 || status >= 500) {
            String said = errors.isEmpty() ? "" : " (codes " + codes(errors) + ": " + errors.get(0).message() + ")";
            return new WebserviceException.Transient(ShopStatus.SYNC_FAILED, status, retryAfterMillis,
                "the shop answered " + status + " to " + what + said, null);
        }
        if (hasCode(errors, 132)) {
            return new WebserviceException.ShopNotAllowed("the key is not allowed on this shop (code 132)");
        }
        List<String> denied = deniedResources(errors);
        if (!denied.isEmpty()) {
            return new WebserviceException.MissingPermission(denied);
        }
        if (hasCode(errors, 17) || hasCode(errors, 18) || hasCode(errors, 20) || hasCode(errors, 21)) {
            return new WebserviceException.InvalidKey("the key is unknown, inactive or has no permission (codes "
                + codes(errors) + ")");
        }
        if (status == 401 && errors.isEmpty()) {
            // PrestaShop's own plain-text 401 means the key never reached PHP; any other is a site password
            return prestashopHeaders ? new WebserviceException.HeaderStripped()
                : new WebserviceException.NotPrestashop("the address asks for a password (HTTP authentication) "
                    + "before PrestaShop can answer");
        }
        if (status == 400 && !errors.isEmpty()) {
            return new WebserviceException.BadRequest(errors.stream().map(PsError::code).toList(), "the shop refused "
                + what + " with 400, codes " + codes(errors) + ": " + errors.get(0).message());
        }
        if (!errors.isEmpty()) {
            return new WebserviceException(ShopStatus.SYNC_FAILED, "the shop refused " + what + " with " + status
                + ", codes " + codes(errors) + ": " + errors.get(0).message());
        }
        return new WebserviceException.NotPrestashop("the address answered " + status
            + " without a PrestaShop webservice answer");
    }

    /**
     * A 503, or a 5xx with {@code Retry-After}, says "not now" even with PrestaShop's XML error document
     * (an overloaded host, a database out of connections): asked again after the delay. Only code 22, checked
     * before, is a 503 that stays; a 500 document without Retry-After is one product's rendering error.
     */
    private static boolean temporary(int status, Long retryAfterMillis) {
        return status == 503 || retryAfterMillis != null;
    }

    private static boolean hasCode(List<PsError> errors, int code) {
        return errors.stream().anyMatch(e -> e.code() == code);
    }

    private static String codes(List<PsError> errors) {
        return errors.stream().map(e -> String.valueOf(e.code())).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static List<String> deniedResources(List<PsError> errors) {
        List<String> resources = new ArrayList<>();
        for (PsError error : errors) {
            if (error.code() == 26 && error.message() != null) {
                Matcher m = RESOURCE.matcher(error.message());
                resources.add(m.find() ? m.group(1) : "?");
            }
        }
        return resources;
    }
}

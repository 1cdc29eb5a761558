package market.so.sync.prestashop.sim;

import java.util.List;
import java.util.Map;

/**
 * An error answer of the webservice: HTTP status plus the {@code <errors>} codes PrestaShop sends,
 * thrown from deep in query parsing so that each check reads as one line.
 */
final class WsError extends RuntimeException {

    private final int status;
    private final List<Map.Entry<Integer, String>> errors;

    WsError(int status, int code, String message) {
        this(status, List.of(Map.entry(code, message)));
    }

    WsError(int status, List<Map.Entry<Integer, String>> errors) {
        super(errors.get(0).getValue(), null, false, false);
        this.status = status;
        this.errors = errors;
    }

    int status() {
        return status;
    }

    String body() {
        return XmlWriter.errors(errors);
    }

    static WsError badRequest(int code, String message) {
        return new WsError(400, code, message);
    }
}

package market.so.sync.prestashop.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /api/...} side of a shop, in PrestaShop's order of checks: the dispatcher's
 * plain-text 401 when no key reached PHP, then webservice on, key format, key known, shop allowed,
 * resource known, resource allowed; then the resource itself.
 */
final class Webservice {

    static final String REALM = "Basic realm=\"Welcome to PrestaShop Webservice, please enter the authentication "
            + "key as the login. No password required.\"";

    private final SimShop shop;
    private final Resources resources;

    Webservice(SimShop shop, ImageStore images) {
        this.shop = shop;
        this.resources = new Resources(shop, images);
    }

    /** Answers one call; {@code path} is what follows {@code /api/}. Returns status and body bytes. */
    long[] serve(HttpExchange exchange, String path, Map<String, String> params) throws IOException {
        Behaviour behaviour = shop.behaviour();
        String key = basicUser(behaviour.stripAuthorization ? null : exchange.getRequestHeaders().getFirst("Authorization"));
        if (key == null) {
            key = params.get("ws_key");
        }
        if (key == null) {
            Map<String, String> headers = Map.of("X-Powered-By", "PHP/8.2.36", "WWW-Authenticate", REALM);
            return new long[] {401, Reply.send(exchange, 401, "text/html; charset=utf-8", "401 Unauthorized", headers)};
        }
        try {
            check(key, behaviour);
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                String resource = path.isEmpty() ? "api" : path.split("/")[0];
                throw new WsError(405, 25, "Method " + exchange.getRequestMethod() + " is not allowed for the resource "
                        + resource + " with this authentication key");
            }
            return resources.serve(exchange, path, params, headers(behaviour.version));
        } catch (Unauthenticated failure) {
            Map<String, String> headers = headers("0");
            headers.put("WWW-Authenticate", REALM);
            int status = failure.error.status();
            return new long[] {status, Reply.send(exchange, status, Reply.XML, failure.error.body(), headers)};
        } catch (WsError error) {
            return new long[] {error.status(), answerError(exchange, error)};
        }
    }

    private void check(String key, Behaviour behaviour) {
        if (behaviour.webserviceDisabled) {
            throw new Unauthenticated(503, 22, "The PrestaShop webservice is disabled. Please activate it in the "
                    + "PrestaShop Back Office");
        }
        if (key.isEmpty()) {
            throw new Unauthenticated(401, 17, "Authentication key is empty");
        }
        if (key.length() != 32) {
            throw new Unauthenticated(401, 18, "Invalid authentication key format");
        }
        if (behaviour.keyRevoked || !key.equals(shop.key())) {
            throw new Unauthenticated(401, List.of(Map.entry(20, "Authentification key is not active"),
                    Map.entry(21, "No permission for this authentication key")));
        }
        if (behaviour.shopNotAllowed) {
            throw new WsError(403, 132, "No permission for this key on this shop");
        }
    }

    /** An error raised before the key was accepted: no version is disclosed and the realm is sent. */
    static final class Unauthenticated extends RuntimeException {
        final WsError error;

        Unauthenticated(int status, int code, String message) {
            this(status, List.of(Map.entry(code, message)));
        }

        Unauthenticated(int status, List<Map.Entry<Integer, String>> errors) {
            super(null, null, false, false);
            this.error = new WsError(status, errors);
        }
    }

    private long answerError(HttpExchange exchange, WsError error) throws IOException {
        Map<String, String> headers = headers(shop.behaviour().version);
        if (error.status() == 401 || error.status() == 403) {
            headers.put("WWW-Authenticate", REALM);
        }
        return Reply.send(exchange, error.status(), Reply.XML, error.body(), headers);
    }

    static Map<String, String> headers(String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Time", Long.toString(System.currentTimeMillis() / 1000));
        headers.put("X-Powered-By", "PrestaShop Webservice");
        headers.put("PSWS-Version", version);
        headers.put("Execution-Time", "0.004");
        return headers;
    }

    /** The user name of a Basic header: PrestaShop takes it as the key and ignores the password. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

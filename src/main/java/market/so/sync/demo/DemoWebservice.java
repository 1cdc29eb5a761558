package market.so.sync.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo shop's HTTP side, answering as PrestaShop 8.1.2 does (shapes and headers recorded from a real
 * shop): {@code /api/} and its resources behind the key (HTTP Basic, key as user name, or {@code ws_key}),
 * the plain-text 401 with PrestaShop's realm when no key arrives, XML errors with PrestaShop's codes,
 * {@code Content-Sha1} on every answer and a 304 when the client's {@code Local-Content-Sha1} matches;
 * pictures at their physical and friendly addresses (public, no key), and a small shop front.
 */
final class DemoWebservice implements HttpHandler {

    static final String REALM = "Basic realm=\"Welcome to PrestaShop Webservice, please enter the authentication "
        + "key as the login. No password required.\"";
    private static final Pattern PHYSICAL = Pattern.compile("/img/p/(?:\\d/)+(\\d+)-([a-z_]+)\\.jpg");
    private static final Pattern FRIENDLY = Pattern.compile("/(\\d+)-([a-z_]+)/[a-z0-9-]+\\.jpg");
    /** The resources the demo key may read (View and HEAD, as the guide's §2 asks), in PrestaShop's order. */
    private static final Map<String, String> LISTED = listed();

    private static Map<String, String> listed() {
        Map<String, String> listed = new LinkedHashMap<>();
        listed.put("categories", "The product categories");
        listed.put("combinations", "The product combinations");
        listed.put("configurations", "Shop configuration");
        listed.put("currencies", "The currencies");
        listed.put("image_types", "The image types");
        listed.put("images", "The images");
        listed.put("languages", "Shop languages");
        listed.put("product_option_values", "The product options value");
        listed.put("product_options", "The product options");
        listed.put("products", "The products");
        listed.put("specific_prices", "Specific price management");
        listed.put("stock_availables", "Available quantities");
        return java.util.Collections.unmodifiableMap(listed);
    }

    private final DemoCatalogue catalogue;
    private final DemoPrices prices;
    private final DemoPictures pictures;
    private final String key;
    private final String address;

    DemoWebservice(DemoCatalogue catalogue, String key, String address) {
        this.catalogue = catalogue;
        this.prices = new DemoPrices(catalogue);
        this.pictures = new DemoPictures(catalogue);
        this.key = key;
        this.address = address;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api") || path.startsWith("/api/")) {
                api(exchange, path.equals("/api") ? "" : path.substring(5));
                return;
            }
            Matcher image = PHYSICAL.matcher(path);
            Matcher friendly = FRIENDLY.matcher(path);
            byte[] jpeg = image.matches() ? pictures.jpeg(Long.parseLong(image.group(1)), image.group(2))
                : friendly.matches() ? pictures.jpeg(Long.parseLong(friendly.group(1)), friendly.group(2)) : null;
            if (jpeg != null) {
                send(exchange, 200, "image/jpeg", jpeg, Map.of());
            } else if (path.equals("/") || path.equals("/index.php")) {
                String page = "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>" + catalogue.shopName
                    + "</title><h1>" + catalogue.shopName + "</h1><p>Boutique de démonstration de So.market (profil demo) : "
                    + "son webservice PrestaShop répond sous <code>/api/</code>.</p></html>";
                send(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
            } else {
                send(exchange, 404, "text/html; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8), Map.of());
            }
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
        String given = basicUser(exchange.getRequestHeaders().getFirst("Authorization"));
        if (given == null) {
            given = params.get("ws_key");
        }
        if (given == null) {
            send(exchange, 401, "text/html; charset=utf-8", "401 Unauthorized".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Powered-By", "PHP/8.2.36", "WWW-Authenticate", REALM));
            return;
        }
        if (!given.equals(key)) {
            String body = given.length() != 32 ? WsXml.errors(18, "Invalid authentication key format")
                : WsXml.errors(20, "Authentification key is not active").replace("</errors>",
                    "<error>\n<code><![CDATA[21]]></code>\n<message><![CDATA[No permission for this authentication key]]>"
                        + "</message>\n</error>\n</errors>");
            Map<String, String> headers = headers("0");
            headers.put("WWW-Authenticate", REALM);
            send(exchange, 401, "text/xml;charset=utf-8", body.getBytes(StandardCharsets.UTF_8), headers);
            return;
        }
        Map<String, String> headers = headers("8.1.2");
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw new WsError(405, 25, "Method " + method + " is not allowed for the resource "
                    + (path.isEmpty() ? "api" : path.split("/")[0]) + " with this authentication key");
            }
            String body = answer(path, params);
            if (body == null) {
                headers.put("Content-Type", "");
                send(exchange, 404, null, new byte[0], headers);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String sha1 = sha1(bytes);
            headers.put("Content-Sha1", sha1);
            if (sha1.equals(exchange.getRequestHeaders().getFirst("Local-Content-Sha1"))) {
                send(exchange, 304, null, new byte[0], headers);
                return;
            }
            send(exchange, 200, "text/xml;charset=utf-8", bytes, headers);
        } catch (WsError error) {
            send(exchange, error.status, "text/xml;charset=utf-8",
                WsXml.errors(error.code, error.getMessage()).getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    /** The XML of an authenticated call, or null for an object that does not exist (PrestaShop: 404, empty). */
    private String answer(String path, Map<String, String> params) {
        String api = address + "/api/";
        String[] segments = path.isEmpty() ? new String[0] : path.split("/");
        if (segments.length == 0) {
            return WsXml.listing(api, catalogue.shopName, LISTED);
        }
        String resource = segments[0];
        DemoCatalogue.Table table = catalogue.tables.get(resource);
        if (table == null) {
            if (LISTED.containsKey(resource)) {
                return WsXml.HEAD + "<" + resource + ">\n</" + resource + ">\n" + WsXml.TAIL;
            }
            throw WsError.badRequest(27, "Resource of type \"" + resource + "\" does not exists. The full list is: "
                + String.join(", ", LISTED.keySet()));
        }
        return new DemoListing(table, prices).render(api, segments.length > 1 ? segments[1] : null, params);
    }

    private static Map<String, String> headers(String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Time", Long.toString(System.currentTimeMillis() / 1000));
        headers.put("X-Powered-By", "PrestaShop Webservice");
        headers.put("PSWS-Version", version);
        headers.put("Execution-Time", "0.004");
        return headers;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body,
                             Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        boolean empty = body.length == 0 || status == 304;
        exchange.sendResponseHeaders(status, head || empty ? -1 : body.length);
        if (!head && !empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** PrestaShop takes the user name of a Basic header as the key and ignores the password. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String sha1(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> resources() {
        return List.copyOf(LISTED.keySet());
    }
}

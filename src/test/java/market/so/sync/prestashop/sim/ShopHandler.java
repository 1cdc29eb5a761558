package market.so.sync.prestashop.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything under one shop's folder: the host's own behaviour first (latency, scheduled failures,
 * another CMS), then the URL rewriting ({@code /api/...} to the dispatcher), public images, product
 * pages, and a 404 page for the rest. Every request is recorded, with the key masked.
 */
final class ShopHandler {

    /** The back-office folder of every simulated shop (the real shop's is /admin-real-ps). */
    static final String BACK_OFFICE = "/admin-sim";
    private static final Pattern FRIENDLY_PRODUCT = Pattern.compile("/[a-z0-9-]+/(\\d+)-[^/]*\\.html");

    private final SimShop shop;
    private final Webservice webservice;
    private final ImageStore images;
    private final InFlight inFlight;

    ShopHandler(SimShop shop, byte[] jpeg, InFlight inFlight) {
        this.shop = shop;
        this.inFlight = inFlight;
        this.images = new ImageStore(shop.catalog(), jpeg);
        this.webservice = new Webservice(shop, images);
    }

    /** {@code path} is relative to the shop folder, starting with "/" (or empty). */
    void handle(HttpExchange exchange, String path) throws IOException {
        long arrival = shop.arrived();
        Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
        String apiPath = apiPath(path, params);
        inFlight.enter();
        try {
            pause(shop.behaviour().delayFor(apiPath != null ? "/api/" + apiPath : path));
        } finally {
            inFlight.leave();
        }
        long[] answer;
        try {
            answer = answer(exchange, path, apiPath, params);
        } catch (BodyFault.CutConnection cut) {
            record(exchange, path, params, arrival, new long[] {200, cut.sent});
            throw cut;
        }
        record(exchange, path, params, arrival, answer);
    }

    private void record(HttpExchange exchange, String path, Map<String, String> params, long arrival, long[] answer) {
        Map<String, String> masked = new LinkedHashMap<>(params);
        masked.computeIfPresent("ws_key", (k, v) -> "***");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        shop.record(arrival, new SimRequest(exchange.getRequestMethod(), path.isEmpty() ? "/" : path, Map.copyOf(masked),
                authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6),
                params.containsKey("ws_key"), (int) answer[0], answer[1], exchange.getRemoteAddress().getPort()));
    }

    /** The path after {@code /api/} this request means, or null when it is not a webservice call. */
    private String apiPath(String path, Map<String, String> params) {
        if (path.equals("/webservice/dispatcher.php")) {
            return strip(params.getOrDefault("url", ""));
        }
        if (shop.behaviour().noRewrite) {
            return null;
        }
        if (path.equals("/api") || path.startsWith("/api/")) {
            return strip(path.length() <= 5 ? "" : path.substring(5));
        }
        return null;
    }

    private static String strip(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private long[] answer(HttpExchange exchange, String path, String apiPath, Map<String, String> params)
            throws IOException {
        Behaviour behaviour = shop.behaviour();
        Behaviour.Failure failure = behaviour.takeFailure();
        if (failure != null) {
            if (failure.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().set("Retry-After", failure.retryAfterSeconds().toString());
            }
            return html(exchange, failure.status(), FrontPages.hostError(failure.status()));
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String canonical = host == null ? null : behaviour.redirectsByHost.get(host.toLowerCase(java.util.Locale.ROOT));
        if (canonical != null) {
            return redirect(exchange, apiPath != null ? canonical + "/?url=" + apiPath : canonical + "/");
        }
        BodyFault bodyFault = behaviour.takeBodyFault(apiPath != null ? "/api/" + apiPath : path, params);
        if (bodyFault != null && bodyFault.kind() == BodyFault.Kind.CUT_ANSWER) {
            bodyFault.cutAnswer(exchange); // then answered as usual, but only half of it goes out
        } else if (bodyFault != null) {
            return bodyFault.send(exchange);
        }
        if (behaviour.notPrestashop) {
            return html(exchange, 200, FrontPages.otherCms(shop.shopName()));
        }
        if (path.toLowerCase(java.util.Locale.ROOT).startsWith(BACK_OFFICE)
                && VersionShapes.backOfficeAnswersNotFound(behaviour.version)) {
            return html(exchange, 404, FrontPages.notFound(path));
        }
        if (path.toLowerCase(java.util.Locale.ROOT).startsWith(BACK_OFFICE)) {
            // recorded: /admin-real-ps/api/ answers 302 to the back office's login page, token and all
            return redirect(exchange, shop.url() + BACK_OFFICE + "/index.php?controller=AdminLogin&token="
                    + "553afb7bf323520d6dbd8e88006ff311");
        }
        if (apiPath != null) {
            Map<String, String> apiParams = new LinkedHashMap<>(params);
            apiParams.remove("url");
            return webservice.serve(exchange, apiPath, apiParams);
        }
        if (images.isPublicImage(path)) {
            return new long[] {200, Reply.sendBytes(exchange, 200, "image/jpeg", images.jpeg())};
        }
        if (path.isEmpty() || path.equals("/") || path.equals("/index.php")) {
            return productPage(exchange, params);
        }
        Matcher friendly = FRIENDLY_PRODUCT.matcher(path);
        if (friendly.matches()) {
            return product(exchange, Long.parseLong(friendly.group(1)), path);
        }
        return html(exchange, 404, FrontPages.notFound(shop.url() + path));
    }

    private long[] productPage(HttpExchange exchange, Map<String, String> params) throws IOException {
        if ("product".equals(params.get("controller")) && params.containsKey("id_product")) {
            try {
                return product(exchange, Long.parseLong(params.get("id_product")), "/index.php");
            } catch (NumberFormatException e) {
                return html(exchange, 404, FrontPages.notFound(shop.url() + "/index.php"));
            }
        }
        return html(exchange, 200, FrontPages.home(shop.shopName()));
    }

    private long[] product(HttpExchange exchange, long id, String path) throws IOException {
        SimObject product = shop.catalog().product(id);
        if (product == null || !"1".equals(product.value("active"))) {
            return html(exchange, 404, FrontPages.notFound(shop.url() + path));
        }
        String name = ((SimObject.I18n) product.field("name")).value(ObjectBuilder.FR);
        return html(exchange, 200, FrontPages.product(shop.shopName(), id, name));
    }

    private static long[] redirect(HttpExchange exchange, String location) throws IOException {
        return new long[] {302, Reply.send(exchange, 302, "text/html; charset=utf-8", "",
                Map.of("Location", location))};
    }

    private static long[] html(HttpExchange exchange, int status, String body) throws IOException {
        return new long[] {status, Reply.send(exchange, status, "text/html; charset=utf-8", body, Map.of())};
    }

    private static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decoded query parameters; a repeated name keeps its last value, as PHP's {@code $_GET} does. */
    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            params.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}

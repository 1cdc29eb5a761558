package market.so.sync.prestashop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One GET on a shop's webservice, turned into the URL and query the HTTP endpoint needs. The key
 * goes in the Authorization header; only for hosts that strip it does it go in the query, which
 * travels in a message header and never in an endpoint URI.
 */
public record WebserviceCall(ShopAccess access, String resource, Map<String, String> params) {

    public WebserviceCall {
        params = params == null ? Map.of() : new LinkedHashMap<>(params);
    }

    public static WebserviceCall of(ShopAccess access, String resource, Map<String, String> params) {
        return new WebserviceCall(access, resource, params);
    }

    /** A {@code filter[...]} value that matches any of these ids: {@code [a|b|c]}. */
    public static String anyOf(List<Long> ids) {
        StringJoiner filter = new StringJoiner("|", "[", "]");
        ids.forEach(id -> filter.add(id.toString()));
        return filter.toString();
    }

    /** Scheme, host and path, without a query. */
    public String url() {
        if (access.entryPoint() == ShopAccess.EntryPoint.DISPATCHER) {
            return access.baseUrl() + "/webservice/dispatcher.php";
        }
        return access.baseUrl() + "/api/" + resource;
    }

    /** The encoded query string, including the key only in ws_key mode. */
    public String query() {
        StringBuilder query = new StringBuilder();
        if (access.entryPoint() == ShopAccess.EntryPoint.DISPATCHER) {
            append(query, "url", resource);
        }
        params.forEach((name, value) -> append(query, name, value));
        if (access.idShop() != null && !params.containsKey("id_shop")) {
            append(query, "id_shop", access.idShop().toString());
        }
        if (access.authMode() == ShopAccess.AuthMode.WS_KEY && access.key() != null) {
            append(query, "ws_key", access.key().reveal());
        }
        return query.toString();
    }

    public String authorization() {
        // no key: the shop finder's knock, which must see the webservice answer before any key is sent
        return access.authMode() == ShopAccess.AuthMode.HEADER && access.key() != null
            ? access.key().basicAuthorization() : null;
    }

    /** What a log line or an error may say about this call: never the key. */
    public String describe() {
        return resource + (params.isEmpty() ? "" : "?" + params);
    }

    /** The resource and the page asked for, for messages the merchant may read (no field lists). */
    public String brief() {
        String name = resource.isEmpty() ? "the resource list" : resource;
        return params.containsKey("limit") ? name + " (limit " + params.get("limit") + ")" : name;
    }

    private static void append(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}

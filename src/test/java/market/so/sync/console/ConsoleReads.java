package market.so.sync.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the ops console shows of Camel, fetched the way Hawtio fetches it: Jolokia requests posted to
 * {@code /actuator/jolokia} with the ops credentials. {@link #everything()} is the text of every Camel
 * attribute (routes, endpoints, services, statistics), the route dumps Hawtio draws its diagrams from,
 * the exchanges in flight and the endpoint statistics, plus the console's own page.
 */
public final class ConsoleReads {

    private final String base;
    private final String authorization;
    private final java.net.CookieManager cookies = new java.net.CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    public ConsoleReads(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One Jolokia request (or a JSON array of them); the answer's body. */
    public String jolokia(String json) throws Exception {
        return post("/actuator/jolokia", json).body();
    }

    /** A POST as the console makes it: the session's XSRF-TOKEN cookie echoed in X-XSRF-TOKEN. */
    public HttpResponse<String> post(String path, String json) throws Exception {
        if (xsrf() == null) {
            get("/actuator/hawtio/", true);
        }
        return postWithToken(path, json, xsrf());
    }

    private String xsrf() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
            .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public HttpResponse<String> postWithToken(String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", authorization).header("Content-Type", "application/json");
        if (token != null) {
            request.header("X-XSRF-TOKEN", token);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, boolean withCredentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (withCredentials) {
            request.header("Authorization", authorization);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Names of the Camel MBeans matching a pattern such as {@code org.apache.camel:type=routes,*}. */
    public List<String> search(String pattern) throws Exception {
        String answer = jolokia("{\"type\":\"search\",\"mbean\":\"" + pattern.replace("\"", "\\\"") + "\"}");
        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(answer).path("value").forEach(name -> names.add(name.asText()));
        return names;
    }

    public String everything() throws Exception {
        StringBuilder text = new StringBuilder();
        text.append(jolokia("{\"type\":\"read\",\"mbean\":\"org.apache.camel:*\",\"config\":{\"ignoreErrors\":true}}"));
        text.append(jolokia("{\"type\":\"list\",\"path\":\"org.apache.camel\"}"));
        for (String context : search("org.apache.camel:type=context,*")) {
            for (String operation : List.of("dumpRoutesAsXml()", "dumpRoutesAsXml(boolean,boolean)",
                    "dumpRoutesStatsAsXml(boolean,boolean)", "dumpStepStatsAsXml(boolean)", "dumpRoutesAsYaml()")) {
                text.append(exec(context, operation, operation.endsWith("()") ? "" : args(operation)));
            }
        }
        for (String inflight : search("org.apache.camel:type=services,name=DefaultInflightRepository,*")) {
            text.append(exec(inflight, "browse()", ""));
        }
        for (String registry : search("org.apache.camel:type=services,name=DefaultRuntimeEndpointRegistry,*")) {
            text.append(exec(registry, "endpointStatistics()", ""));
        }
        for (String route : search("org.apache.camel:type=routes,*")) {
            text.append(exec(route, "dumpRouteAsXml(boolean)", "true"));
        }
        text.append(get("/actuator/hawtio/", true).body());
        return text.toString();
    }

    public String exec(String mbean, String operation, String arguments) throws Exception {
        return jolokia("{\"type\":\"exec\",\"mbean\":\"" + mbean.replace("\"", "\\\"") + "\",\"operation\":\""
            + operation + "\",\"arguments\":[" + arguments + "]}");
    }

    private static String args(String operation) {
        int count = operation.split(",").length;
        return String.join(",", java.util.Collections.nCopies(count, "true"));
    }
}

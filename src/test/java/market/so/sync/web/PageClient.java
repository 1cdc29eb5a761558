package market.so.sync.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The merchant's pages as a plain browser without a script sees them: real HTTP with cookies (the CSRF cookie),
 * redirects followed, forms submitted with their hidden fields, answers parsed with jsoup.
 */
final class PageClient {

    /** An answer: its status, headers and HTML. */
    record Page(int status, HttpResponse<String> response, Document html) {

        String text() {
            return html.text();
        }

        String path() {
            return response.uri().getRawPath() + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery());
        }
    }

    private final String base;
    private final String language;
    private final HttpClient http;

    PageClient(int port, String acceptLanguage) {
        this.base = "http://localhost:" + port;
        this.language = acceptLanguage;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    Page get(String path) {
        return send(request(path).GET());
    }

    /** Submits the page's form {@code formSelector} with its own fields (hidden ones too) changed by {@code fields}. */
    Page submit(Page page, String formSelector, Map<String, String> fields) {
        Element form = page.html().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on " + page.path());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name]")) {
            if (input.tagName().equals("select")) {
                Element selected = input.selectFirst("option[selected]");
                values.put(input.attr("name"), selected == null ? "" : selected.attr("value"));
            } else {
                values.put(input.attr("name"), input.attr("value"));
            }
        }
        values.putAll(fields);
        return post(form.attr("action"), values);
    }

    Page post(String path, Map<String, String> values) {
        String body = values.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
        return language == null ? builder : builder.header("Accept-Language", language);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response, Jsoup.parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

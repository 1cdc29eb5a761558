package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import market.so.sync.ShopSyncApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The window in which Spring Boot's HTTP port is open and Camel has not started yet (it starts on the
 * context-refreshed event, after the web server): here held open on purpose, by a {@link CamelContextConfiguration}
 * that waits before Camel starts. A registration by the API or by the connect page is answered 503 with
 * {@code Retry-After} and registers nothing; once Camel has started, the same request goes through the route.
 * The application runs on the test settings (test.properties), started by hand in a thread of its own, since its
 * start is what is held.
 */
class WhileCamelStartsTest {

    private static final CountDownLatch HELD = new CountDownLatch(1);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ123456";
    private static final CompletableFuture<Integer> PORT = new CompletableFuture<>();
    private static CompletableFuture<ConfigurableApplicationContext> app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Camel's routes are read, not started: the state of the first seconds after the HTTP port opens. */
    static final class HoldCamelStart implements CamelContextConfiguration {

        @Override
        public void beforeApplicationStart(CamelContext camelContext) {
            HELD.countDown();
            try {
                RELEASE.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void afterApplicationStart(CamelContext camelContext) {
        }
    }

    @BeforeAll
    static void startHeld() throws IOException {
        String[] args = testSettings();
        app = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(ShopSyncApplication.class)
            .initializers(context -> ((GenericApplicationContext) context)
                .registerBean("holdCamelStart", CamelContextConfiguration.class, HoldCamelStart::new))
            .listeners(event -> {
                if (event instanceof WebServerInitializedEvent started) {
                    PORT.complete(started.getWebServer().getPort());
                }
            })
            .run(args));
    }

    @AfterAll
    static void stop() throws Exception {
        RELEASE.countDown();
        if (app != null) {
            app.get(5, TimeUnit.MINUTES).close();
        }
    }

    @Test
    void aRegistrationBeforeCamelHasStartedIsAnswered503WithRetryAfterAndGoesThroughOnceItHas() throws Exception {
        assertThat(HELD.await(5, TimeUnit.MINUTES)).as("Camel about to start").isTrue();
        int port = PORT.get(1, TimeUnit.MINUTES);
        String base = "http://127.0.0.1:" + port;
        String register = "{\"url\": \"http://127.0.0.1:1\", \"apiKey\": \"" + KEY + "\"}";

        HttpResponse<String> early = api(base, "POST", "/api/shops", register);
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(early.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(early.body()).contains("\"error\":\"UNAVAILABLE\"").contains("starting").doesNotContain(KEY);
        // input that needs no route is still judged at once
        assertThat(api(base, "POST", "/api/shops", "{\"url\": \"http://127.0.0.1:1\", \"apiKey\": \"short\"}").statusCode())
            .isEqualTo(400);
        assertThat(api(base, "POST", "/api/sync-runs", "").statusCode()).isEqualTo(503);

        String connect = (String) new com.fasterxml.jackson.databind.ObjectMapper().readValue(
            api(base, "POST", "/api/merchant-links", "{\"purpose\": \"connect\"}").body(), Map.class).get("path");
        PageClient browser = new PageClient(port, "fr-FR,fr;q=0.9");
        PageClient.Page page = browser.submit(browser.get(connect), "form", Map.of("url", "http://127.0.0.1:1", "apiKey", KEY));
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.response().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(page.html().select("#unavailable").text()).contains("So.market redémarre");
        assertThat(page.html().select("input#url").attr("value")).as("what the merchant typed is kept").isEqualTo("http://127.0.0.1:1");
        assertThat(page.html().html()).doesNotContain(KEY);
        assertThat(api(base, "GET", "/api/shops", null).body()).as("nothing registered").isEqualTo("[]");

        RELEASE.countDown();
        ConfigurableApplicationContext started = app.get(5, TimeUnit.MINUTES);
        assertThat(started.getBean(CamelContext.class).getStatus()).isEqualTo(ServiceStatus.Started);
        HttpResponse<String> later = api(base, "POST", "/api/shops", register);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(422);
        assertThat(later.body()).doesNotContain("UNAVAILABLE");
    }

    private static HttpResponse<String> api(String base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:test-ops-password".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** test.properties as command-line arguments, which win over ./config/application.yaml as they do in SyncTest. */
    private static String[] testSettings() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = WhileCamelStartsTest.class.getResourceAsStream("/test.properties")) {
            settings.load(in);
        }
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        return args.toArray(String[]::new);
    }
}

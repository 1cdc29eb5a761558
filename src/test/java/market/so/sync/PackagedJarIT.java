package market.so.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar starts from the project folder on its embedded defaults, with the YAML routes
 * read from ./routes (not from the jar), and protects its API.
 */
class PackagedJarIT {

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void startsFromTheJarWithTheRoutesOfTheRoutesFolder() throws Exception {
        int port = freePort();
        Path log = Path.of("target", "packaged-jar-it.log");
        Path data = Files.createDirectories(Path.of("target", "packaged-jar-it-data"));
        process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("somarket.jar"),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:./" + data + "/db",
                "--somarket.security.key-secret-file=" + data + "/key-secret",
                "--somarket.site.link-secret-file=" + data + "/link-secret",
                "--somarket.ops.password=it-password",
                "--somarket.mailbox.embedded.smtp-port=0",
                "--somarket.mailbox.embedded.imap-port=0"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;

        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(() -> get(http, base + "/actuator/health", null).statusCode() == 200);

        HttpResponse<String> routes = get(http, base + "/actuator/camelroutes", "ops:it-password");
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("register-shop", "sync-shop", "webservice-get");
        assertThat(get(http, base + "/api/shops", null).statusCode()).isEqualTo(401);
        assertThat(get(http, base + "/api/shops", "ops:it-password").body()).isEqualTo("[]");
        try (var jar = new java.util.jar.JarFile(System.getProperty("somarket.jar"))) {
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
                .as("the routes are read from ./routes, not packaged in the jar")
                .noneMatch(name -> name.endsWith(".camel.yaml"));
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

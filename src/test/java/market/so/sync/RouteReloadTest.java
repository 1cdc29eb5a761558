package market.so.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import market.so.sync.support.SyncTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Ops edit a route file; the running service picks the change up without a restart, other routes untouched. */
@SyncTest
@TestPropertySource(properties = {"somarket.routes-dir=target/reload-routes", "camel.main.routes-reload-enabled=true"})
class RouteReloadTest {

    static final Path ROUTES = Path.of("target", "reload-routes");

    static {
        // a fresh copy of routes/ before the context starts (a stale one from an earlier run would be loaded)
        try {
            if (Files.exists(ROUTES)) {
                try (Stream<Path> old = Files.list(ROUTES)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(ROUTES);
            try (Stream<Path> routes = Files.list(Path.of("routes"))) {
                for (Path file : routes.toList()) {
                    Files.copy(file, ROUTES.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired CamelContext camel;

    @Test
    void anEditedRouteFileIsReloadedAndTheOtherRoutesKeepRunning() throws IOException {
        Path file = ROUTES.resolve("register-shop.camel.yaml");
        String edited = Files.readString(file).replace(
            "description: A merchant gives a shop address and a webservice key - check, probe, store, first sync",
            "description: Edited by ops");
        assertThat(edited).contains("Edited by ops");
        int routes = camel.getRoutes().size();

        Path temp = ROUTES.resolve("register-shop.camel.yaml.tmp");
        Files.writeString(temp, edited);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        // the file holds two routes, reloaded one after the other: wait for both
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("register-shop") != null
            && "Edited by ops".equals(camel.getRoute("register-shop").getDescription())
            && camel.getRoute("first-sync") != null);
        assertThat(camel.getRoutes()).hasSize(routes);
        assertThat(camel.getRouteController().getRouteStatus("sync-shop").isStarted()).isTrue();
    }
}

package market.so.sync.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ops console in a real browser: headless Chromium opens {@code /actuator/hawtio} with the ops
 * credentials (then the session) and Hawtio's Camel plugin lists the routes, read through Jolokia with the
 * CSRF token; with a wrong password it shows none. Skipped, saying so, when no Chromium is installed
 * ({@code chromium} from Debian; .ci/run installs it).
 */
@SyncTest
class OpsConsoleBrowserTest {

    @LocalServerPort int port;

    @Test
    void hawtioShowsTheCamelRoutesToOpsOnly() throws Exception {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
            .filter(path -> new File(path).canExecute()).findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null, "SKIPPED: no Chromium on this machine, the console was not opened in a browser");

        String page = dom(chromium, "ops:test-ops-password");
        assertThat(page).contains("register-shop").contains("webservice-call").contains("sync-shop");
        assertThat(dom(chromium, "ops:not-the-password")).doesNotContain("webservice-call");
    }

    /** The page after its scripts ran; the address without a trailing slash redirects to one without credentials. */
    private String dom(String chromium, String credentials) throws Exception {
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-");
        Process browser = new ProcessBuilder(chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
            "--user-data-dir=" + profile.toAbsolutePath(), "--virtual-time-budget=20000", "--dump-dom",
            "http://" + credentials + "@127.0.0.1:" + port + "/actuator/hawtio")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = browser.getInputStream().readAllBytes();
        assertThat(browser.waitFor(120, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}

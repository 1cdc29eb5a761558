package market.so.sync.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through Selenium, from the machine's own packages (Debian: {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them). Selenium Manager is never asked to download a browser:
 * when none is installed, the browser tests are skipped and say so.
 */
final class Chromium {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {
    }

    /** The browser and its driver, from {@code -Dchromium.binary} / {@code -Dchromium.driver} or the usual places. */
    static Optional<Path[]> installed() {
        Optional<Path> browser = find(System.getProperty("chromium.binary"), BROWSERS);
        Optional<Path> driver = find(System.getProperty("chromium.driver"), DRIVERS);
        return browser.isPresent() && driver.isPresent() ? Optional.of(new Path[] {browser.get(), driver.get()}) : Optional.empty();
    }

    static ChromeDriver start(Path[] installed, String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed[0].toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,1000", "--lang=" + language, "--hide-scrollbars", "--force-device-scale-factor=1");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(installed[1].toFile())
            .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> find(String configured, List<String> candidates) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}

package market.so.sync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import market.so.sync.prestashop.sim.PrestaShopSimulator;
import market.so.sync.prestashop.sim.SimShop;
import market.so.sync.support.ApiClient;
import market.so.sync.support.SharedSimulator;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The merchant's way through the pages in a real browser (headless Chromium): a connect link, a shop whose
 * webservice is off (the diagnosis), the fix made in the "back office" (the simulator), connected with the product
 * count, the categories mapped with the keyboard and the search field, saved, products re-mapped. Each page is
 * photographed into target/pages/, or into the folder of {@code -Dsomarket.screenshots}: the README's pictures are
 * refreshed on purpose with {@code -Dsomarket.screenshots=docs/pages} (README "How it is built"), never by a plain
 * {@code mvn verify}. Skipped, and saying why, when no Chromium is installed.
 */
@SyncTest
@SuppressWarnings("unchecked")
class MerchantPagesBrowserTest {

    static final Path SCREENSHOTS = Path.of(System.getProperty("somarket.screenshots", "target/pages"));
    static final PrestaShopSimulator sim = SharedSimulator.get();
    static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;

    @BeforeAll
    static void chromium() {
        Optional<Path[]> installed = Chromium.installed();
        assumeTrue(installed.isPresent(), "SKIPPED: no Chromium on this machine (apt-get install chromium chromium-driver, "
            + "or -Dchromium.binary=... -Dchromium.driver=...): the merchant's pages were NOT tested in a browser");
        browser = Chromium.start(installed.get(), "fr-FR,fr");
    }

    /**
     * An element that only the next page has, looked for until that page is there: a click returns before a
     * form's answer does (a connect waits for the first sync), and the page still shown has no such element.
     */
    private static WebElement next(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void connectThenDiagnosisThenMapThenSaved() throws IOException {
        ApiClient api = new ApiClient(rest);
        SimShop shop = sim.fixtureShop("browser-flow");
        shop.webserviceDisabled(true);
        String connect = (String) api.post("/api/merchant-links", Map.of("purpose", "connect")).getBody().get("path");

        // 1. the connect page, filled from the keyboard
        browser.get("http://localhost:" + port + connect);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Connecter votre boutique PrestaShop");
        screenshot("1-connect");
        WebElement url = browser.findElement(By.id("url"));
        url.sendKeys(shop.url());
        url.sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the key field comes next").isEqualTo("apiKey");
        browser.switchTo().activeElement().sendKeys(shop.key());
        browser.findElement(By.id("apiKey")).sendKeys(Keys.ENTER);

        // 2. the diagnosis: webservice off, where to click, the key not written back
        WebElement diagnosis = next("diagnosis");
        assertThat(diagnosis.findElement(By.tagName("h2")).getText()).isEqualTo("Le service web de votre boutique est désactivé");
        assertThat(diagnosis.getText()).contains("Paramètres avancés › Service Web", "étape §1.2");
        assertThat(browser.findElement(By.id("url")).getAttribute("value")).isEqualTo(shop.url());
        assertThat(browser.findElement(By.id("apiKey")).getAttribute("value")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(shop.key());
        screenshot("2-diagnosis");

        // the merchant turns the webservice on in the back office, comes back and pastes the key again
        shop.webserviceDisabled(false);
        browser.findElement(By.id("apiKey")).sendKeys(shop.key());
        browser.findElement(By.id("connect")).click();

        // 3. connected, with the products online
        WebElement connected = next("connected");
        assertThat(connected.getText()).contains("C’est fait : votre boutique est connectée", "5 produits sont maintenant en ligne");
        screenshot("3-connected");
        browser.findElement(By.id("go-categories")).click();

        // 4. the categories, the suggestion pre-selected; one changed with the search field
        next("c4");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Associer vos catégories à celles de So.market");
        assertThat(new Select(browser.findElement(By.id("c4"))).getFirstSelectedOption().getText()).isEqualTo("Mode homme");
        assertThat(browser.findElement(By.id("todo")).getText()).contains("Encore à classer : 5 produits sur 5");
        screenshot("4-categories");
        WebElement search = browser.findElement(By.id("c6-search"));
        search.sendKeys("bijou");
        assertThat(new Select(browser.findElement(By.id("c6"))).getFirstSelectedOption().getAttribute("value"))
            .as("typing narrows the options and picks the first match").isEqualTo(firstTaxonomyCodeMatching(api, "bijou"));
        browser.findElement(By.id("save")).click();

        // 5. saved: products re-mapped at once
        assertThat(next("saved").getText()).startsWith("Enregistré : ");
        assertThat(browser.findElement(By.id("todo")).getText()).contains("Encore à classer : aucun produit sur 5");
        screenshot("5-saved");
        long shopId = ((Number) api.getList("/api/shops").stream().filter(s -> shop.url().equals(s.get("url")))
            .findFirst().orElseThrow().get("id")).longValue();
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/shops/" + shopId + "/products").get("items");
        assertThat(items).hasSize(5).allSatisfy(p ->
            assertThat(((Map<String, Object>) p.get("category")).get("code")).isNotEqualTo("a-classer"));

        // 6. the status page, then an update asked for now, then a link that has been tampered with
        browser.findElement(By.linkText("État de la boutique")).click();
        assertThat(next("products-online").getText()).isEqualTo("5");
        screenshot("6-status");

        // 7. the shop breaks; the merchant asks for an update now and reads what to fix
        shop.webserviceDisabled(true);
        browser.findElement(By.id("sync-now")).click();
        assertThat(next("sync-asked").getText()).startsWith("C’est noté");
        String statusPage = browser.getCurrentUrl().replaceFirst("\\?.*$", "");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.get(statusPage); // where the page's own refresh leads
            return !browser.findElements(By.id("failures-title")).isEmpty();
        });
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Le service web de votre boutique est désactivé");
        assertThat(browser.findElement(By.id("sync-now")).isEnabled()).as("once per interval").isFalse();
        screenshot("7-status-failure");
        shop.webserviceDisabled(false);

        browser.get("http://localhost:" + port + connect.replace("c.0.", "c.1."));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ce lien n’est pas valide");
        screenshot("8-link-refused");
    }

    private static String firstTaxonomyCodeMatching(ApiClient api, String part) {
        return api.getList("/api/categories").stream()
            .filter(c -> java.text.Normalizer.normalize((String) c.get("label"), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase().contains(part))
            .map(c -> (String) c.get("code")).findFirst().orElseThrow();
    }

    /** The whole page (the window grown to its height), into SCREENSHOTS/NAME.png. */
    private static void screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height + 160, 600), 4000)));
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }
}

package market.so.sync.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import market.so.sync.api.RoutesAvailability;
import market.so.sync.mail.KeyHint;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.shop.KeyChange;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.RegistrationRequest;
import market.so.sync.shop.Shop;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Guide §3bis, steps 1 to 3: the site address and the key, through the same route {@code register-shop} as the
 * REST API and an e-mailed key. Connected: the first sync runs (the page waits up to
 * {@code somarket.site.first-sync-wait} for it) and the merchant lands on the shop's status with the product
 * count. Refused: the same form again with the diagnosis, the guide's step and where to click. The key is never
 * written back into the page, not even into the re-filled form.
 */
@Controller
public class ConnectPage {

    private static final Logger log = LoggerFactory.getLogger(ConnectPage.class);

    /** What the merchant typed, minus the key. */
    public record ConnectForm(String url, String contactEmail) {
    }

    /** Why the shop did not connect: a status of the guide, its step, what is missing, the shop's own words. */
    public record Diagnosis(String status, String guideStep, String missingResources, String detail, boolean keyKept,
                            String field) {
    }

    private final MerchantAccess access;
    private final ProducerTemplate camel;
    private final RoutesAvailability routes;
    private final Duration firstSyncWait;

    public ConnectPage(MerchantAccess access, ProducerTemplate camel, RoutesAvailability routes,
                       @Value("${somarket.site.first-sync-wait:20s}") Duration firstSyncWait) {
        this.access = access;
        this.camel = camel;
        this.routes = routes;
        this.firstSyncWait = firstSyncWait;
    }

    @GetMapping("/merchant/{token}/connect")
    public String form(@PathVariable String token, Model model) {
        Shop shop = access.shopOf(access.link(token));
        model.addAttribute("token", token);
        model.addAttribute("shop", shop);
        model.addAttribute("form", shop == null ? new ConnectForm("", "") : new ConnectForm(shop.url(), shop.contactEmail()));
        return "merchant/connect";
    }

    @PostMapping("/merchant/{token}/connect")
    public ModelAndView connect(@PathVariable String token, @RequestParam(defaultValue = "") String url,
                                @RequestParam(defaultValue = "") String apiKey,
                                @RequestParam(defaultValue = "") String contactEmail, HttpServletResponse response) {
        Shop shop = access.shopOf(access.link(token));
        ConnectForm form = new ConnectForm(url.strip(), contactEmail.strip());
        ModelAndView page = new ModelAndView("merchant/connect");
        page.addObject("token", token);
        page.addObject("shop", shop);
        page.addObject("form", form);
        String key = apiKey.replaceAll("\\s+", "");
        if (form.url().isEmpty()) {
            return refused(page, "url", "missing");
        }
        if (key.isEmpty()) {
            return refused(page, "apiKey", "missing");
        }
        if (!ApiKey.of(key).wellFormed()) {
            return refused(page, "apiKey", "malformed");
        }
        if (!form.contactEmail().isEmpty() && !form.contactEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return refused(page, "contactEmail", "malformed");
        }
        if (!routes.running()) {
            return unavailable(page, response);
        }
        RegistrationOutcome outcome = camel.requestBodyAndHeader("direct:register-shop",
            new RegistrationRequest(form.url(), key, form.contactEmail().isEmpty() ? null : form.contactEmail(), "page"),
            "firstSync", "inline", RegistrationOutcome.class);
        if (!outcome.connected()) {
            page.addObject("diagnosis", new Diagnosis(outcome.status().name(), outcome.status().guideStep(),
                String.join(", ", outcome.missingResources()),
                KeyHint.redact(KeyHint.redactKeyShapes(outcome.statusDetail()), java.util.List.of(key)),
                outcome.keyChange() == KeyChange.REFUSED_KEPT_PREVIOUS, outcome.status().isKeyProblem() ? "apiKey" : "url"));
            page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
            return page;
        }
        firstSync(outcome.shopId());
        return new ModelAndView("redirect:" + MerchantLinks.path(access.tokenFor(outcome.shopId()), "") + "?connected="
            + (outcome.newShop() ? "new" : "again"));
    }

    /** Starts the shop's sync and waits a little for it, so that the next page can say how many products are online. */
    private void firstSync(long shopId) {
        CompletableFuture<Object> sync = camel.asyncRequestBodyAndHeader("direct:sync-shop", shopId, "syncTrigger",
            "merchant-page");
        try {
            sync.get(firstSyncWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            log.info("shop {}: first sync still running after {}; the status page follows it", shopId, firstSyncWait);
        } catch (ExecutionException failed) {
            log.warn("shop {}: the sync asked from the merchant's page failed: {}", shopId, failed.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starting or stopping: the form comes back as typed (not the key), to send again in a few seconds. */
    private static ModelAndView unavailable(ModelAndView page, HttpServletResponse response) {
        page.addObject("unavailable", true);
        page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RoutesAvailability.RETRY_AFTER.toSeconds()));
        return page;
    }

    private static ModelAndView refused(ModelAndView page, String field, String problem) {
        page.addObject("fieldError", field);
        page.addObject("fieldProblem", problem);
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }
}

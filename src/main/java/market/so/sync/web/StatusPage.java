package market.so.sync.web;

import java.util.List;
import market.so.sync.api.RoutesAvailability;
import market.so.sync.mail.KeyHint;
import market.so.sync.shop.Shop;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The shop's status: products online, the last sync and its outcome in words, the last failures with their fix,
 * and "Synchroniser maintenant" (at most once per {@code somarket.site.sync-now-interval}). While a sync runs the
 * page refreshes itself (a meta refresh: no script needed).
 */
@Controller
public class StatusPage {

    private static final int HISTORY = 10;
    private static final int FAILURES = 3;

    private final MerchantAccess access;
    private final ShopHistory history;
    private final SyncNowRequests syncNow;
    private final ProducerTemplate camel;
    private final RoutesAvailability routes;
    private final PageClock clock;

    public StatusPage(MerchantAccess access, ShopHistory history, SyncNowRequests syncNow, ProducerTemplate camel,
                      RoutesAvailability routes, PageClock clock) {
        this.access = access;
        this.history = history;
        this.syncNow = syncNow;
        this.camel = camel;
        this.routes = routes;
        this.clock = clock;
    }

    @GetMapping("/merchant/{token}")
    public String status(@PathVariable String token, @RequestParam(required = false) String connected,
                         @RequestParam(required = false) String sync, Model model) {
        Shop shop = access.shopOf(access.link(token));
        if (shop == null) {
            return "redirect:" + MerchantLinks.path(token, "connect");
        }
        List<ShopHistory.SyncLine> syncs = history.recent(shop.id(), HISTORY);
        // a shop just connected whose first sync has not written its row yet is as good as running
        boolean running = !syncs.isEmpty() && "RUNNING".equals(syncs.get(0).outcome())
            || connected != null && syncs.isEmpty();
        ShopHistory.SyncLine last = syncs.stream().filter(s -> !"RUNNING".equals(s.outcome())).findFirst().orElse(null);
        model.addAttribute("token", token);
        model.addAttribute("shop", shop);
        model.addAttribute("connected", connected);
        model.addAttribute("syncAsked", sync);
        model.addAttribute("running", running);
        model.addAttribute("last", last);
        model.addAttribute("lastAt", last == null ? null : clock.local(last.finishedAt() == null ? last.startedAt() : last.finishedAt()));
        model.addAttribute("lastProblem", last == null ? null : problem(last.errorClass()));
        model.addAttribute("lastDetail", last == null ? null : KeyHint.redactKeyShapes(last.errorDetail()));
        model.addAttribute("failures", syncs.stream().filter(ShopHistory.SyncLine::failed).limit(FAILURES)
            .map(s -> new Failure(clock.local(s.startedAt()), problem(s.errorClass()),
                KeyHint.redactKeyShapes(s.errorDetail())))
            .toList());
        model.addAttribute("productsOnline", history.activeProducts(shop.id()));
        model.addAttribute("unclassified", history.unclassifiedProducts(shop.id()));
        model.addAttribute("lastSuccessAt", clock.local(shop.lastSuccessAt()));
        model.addAttribute("nextSyncNow", clock.local(syncNow.nextAllowedAt(shop.id())));
        return "merchant/status";
    }

    /** The messages' key for an error class: a shop status, DATABASE or INTERRUPTED; any other is a failed sync. */
    static String problem(String errorClass) {
        if ("DATABASE".equals(errorClass) || "INTERRUPTED".equals(errorClass)) {
            return errorClass;
        }
        for (ShopStatus status : ShopStatus.values()) {
            if (status.name().equals(errorClass)) {
                return errorClass;
            }
        }
        return ShopStatus.SYNC_FAILED.name();
    }

    /** A failed sync, in the page's words: when, its class (a key of the messages), the shop's own words. */
    public record Failure(java.time.ZonedDateTime at, String errorClass, String detail) {
    }

    @PostMapping("/merchant/{token}/sync")
    public String syncNow(@PathVariable String token) {
        Shop shop = access.shopOf(access.link(token));
        if (shop == null) {
            return "redirect:" + MerchantLinks.path(token, "connect");
        }
        if (shop.paused()) {
            return "redirect:" + MerchantLinks.path(token, "") + "?sync=paused";
        }
        if (!routes.running()) {
            // before the claim: a sync that cannot start now does not cost the merchant their next quarter of an hour
            return "redirect:" + MerchantLinks.path(token, "") + "?sync=unavailable";
        }
        SyncNowRequests.Claim claim = syncNow.claim(shop.id());
        if (!claim.accepted()) {
            return "redirect:" + MerchantLinks.path(token, "") + "?sync=wait";
        }
        camel.asyncRequestBodyAndHeader("direct:sync-shop", shop.id(), "syncTrigger", "merchant-page");
        return "redirect:" + MerchantLinks.path(token, "") + "?sync=started";
    }
}

package market.so.sync.mail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import market.so.sync.run.ShopOutcome;
import market.so.sync.shop.RegistrationOutcome;
import market.so.sync.shop.RegistrationRequest;
import market.so.sync.shop.Shop;
import market.so.sync.shop.ShopRepository;
import market.so.sync.shop.ShopStatus;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Guide §3, the key sent by e-mail: turns the candidates the reader found into one registration. A mail may hold
 * several shop addresses (the shop, the web agency, Facebook) and several keys (an old one and a new one); each
 * address × key pair goes through route {@code register-shop}, best candidates first, and the first that answers
 * as a PrestaShop with its key wins. When none does, the answer is about the one that got furthest (a shop that
 * refused the key says more than a site that is not a PrestaShop).
 *
 * <p>The first sync then runs while the mail is being handled, so that the answer can say how many products are
 * online, as the guide promises.
 */
@Component("mailRegistration")
public class MailRegistration {

    /** How far a failed registration got: the higher, the more useful its answer to the merchant. */
    private static final Map<ShopStatus, Integer> PROGRESS = Map.ofEntries(
            Map.entry(ShopStatus.MISSING_PERMISSION, 9), Map.entry(ShopStatus.SHOP_NOT_ALLOWED, 8),
            Map.entry(ShopStatus.INVALID_KEY, 7), Map.entry(ShopStatus.AUTH_HEADER_STRIPPED, 7),
            Map.entry(ShopStatus.WEBSERVICE_DISABLED, 6), Map.entry(ShopStatus.URL_REWRITING, 5),
            Map.entry(ShopStatus.RESPONSE_TOO_LARGE, 4), Map.entry(ShopStatus.TLS_ERROR, 4), Map.entry(ShopStatus.TIMEOUT, 3), Map.entry(ShopStatus.UNREACHABLE, 3),
            Map.entry(ShopStatus.NOT_PRESTASHOP, 2), Map.entry(ShopStatus.UNSAFE_URL, 1));

    private final ProducerTemplate routes;
    private final ShopRepository shops;
    private final int maxTries;

    public MailRegistration(ProducerTemplate routes, ShopRepository shops,
            @Value("${somarket.mail.max-candidates:6}") int maxTries) {
        this.routes = routes;
        this.shops = shops;
        this.maxTries = maxTries;
    }

    /** Tries the address × key candidates until one connects; at most {@code somarket.mail.max-candidates} tries. */
    public MailOutcome register(KeyEmail mail) {
        return tryCandidates(mail, request -> routes.requestBodyAndHeader("direct:register-shop", request, "firstSync", "inline",
                RegistrationOutcome.class));
    }

    /**
     * The choice among candidates, apart from the route that judges each one (for unit tests). Not an overload of
     * {@link #register}: the route calls that one by name.
     */
    MailOutcome tryCandidates(KeyEmail mail, Function<RegistrationRequest, RegistrationOutcome> registerShop) {
        MailOutcome best = null;
        // per address, what got furthest there: the answer lists them when none connected
        Map<String, ShopStatus> tried = new LinkedHashMap<>();
        int tries = 0;
        candidates:
        for (String url : mail.urls()) {
            for (String key : mail.keys()) {
                if (tries++ >= maxTries) {
                    break candidates;
                }
                RegistrationOutcome outcome = registerShop.apply(new RegistrationRequest(url, key, mail.replyAddress(), "mail"));
                MailOutcome attempt = new MailOutcome(mail, outcome, key, null, null);
                if (outcome.connected()) {
                    return attempt;
                }
                tried.merge(url, outcome.status(), (a, b) -> progress(b) > progress(a) ? b : a);
                if (best == null || progress(outcome) > progress(best.outcome())) {
                    best = attempt;
                }
                if (!isAboutTheKey(outcome.status())) {
                    break; // the address itself failed: another key will not do better there
                }
            }
        }
        return best == null ? null : best.withTried(tried.entrySet().stream()
                .map(entry -> new MailOutcome.Tried(entry.getKey(), entry.getValue())).toList());
    }

    /**
     * On a connected shop, the first sync now (trigger {@code mail}) and the products it put online. A failed
     * sync is answered as such; a sync already running elsewhere leaves the count unknown.
     */
    public MailOutcome syncConnected(MailOutcome registered) {
        if (registered == null || !registered.outcome().connected()) {
            return registered;
        }
        long shopId = registered.outcome().shopId();
        ShopOutcome sync = routes.requestBodyAndHeader("direct:sync-shop", shopId, "syncTrigger", "mail", ShopOutcome.class);
        return switch (sync.result()) {
            case OK -> registered.withSync(registered.outcome(), shops.find(shopId).map(Shop::productCount).orElse(null));
            case SKIPPED -> registered;
            case FAILED -> registered.withSync(failedSync(registered.outcome(), sync), null);
        };
    }

    private static RegistrationOutcome failedSync(RegistrationOutcome connected, ShopOutcome sync) {
        return new RegistrationOutcome(connected.shopId(), connected.url(), ShopStatus.SYNC_FAILED, sync.errorDetail(),
                connected.missingResources(), connected.keyChange(), connected.newShop());
    }

    private static boolean isAboutTheKey(ShopStatus status) {
        return status == ShopStatus.INVALID_KEY || status == ShopStatus.MISSING_PERMISSION
                || status == ShopStatus.SHOP_NOT_ALLOWED;
    }

    private static int progress(RegistrationOutcome outcome) {
        return progress(outcome.status());
    }

    private static int progress(ShopStatus status) {
        return status == null ? 0 : PROGRESS.getOrDefault(status, 0);
    }
}

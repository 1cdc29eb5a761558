package market.so.sync.shop;

import java.net.UnknownHostException;
import java.util.List;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.RequestMeter;
import market.so.sync.prestashop.ShopProbe;
import market.so.sync.prestashop.WebserviceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The three steps of route {@code register-shop}, shared by the REST API and the e-mail intake:
 * check the address, probe the webservice with the key, store the shop. A refused key never
 * replaces a key that works; a new shop is only stored once its key works.
 */
@Component("shopRegistration")
public class ShopRegistration {

    private static final Logger log = LoggerFactory.getLogger(ShopRegistration.class);

    private final AddressGuard guard;
    private final ShopProbe probe;
    private final ShopRepository shops;
    private final KeyCipher cipher;

    public ShopRegistration(AddressGuard guard, ShopProbe probe, ShopRepository shops, KeyCipher cipher) {
        this.guard = guard;
        this.probe = probe;
        this.shops = shops;
        this.cipher = cipher;
    }

    /** Guide §3bis: the site address, normalised, public, and a key of PrestaShop's shape. */
    public Registration checkAddress(RegistrationRequest request) {
        String url;
        try {
            url = ShopUrl.normalise(request.url());
        } catch (ShopUrl.InvalidShopUrl e) {
            return Registration.refused(request, request.url(), new WebserviceException(ShopStatus.INVALID_URL, e.getMessage()));
        }
        try {
            guard.resolve(ShopUrl.host(url));
            guard.checkOrigin(url);
        } catch (AddressGuard.UnsafeAddress e) {
            return Registration.refused(request, url, new WebserviceException(ShopStatus.UNSAFE_URL, e.getMessage()));
        } catch (UnknownHostException e) {
            return Registration.refused(request, url, new WebserviceException(ShopStatus.UNREACHABLE,
                "the address " + ShopUrl.host(url) + " does not resolve"));
        }
        Shop existing = shops.findByUrl(url).orElse(null);
        ApiKey key = request.apiKey() == null ? null : ApiKey.of(request.apiKey());
        if (key == null || !key.wellFormed()) {
            return new Registration(request, url, key, existing, null, new WebserviceException.InvalidKey(
                "a webservice key is 32 characters: letters, digits and @ # ? - _"));
        }
        return new Registration(request, url, key, existing, null, null);
    }

    /** Guide §1.1, §1.2, §2: the webservice answers, and the key may read what we need. */
    public Registration probe(Registration registration) {
        if (registration.hasProblem()) {
            return registration;
        }
        Integer idShop = registration.existing() == null ? null : registration.existing().idShop();
        try {
            return registration.probed(probe.probe(registration.url(), registration.key(), idShop, new RequestMeter()));
        } catch (WebserviceException e) {
            return registration.failed(e);
        }
    }

    /** Stores the shop, its key encrypted; answers what happened. */
    public RegistrationOutcome store(Registration registration) {
        Shop existing = registration.existing();
        if (registration.hasProblem()) {
            WebserviceException problem = registration.problem();
            List<String> missing = problem instanceof WebserviceException.MissingPermission m ? m.resources() : List.of();
            boolean keptPrevious = existing != null;
            log.info("registration of {} from {} refused: {} ({})", registration.url(), registration.request().source(),
                problem.status(), problem.getMessage());
            return new RegistrationOutcome(keptPrevious ? existing.id() : null, registration.url(), problem.status(),
                problem.getMessage(), missing, keptPrevious ? KeyChange.REFUSED_KEPT_PREVIOUS : null, false);
        }
        ShopProbe.ProbeResult result = registration.probe();
        ApiKey key = registration.key();
        String contact = blankToNull(registration.request().contactEmail());
        if (existing == null) {
            long id = shops.insert(registration.url(), contact, cipher.encrypt(key), key.hint(), result.access(),
                result.psVersion(), result.shopName(), detail(result) + "; first sync pending");
            log.info("shop {} registered from {}: {} (PrestaShop {})", id, registration.request().source(),
                registration.url(), result.psVersion());
            return new RegistrationOutcome(id, registration.url(), ShopStatus.CONNECTED, detail(result), List.of(),
                KeyChange.NEW_SHOP, true);
        }
        boolean sameKey = cipher.decrypt(existing.encryptedKey()).equals(key);
        shops.updateAccess(existing.id(), contact, cipher.encrypt(key), key.hint(), result.access(),
            result.psVersion(), result.shopName(), detail(result));
        log.info("shop {} re-registered from {}: key {}", existing.id(), registration.request().source(),
            sameKey ? "unchanged" : "replaced");
        return new RegistrationOutcome(existing.id(), registration.url(), ShopStatus.CONNECTED, detail(result), List.of(),
            sameKey ? KeyChange.UNCHANGED : KeyChange.REPLACED, false);
    }

    private static String detail(ShopProbe.ProbeResult result) {
        StringBuilder detail = new StringBuilder("connected");
        if (result.access().authMode() == market.so.sync.prestashop.ShopAccess.AuthMode.WS_KEY) {
            detail.append("; the host drops the Authorization header, so the key is sent as ws_key");
        }
        if (result.access().entryPoint() == market.so.sync.prestashop.ShopAccess.EntryPoint.DISPATCHER) {
            detail.append("; /api/ is not rewritten (guide §1.1), so webservice/dispatcher.php is used");
        }
        return detail.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

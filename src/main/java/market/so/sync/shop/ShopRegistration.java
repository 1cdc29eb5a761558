package market.so.sync.shop;

import java.net.UnknownHostException;
import java.util.List;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.RequestMeter;
import market.so.sync.prestashop.ShopLocator;
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
    private final ShopLocator locator;

    public ShopRegistration(AddressGuard guard, ShopProbe probe, ShopRepository shops, KeyCipher cipher,
                            ShopLocator locator) {
        this.guard = guard;
        this.locator = locator;
        this.probe = probe;
        this.shops = shops;
        this.cipher = cipher;
    }

    /**
     * Guide §3bis: the site address, read as merchants paste it (ShopAddress: spaces, pages, back-office
     * folder and token cut off), public, and a key of PrestaShop's shape.
     */
    public Registration checkAddress(RegistrationRequest request) {
        ShopAddress address;
        try {
            address = ShopAddress.parse(request.url());
        } catch (ShopUrl.InvalidShopUrl e) {
            // echoed without its query: a pasted back-office address carries its token there
            return Registration.refused(request, request.url() == null ? null : request.url().strip().split("[?#]", 2)[0],
                new WebserviceException(ShopStatus.INVALID_URL, e.getMessage()));
        }
        String url = address.display();
        try {
            guard.resolve(address.host());
            guard.checkOrigin(url);
        } catch (AddressGuard.UnsafeAddress e) {
            return Registration.refused(request, url, new WebserviceException(ShopStatus.UNSAFE_URL, e.getMessage()));
        } catch (UnknownHostException e) {
            return Registration.refused(request, url, new WebserviceException(ShopStatus.UNREACHABLE,
                "the address " + address.host() + " does not resolve"));
        }
        Shop existing = shops.findByUrl(url).orElse(null);
        ApiKey key = request.apiKey() == null ? null : ApiKey.of(request.apiKey());
        if (key == null || !key.wellFormed()) {
            return new Registration(request, url, key, existing, null, new WebserviceException.InvalidKey(
                "a webservice key is 32 characters: letters, digits and @ # ? - _"), address, null);
        }
        return new Registration(request, url, key, existing, null, null, address, null);
    }

    /**
     * Guide §1.1, §1.2, §2: the address the webservice answers at (found without the key, ShopLocator),
     * then, there only, the key: the webservice answers it, and it may read what we need.
     */
    public Registration probe(Registration registration) {
        if (registration.hasProblem()) {
            return registration;
        }
        RequestMeter meter = new RequestMeter();
        Registration located;
        try {
            ShopLocator.Found found = locator.locate(registration.address(), meter);
            Shop known = shops.findByUrl(found.baseUrl()).orElse(registration.existing());
            located = registration.located(found, known);
        } catch (WebserviceException e) {
            return registration.failed(e);
        }
        Integer idShop = located.existing() == null ? null : located.existing().idShop();
        try {
            return located.probed(probe.probe(located.url(), located.key(), idShop, meter));
        } catch (WebserviceException e) {
            return located.failed(e);
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
                result.psVersion(), result.shopName(), detail(registration) + "; first sync pending");
            log.info("shop {} registered from {}: {} (PrestaShop {})", id, registration.request().source(),
                registration.url(), result.psVersion());
            return new RegistrationOutcome(id, registration.url(), ShopStatus.CONNECTED, detail(registration), List.of(),
                KeyChange.NEW_SHOP, true);
        }
        boolean sameKey = cipher.decrypt(existing.encryptedKey()).equals(key);
        if (!existing.url().equals(registration.url())) {
            shops.moveTo(existing.id(), registration.url()); // stored before under an address that only redirects
        }
        shops.updateAccess(existing.id(), contact, cipher.encrypt(key), key.hint(), result.access(),
            result.psVersion(), result.shopName(), detail(registration));
        log.info("shop {} re-registered from {}: key {}", existing.id(), registration.request().source(),
            sameKey ? "unchanged" : "replaced");
        return new RegistrationOutcome(existing.id(), registration.url(), ShopStatus.CONNECTED, detail(registration), List.of(),
            sameKey ? KeyChange.UNCHANGED : KeyChange.REPLACED, false);
    }

    private static String detail(Registration registration) {
        ShopProbe.ProbeResult result = registration.probe();
        StringBuilder detail = new StringBuilder("connected");
        ShopLocator.Found found = registration.found();
        if (found != null && !found.baseUrl().equals(registration.address().display())) {
            detail.append("; we connected ").append(found.baseUrl()).append(", the address your shop answers at");
        }
        if (found != null && found.httpsRefused() != null) {
            detail.append("; your shop has no https (").append(found.httpsRefused().getMessage())
                .append("), so it is read over http: ask your host for a certificate");
        }
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

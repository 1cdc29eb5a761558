package market.so.sync.prestashop;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.so.sync.shop.AddressGuard;
import market.so.sync.shop.ShopAddress;
import market.so.sync.shop.ShopStatus;
import org.springframework.stereotype.Component;

/**
 * Finds the address a shop's webservice answers at, from the address a merchant gave, without the
 * key: the key goes only to an address that has answered as a PrestaShop webservice (a 401 with
 * PrestaShop's realm, or its XML errors). Three moves, in this order:
 * <ul>
 * <li>a missing scheme tries https, then http when https is refused or its TLS fails;</li>
 * <li>a path is walked up, folder by folder, to the deepest one whose {@code /api/} (or, when
 * {@code /api/} is not rewritten, {@code webservice/dispatcher.php}) answers;</li>
 * <li>a redirect to another origin (host, scheme or port: PrestaShop's canonical redirect to its
 * {@code PS_SHOP_DOMAIN}) is followed once per hop, at most {@value #MAX_HOPS} hops, each target
 * checked before anything is sent to it. A redirect within the same origin (the back office's
 * login page) only means "not here".</li>
 * </ul>
 * What is left is classified: unreachable, timeout, TLS, unsafe address, redirect loop, not a PrestaShop.
 */
@Component
public class ShopLocator {

    static final int MAX_HOPS = 3;

    private final WebserviceClient client;
    private final AddressGuard guard;

    public ShopLocator(WebserviceClient client, AddressGuard guard) {
        this.client = client;
        this.guard = guard;
    }

    /**
     * Where the shop answers. {@code httpsRefused} is the problem https had when the merchant typed no
     * scheme and http answered (null otherwise); {@code hops} the redirects followed.
     */
    public record Found(String baseUrl, WebserviceException httpsRefused, int hops) {
    }

    public Found locate(ShopAddress address, RequestMeter meter) {
        WebserviceException first = null;
        for (String scheme : address.schemes()) {
            try {
                Found found = walk(address.base(scheme, 0), address.folders(), meter);
                return first == null ? found : new Found(found.baseUrl(), first, found.hops());
            } catch (WebserviceException problem) {
                if (!address.schemeGiven() && scheme.equals("https") && connectionLevel(problem)) {
                    first = problem;
                    continue;
                }
                throw problem;
            }
        }
        throw first;
    }

    /** https that does not even answer: the shop may well be on http only. */
    private static boolean connectionLevel(WebserviceException problem) {
        return problem.status() == ShopStatus.TLS_ERROR || problem.status() == ShopStatus.UNREACHABLE
            || problem.status() == ShopStatus.TIMEOUT;
    }

    private Found walk(String origin, List<String> folders, RequestMeter meter) {
        Set<String> visited = new HashSet<>();
        int hops = 0;
        String currentOrigin = origin;
        List<String> currentFolders = folders;
        WebserviceException passwordAsked = null;
        WebserviceException slowFolder = null;
        while (true) {
            Redirect redirect = null;
            for (int depth = currentFolders.size(); depth >= 0 && redirect == null; depth--) {
                String base = join(currentOrigin, currentFolders, depth);
                visited.add(base);
                Knock knock = knock(base, meter);
                if (timedOut(knock) && depth == 0) {
                    throw knock.problem();
                }
                if (timedOut(knock) && slowFolder == null) {
                    slowFolder = knock.problem(); // the answer if no folder above turns out to be the shop
                }
                if (knock.prestashop()) {
                    return new Found(base, null, hops);
                }
                if (knock.redirect() != null && !sameOrigin(knock.redirect(), currentOrigin)) {
                    redirect = knock.redirect();
                } else if (passwordAsked == null && knock.problem() != null
                           && String.valueOf(knock.problem().getMessage()).contains("password")) {
                    passwordAsked = knock.problem(); // an HTTP password in front of the shop says more than a 404
                }
            }
            if (redirect == null) {
                throw passwordAsked != null ? passwordAsked : slowFolder != null ? slowFolder : new WebserviceException.NotPrestashop(
                    "no PrestaShop webservice answers at this address or in any folder above it "
                        + "(/api/ and webservice/dispatcher.php)");
            }
            hops++;
            if (hops > MAX_HOPS || visited.contains(redirect.base())) {
                throw new WebserviceException(ShopStatus.REDIRECT_LOOP, hops > MAX_HOPS
                    ? "the address redirects more than " + MAX_HOPS + " times without reaching a PrestaShop webservice"
                    : "the address redirects in a loop (back to an address already tried)");
            }
            check(redirect.host());
            currentOrigin = redirect.origin();
            currentFolders = redirect.folders();
        }
    }

    /** One keyless GET of {@code /api/} at a base, then of the dispatcher when {@code /api/} is not there. */
    private Knock knock(String base, RequestMeter meter) {
        Knock api = knockAt(new ShopAccess(base, null, ShopAccess.AuthMode.HEADER, ShopAccess.EntryPoint.REWRITE, null), meter);
        if (api.prestashop() || api.redirect() != null || timedOut(api)) {
            return api;
        }
        Knock dispatcher = knockAt(new ShopAccess(base, null, ShopAccess.AuthMode.HEADER,
            ShopAccess.EntryPoint.DISPATCHER, null), meter);
        return dispatcher.prestashop() || dispatcher.redirect() != null ? dispatcher : api;
    }

    private Knock knockAt(ShopAccess access, RequestMeter meter) {
        try {
            XmlHolder holder = new XmlHolder();
            client.stream(WebserviceCall.of(access, "", Map.of()), 0, holder, WebserviceClient.Options.probe(meter));
            boolean listing = holder.root != null && holder.root.child("api") != null;
            return listing ? Knock.PRESTASHOP : new Knock(false, null,
                new WebserviceException.NotPrestashop("the address answered XML that is not a PrestaShop resource list"));
        } catch (WebserviceException.Redirected redirected) {
            return new Knock(false, target(access, redirected), redirected);
        } catch (WebserviceException.HeaderStripped | WebserviceException.InvalidKey | WebserviceException.WebserviceDisabled
                 | WebserviceException.MissingPermission | WebserviceException.ShopNotAllowed
                 | WebserviceException.RenderingError prestashopAnswered) {
            return Knock.PRESTASHOP; // PrestaShop's realm or its XML errors: its webservice is here
        } catch (WebserviceException problem) {
            // a timeout below the root is "not here": a shop renders its 404 page for /fr/api/ (slowly, on a
            // cold cache: measured on the real shop), while its webservice answers at the root
            if (problem.status() == ShopStatus.NOT_PRESTASHOP || problem.status() == ShopStatus.SYNC_FAILED
                || problem.status() == ShopStatus.TIMEOUT) {
                return new Knock(false, null, problem);
            }
            throw problem; // unreachable, timeout, TLS, unsafe: no point in walking further
        }
    }

    private static boolean timedOut(Knock knock) {
        return knock.problem() != null && knock.problem().status() == ShopStatus.TIMEOUT;
    }

    /** Where a redirect points, as a shop address (its query, page and back-office folder dropped). */
    private static Redirect target(ShopAccess access, WebserviceException.Redirected redirected) {
        String location = redirected.location();
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            URI resolved = URI.create(WebserviceCall.of(access, "", Map.of()).url()).resolve(location.strip());
            ShopAddress address = ShopAddress.parse(resolved.toString());
            String origin = address.base(resolved.getScheme().toLowerCase(java.util.Locale.ROOT), 0);
            return new Redirect(origin, address.folders(), join(origin, address.folders(), address.folders().size()),
                address.host());
        } catch (IllegalArgumentException | NullPointerException unusable) {
            return null; // a Location we cannot read is just "not here"
        }
    }

    /**
     * The guard the HTTP client applies at every connection, applied before the first byte goes to a
     * redirect's target; and, whatever {@code allow-private-networks} says, never a link-local,
     * wildcard or multicast address (169.254.169.254 is where clouds keep their credentials).
     */
    private void check(String host) {
        try {
            for (InetAddress address : guard.resolve(host)) {
                if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    throw new AddressGuard.UnsafeAddress(host);
                }
            }
        } catch (AddressGuard.UnsafeAddress unsafe) {
            throw new WebserviceException(ShopStatus.UNSAFE_URL, "the address redirects to " + host
                + ", which points to a private or local network; the redirect was not followed");
        } catch (UnknownHostException unknown) {
            throw new WebserviceException(ShopStatus.UNREACHABLE, "the address redirects to " + host
                + ", which does not resolve");
        }
    }

    private static boolean sameOrigin(Redirect redirect, String origin) {
        return redirect.origin().equals(origin);
    }

    private static String join(String origin, List<String> folders, int depth) {
        StringBuilder url = new StringBuilder(origin);
        for (int i = 0; i < depth; i++) {
            url.append('/').append(folders.get(i));
        }
        return url.toString();
    }

    /** What one knock found: the webservice, a redirect to follow, or why this is not it. */
    private record Knock(boolean prestashop, Redirect redirect, WebserviceException problem) {
        static final Knock PRESTASHOP = new Knock(true, null, null);
    }

    private record Redirect(String origin, List<String> folders, String base, String host) {
    }

    private static final class XmlHolder implements java.util.function.Consumer<market.so.sync.prestashop.xml.XmlNode> {
        private market.so.sync.prestashop.xml.XmlNode root;

        @Override
        public void accept(market.so.sync.prestashop.xml.XmlNode node) {
            root = node;
        }
    }
}

package market.so.sync.shop;

import market.so.sync.prestashop.ApiKey;
import market.so.sync.prestashop.ShopLocator;
import market.so.sync.prestashop.ShopProbe;
import market.so.sync.prestashop.WebserviceException;

/**
 * A registration on its way through route {@code register-shop}: the request, the address once
 * normalised ({@code url}, then the address the shop was found at), the shop we already know at that
 * address, then the probe's result or the problem that stopped it. Each step returns a new value; a
 * step after a problem passes it on unchanged.
 */
public record Registration(RegistrationRequest request, String url, ApiKey key, Shop existing,
                           ShopProbe.ProbeResult probe, WebserviceException problem, ShopAddress address,
                           ShopLocator.Found found) {

    static Registration refused(RegistrationRequest request, String url, WebserviceException problem) {
        return new Registration(request, url, null, null, null, problem, null, null);
    }

    /** The shop was found at {@code found.baseUrl()}: from now on that is its address. */
    Registration located(ShopLocator.Found where, Shop known) {
        return new Registration(request, where.baseUrl(), key, known, null, null, address, where);
    }

    Registration probed(ShopProbe.ProbeResult result) {
        return new Registration(request, url, key, existing, result, null, address, found);
    }

    Registration failed(WebserviceException failure) {
        return new Registration(request, url, key, existing, null, failure, address, found);
    }

    public boolean hasProblem() {
        return problem != null;
    }

    @Override
    public String toString() {
        return "Registration[" + url + (problem == null ? "" : " " + problem.status()) + "]";
    }
}

package market.so.sync.prestashop;

/**
 * How to reach one shop's webservice: where, with which key, and the two work-arounds the probe may
 * have found (the key as ws_key when the host strips Authorization; the dispatcher when /api/ is not
 * rewritten). {@code idShop} selects one shop of a multistore installation.
 */
public record ShopAccess(String baseUrl, ApiKey key, AuthMode authMode, EntryPoint entryPoint, Integer idShop) {

    public enum AuthMode { HEADER, WS_KEY }

    public enum EntryPoint { REWRITE, DISPATCHER }

    public ShopAccess with(AuthMode mode) {
        return new ShopAccess(baseUrl, key, mode, entryPoint, idShop);
    }

    public ShopAccess with(EntryPoint entry) {
        return new ShopAccess(baseUrl, key, authMode, entry, idShop);
    }
}

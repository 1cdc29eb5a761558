package market.so.sync.shop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A shop's base address as merchants type it ("monsiteweb.com", "https://www.shop.fr/boutique/",
 * "http://shop.fr/index.php"), reduced to one canonical form: scheme added when missing, host in
 * lower case, default port, query, fragment and trailing slashes dropped, a sub-folder kept.
 */
public final class ShopUrl {

    private ShopUrl() {
    }

    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidShopUrl("the shop address is missing");
        }
        String text = raw.strip();
        if (!text.contains("://")) {
            if (text.matches("(?i)^[a-z][a-z0-9+.-]*:.*") && !text.matches("(?i)^[^:/]+:\\d+.*")) {
                throw new InvalidShopUrl("only http and https addresses are accepted");
            }
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text.replace(" ", "%20"));
        } catch (URISyntaxException e) {
            throw new InvalidShopUrl("the shop address is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidShopUrl("only http and https addresses are accepted, not " + scheme + ":");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidShopUrl("the address must not contain a user name or key; send the key separately");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank() || (!host.contains(".") && !host.equals("localhost") && !host.startsWith("["))) {
            throw new InvalidShopUrl("the shop address has no valid host name");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = stripEnd(path);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    public static String host(String normalisedUrl) {
        return URI.create(normalisedUrl).getHost();
    }

    /** Drops what merchants paste after the shop's folder: slashes, index.php, the api/ entry. */
    private static String stripEnd(String path) {
        String p = path;
        boolean changed = true;
        while (changed) {
            changed = false;
            String lower = p.toLowerCase(Locale.ROOT);
            for (String tail : new String[] {"/", "/index.php", "/api", "/webservice/dispatcher.php"}) {
                if (lower.endsWith(tail)) {
                    p = p.substring(0, p.length() - tail.length());
                    changed = true;
                    break;
                }
            }
        }
        return p;
    }

    /** The address cannot be used at all. */
    public static class InvalidShopUrl extends IllegalArgumentException {
        public InvalidShopUrl(String message) {
            super(message);
        }
    }
}

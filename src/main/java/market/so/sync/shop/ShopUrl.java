package market.so.sync.shop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shop's base address as merchants type it ("monsiteweb.com", "https://www.shop.fr/boutique/",
 * "http://shop.fr/index.php"), reduced to one canonical form: scheme added when missing, host in
 * lower case, default port, query, fragment and trailing slashes dropped, a sub-folder kept. A host
 * that is a numeric address is written the one way browsers and Java agree on ({@link HostLiteral}):
 * {@code http://0177.0.0.1} becomes {@code http://127.0.0.1}, the address a browser would call.
 */
public final class ShopUrl {

    private static final Pattern NUMERIC_AUTHORITY = Pattern.compile("^([^:]+)(?::(\\d{1,5}))?$");

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
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI reads 127.1, 0x7f.1 or 127.0.0.1. as no host at all; a browser reads them as addresses
            String[] hostAndPort = numericAuthority(uri.getRawAuthority());
            host = hostAndPort[0];
            port = hostAndPort[1] == null ? -1 : Integer.parseInt(hostAndPort[1]);
        }
        try {
            host = host == null ? null : HostLiteral.canonical(host);
        } catch (HostLiteral.InvalidHost e) {
            throw new InvalidShopUrl(e.getMessage());
        }
        if (host == null || host.isBlank() || (!host.contains(".") && !host.equals("localhost") && !host.startsWith("["))) {
            throw new InvalidShopUrl("the shop address has no valid host name");
        }
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = stripEnd(path);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    public static String host(String normalisedUrl) {
        return URI.create(normalisedUrl).getHost();
    }

    /** Host and port (or null) of an authority java.net.URI could not read, when its host is numeric. */
    private static String[] numericAuthority(String authority) {
        if (authority.contains("@")) {
            throw new InvalidShopUrl("the address must not contain a user name or key; send the key separately");
        }
        Matcher m = NUMERIC_AUTHORITY.matcher(authority);
        if (!m.matches() || !HostLiteral.endsInANumber(m.group(1).toLowerCase(Locale.ROOT))) {
            throw new InvalidShopUrl("the shop address has no valid host name");
        }
        if (m.group(2) != null && Integer.parseInt(m.group(2)) > 65535) {
            throw new InvalidShopUrl("the port " + m.group(2) + " does not exist (at most 65535)");
        }
        return new String[] {m.group(1), m.group(2)};
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

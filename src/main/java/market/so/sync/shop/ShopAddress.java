package market.so.sync.shop;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An address as a merchant gives it, read for the shop finder: the scheme if one was typed (else
 * https then http are tried), the host and port, and the folders under which the shop may live,
 * deepest first walked up to the root. What merchants paste while following the guide is reduced
 * here: spaces, the query, a page name ({@code index.php}, {@code 1-t-shirt.html}), and a back-office
 * address ({@code /admin123/index.php?controller=AdminWebservice&token=...}), whose folder and token
 * are cut off before anything is stored, logged, echoed or even asked: they are the back office's
 * secret, and its {@code /api/} is never the webservice.
 */
public record ShopAddress(String scheme, String authority, List<String> folders) {

    /** Deeper paths are not shop folders; the walk is bounded by this many segments. */
    static final int MAX_FOLDERS = 6;

    public ShopAddress {
        folders = List.copyOf(folders);
    }

    public static ShopAddress parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        boolean schemeGiven = text.contains("://");
        String normal = ShopUrl.normalise(text);
        URI uri = URI.create(normal);
        String query = queryOf(text);
        List<String> segments = segments(uri.getRawPath());
        if (isBackOffice(query)) {
            segments = beforeBackOffice(segments, rawPath(text));
        }
        while (!segments.isEmpty() && isPage(segments.get(segments.size() - 1))) {
            segments.remove(segments.size() - 1);
        }
        if (segments.size() > MAX_FOLDERS) {
            segments = new ArrayList<>(segments.subList(0, MAX_FOLDERS));
        }
        String authority = normal.substring(normal.indexOf("://") + 3);
        int slash = authority.indexOf('/');
        authority = slash < 0 ? authority : authority.substring(0, slash);
        return new ShopAddress(schemeGiven ? uri.getScheme() : null, authority, segments);
    }

    public boolean schemeGiven() {
        return scheme != null;
    }

    /** The schemes to try, in order: the one typed, or https then http. */
    public List<String> schemes() {
        return schemeGiven() ? List.of(scheme) : List.of("https", "http");
    }

    public String host() {
        return ShopUrl.host("http://" + authority);
    }

    /** The address with {@code depth} of its folders: {@code https://shop.fr/boutique} for depth 1. */
    public String base(String withScheme, int depth) {
        StringBuilder url = new StringBuilder(withScheme).append("://").append(authority);
        for (int i = 0; i < depth; i++) {
            url.append('/').append(folders.get(i));
        }
        return url.toString();
    }

    /** What we may say back: the address reduced as above, with the scheme typed (or https). */
    public String display() {
        return base(schemeGiven() ? scheme : "https", folders.size());
    }

    private static String queryOf(String text) {
        int question = text.indexOf('?');
        if (question < 0) {
            return "";
        }
        int hash = text.indexOf('#', question);
        return text.substring(question + 1, hash < 0 ? text.length() : hash).toLowerCase(Locale.ROOT);
    }

    private static String rawPath(String text) {
        int start = text.contains("://") ? text.indexOf('/', text.indexOf("://") + 3) : text.indexOf('/');
        if (start < 0) {
            return "";
        }
        int end = text.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = text.indexOf(stop, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(start, end);
    }

    /** PrestaShop's back office signs every page with a token; its controllers are named Admin*. */
    static boolean isBackOffice(String query) {
        return query.contains("token=") || query.contains("controller=admin");
    }

    /**
     * The folders before the back office's own: the one in front of the last {@code index.php}
     * ({@code /shop/admin123/index.php/sell/catalog?_token=}), else the last one ({@code /admin123/?token=}).
     */
    private static List<String> beforeBackOffice(List<String> normalised, String rawPath) {
        List<String> raw = segments(rawPath);
        int index = -1;
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).equalsIgnoreCase("index.php")) {
                index = i;
            }
        }
        int cut = index > 0 ? index - 1 : normalised.size() - 1;
        List<String> kept = new ArrayList<>(normalised.subList(0, Math.max(0, Math.min(cut, normalised.size()))));
        return kept;
    }

    /** A page, not a folder: {@code index.php}, {@code 1-hummingbird-printed-t-shirt.html}. */
    private static boolean isPage(String segment) {
        return segment.toLowerCase(Locale.ROOT).matches(".*\\.(php|html?|aspx?|jsp)");
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        if (path == null) {
            return segments;
        }
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}

package market.so.sync.mail;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.so.sync.mail.TextRegion.Origin;

/**
 * Finds the shop's address among the links of a mail. Signatures carry several (Facebook, Instagram, the web
 * agency that built the site); the shop is the one the merchant calls "ma boutique", "notre site", "my shop".
 * Candidates are ordered, not chosen: the route asks each one's {@code /api/} with the key, and the one that
 * answers as a PrestaShop wins.
 *
 * <p>Addresses come back as the shop's base URL: without a scheme when the mail had none (registration tries
 * https, then http), host in lower case, query,
 * fragment, file names, back-office paths ({@code /admin123/index.php?controller=AdminWebservice}), category or
 * product pages and a trailing language segment removed, a sub-folder ({@code /boutique}) kept.
 */
final class ShopUrlFinder {

    private static final Pattern WITH_SCHEME = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'`{}|\\\\^\\[\\]()]+");
    private static final Pattern WITHOUT_SCHEME = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}@._/-])((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}"
            + "[\\p{L}\\p{N}])?\\.)+([a-z]{2,24}))(?![\\p{L}\\p{N}@-])(/[^\\s<>\"'`{}|\\\\^\\[\\]()]*)?");
    /** Scheme (absent when the merchant wrote none), host, port, path of a candidate. */
    private static final Pattern ADDRESS = Pattern.compile("(?i)^(?:(https?)://)?(?:[^/@\\s]*@)?([^/:?#\\s]+)(:\\d{1,5})?([^?#\\s]*)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+$%=!~-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /** Top-level domains accepted without a scheme or www., so that "index.php" or "v1.2" are not addresses. */
    private static final Set<String> TLDS = Set.of("fr", "com", "net", "org", "eu", "be", "ch", "ca", "lu", "mc", "re",
            "shop", "store", "boutique", "io", "co", "uk", "de", "es", "it", "nl", "pt", "info", "biz", "online", "site",
            "paris", "bzh", "alsace", "corsica", "fashion", "art", "bio", "wine", "vin", "market", "app", "dev", "me",
            "tv", "pro", "gp", "mq", "nc", "pf", "yt", "ma", "tn", "sn", "dz", "ci", "cm", "qc", "us", "at", "ie", "cz",
            "pl", "se", "dk", "fi", "no", "gr", "ro", "fun", "club", "top", "xyz", "earth", "beer", "bike", "green");
    private static final Set<String> FILE_SUFFIXES = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js",
            "ico", "pdf", "zip", "mp4", "woff", "woff2");
    private static final Pattern SHOP_WORDS = Pattern.compile("(?iu)(boutique|magasin|e-?shop|shop|store|site|prestashop|"
            + "adresse|url|website|en ligne|online|notre|ma |mon |our |my )");
    private static final Pattern AGENCY_WORDS = Pattern.compile("(?iu)(r[ée]alis[ée]e? par|con[çc]ue? par|cr[ée]{2}e? par|"
            + "d[ée]velopp[ée]e? par|agence|agency|web ?design|design(ed)? by|powered by|propuls[ée]e? par|h[ée]berg[ée]e? par|"
            + "hosted by|made by|built by|studio|freelance|suivez|follow|retrouvez-nous|find us|rejoignez)");
    /** Mail servers named in bounces and headers ({@code mx1.example.fr}) are never the shop. */
    private static final Pattern MAIL_SERVER = Pattern.compile("^(mx|smtp|imap|pop|pop3|mail|webmail|mta)\\d*\\..*");
    private static final int CONTEXT = 80;

    private record Candidate(String url, String identity, int score, long order) {
    }

    List<String> find(List<TextRegion> regions, String senderDomain) {
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (int r = 0; r < regions.size(); r++) {
            TextRegion region = regions.get(r);
            long base = (long) region.origin().ordinal() * 10_000_000L + (long) r * 1_000_000L;
            for (Candidate candidate : candidates(region, base, senderDomain)) {
                best.merge(candidate.identity(), candidate, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        List<String> urls = new ArrayList<>(best.values().stream()
                .sorted(Comparator.comparingInt(Candidate::score).reversed().thenComparingLong(Candidate::order))
                .map(Candidate::url).toList());
        if (senderDomain != null && !KnownDomains.isNeverAShop(senderDomain) && !best.containsKey(identity(senderDomain, ""))
                && isHost(senderDomain)) {
            urls.add(senderDomain);
        }
        return urls;
    }

    private List<Candidate> candidates(TextRegion region, long base, String senderDomain) {
        String text = region.text();
        List<Candidate> found = new ArrayList<>();
        Matcher scheme = WITH_SCHEME.matcher(text);
        while (scheme.find()) {
            add(found, region, text, scheme.start(), scheme.group(), base, senderDomain);
        }
        // then what is left, without the URLs just read and without e-mail addresses (their domain is not a shop)
        StringBuilder rest = new StringBuilder(text);
        blank(rest, WITH_SCHEME.matcher(text));
        blank(rest, EMAIL.matcher(rest.toString()));
        Matcher bare = WITHOUT_SCHEME.matcher(rest.toString());
        while (bare.find()) {
            String host = bare.group(1).toLowerCase(Locale.ROOT);
            if (host.startsWith("www.") || TLDS.contains(bare.group(2).toLowerCase(Locale.ROOT))) {
                // no scheme added: registration tries https, then http (ShopAddress, ShopLocator)
                add(found, region, text, bare.start(), bare.group(), base, senderDomain);
            }
        }
        return found;
    }

    private void add(List<Candidate> found, TextRegion region, String text, int start, String raw, long base,
            String senderDomain) {
        String cleaned = raw.replaceAll("[.,;:!?»'\")\\]>*]+$", "");
        Matcher parts = ADDRESS.matcher(cleaned);
        if (!parts.find()) {
            return;
        }
        String host = toAscii(parts.group(2).toLowerCase(Locale.ROOT));
        // an IP address is a candidate like any host name when the merchant wrote it with its scheme
        // (http://203.0.113.7/boutique): a bare "1.2.3.4" in a mail is more often a version or a price
        boolean ip = isIpv4(host) && !bareMatch(text, start);
        if (host == null || !(ip || isHost(host)) || KnownDomains.isNeverAShop(host) || MAIL_SERVER.matcher(host).matches()) {
            return;
        }
        String path = shopPath(parts.group(4));
        if (path == null) {
            return;
        }
        String port = parts.group(3) == null ? "" : parts.group(3);
        String url = (parts.group(1) == null ? "" : parts.group(1).toLowerCase(Locale.ROOT) + "://") + host + port + path;
        int score = score(region, text, start, host, senderDomain);
        found.add(new Candidate(url, identity(host + port, path), score, base + start));
    }

    private static int score(TextRegion region, String text, int start, String host, String senderDomain) {
        int score = switch (region.origin()) {
            case BODY, SUBJECT -> 6;
            case SIGNATURE -> 4;
            case ATTACHMENT, FORWARDED -> 3;
            case QUOTED -> 0;
        };
        int lineStart = text.lastIndexOf('\n', Math.max(0, start - 1));
        String before = text.substring(Math.max(0, Math.max(start - CONTEXT, lineStart - CONTEXT / 2)), start);
        if (SHOP_WORDS.matcher(before).find()) {
            score += 6;
        }
        if (AGENCY_WORDS.matcher(before).find()) {
            score -= 10;
        }
        if (KnownDomains.isSocial(host)) {
            score -= 15;
        }
        if (senderDomain != null && identity(host, "").equals(identity(senderDomain, ""))) {
            score += 4;
        }
        return score;
    }

    /**
     * The part of a path that belongs to the shop's base: stops at the back office, the webservice, PrestaShop
     * pages ({@code 12-category}, {@code product.html}, {@code content/}, {@code module/}) and drops a trailing
     * language. Returns {@code null} for links to files (images, PDFs), which are never the shop.
     */
    static String shopPath(String rawPath) {
        String[] segments = rawPath == null ? new String[0] : rawPath.split("/");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            String lower = segment.toLowerCase(Locale.ROOT);
            int dot = lower.lastIndexOf('.');
            if (dot >= 0 && i == segments.length - 1 && FILE_SUFFIXES.contains(lower.substring(dot + 1))) {
                return null;
            }
            if (segment.isEmpty()) {
                continue;
            }
            boolean page = lower.matches(".*\\.(php|html?|aspx?|jsp)");
            if (lower.startsWith("admin") || lower.equals("api") || lower.equals("webservice") || page
                    || lower.matches("\\d+-.*") || Set.of("content", "module", "modules", "img", "themes", "index",
                            "cart", "panier", "commande", "order", "mon-compte", "my-account", "connexion", "login",
                            "contact", "nous-contacter", "contact-us", "recherche", "search").contains(lower)) {
                break;
            }
            kept.add(segment);
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).matches("(?i)[a-z]{2}(-[a-z]{2})?")) {
            kept.remove(kept.size() - 1);
        }
        return kept.isEmpty() ? "" : "/" + String.join("/", kept);
    }

    /** The same shop written with or without www. and with or without a trailing slash. */
    private static String identity(String host, String path) {
        String h = host.toLowerCase(Locale.ROOT);
        return (h.startsWith("www.") ? h.substring(4) : h) + path.toLowerCase(Locale.ROOT);
    }

    /** Four decimal octets, each 0-255, without leading zeros (which some parsers read as octal). */
    static boolean isIpv4(String host) {
        if (host == null || !host.matches("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}")) {
            return false;
        }
        for (String octet : host.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Whether the candidate at {@code start} was found without a scheme (then "https://" was added by us). */
    private static boolean bareMatch(String text, int start) {
        return !text.regionMatches(true, start, "http", 0, 4);
    }

    private static boolean isHost(String host) {
        return host.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?\\.[a-z][a-z0-9-]*[a-z0-9]") && !host.contains("..");
    }

    private static String toAscii(String host) {
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void blank(StringBuilder text, Matcher matcher) {
        while (matcher.find()) {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                text.setCharAt(i, ' ');
            }
        }
    }
}

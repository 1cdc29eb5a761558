package market.so.sync.mail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import market.so.sync.mail.TextRegion.Origin;

/**
 * Finds PrestaShop webservice keys in a mail's text: 32 characters of {@code [A-Za-z0-9@#?_-]}, as PrestaShop
 * accepts them (its "Generate" button uses {@code [1-9A-NP-Z]}). Candidates are scored rather than accepted or
 * refused, because only the shop can tell which one works; the route tries them best first.
 *
 * <p>What raises a candidate: PrestaShop's generated shape, a word like "clé", "key", "API" or "webservice"
 * just before it, being in the merchant's new text. What lowers it: a quoted earlier message, a signature, a
 * hexadecimal look (an MD5 is 32 hex characters). What is never a candidate: a piece of a URL or of an e-mail
 * address, and a hexadecimal string in a signature.
 */
final class KeyFinder {

    static final int LENGTH = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9@#?_-]+");
    private static final Pattern GENERATED = Pattern.compile("[1-9A-NP-Z]{32}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern KEYWORD = Pattern.compile("(?iu)(cl[ée]f?s?|key|api|web ?services?|services? web|ws_key|"
            + "token|jeton|identifiant|code d'acc[èe]s|access code)\\b");
    private static final Pattern HASH_WORDS = Pattern.compile("(?iu)\\b(sha\\d*|md5|hash|empreinte|fingerprint|checksum|"
            + "commande|order|facture|invoice|suivi|tracking|transaction|siret|iban|r[ée]f(?:[ée]rence)?|ticket|dossier)\\b");
    /** Keys written inside a URL on purpose: {@code ?ws_key=KEY} and {@code https://KEY@shop/api/}, as PrestaShop's docs show. */
    private static final Pattern KEY_IN_URL = Pattern.compile("(?i)(?:[?&]ws_key=|https?://)([A-Za-z0-9#_-]{32})(?=[@&\\s>\"'/]|$)");
    /** URLs (with or without scheme) and e-mail addresses: a 32-character piece of one is never a key. */
    private static final Pattern MASKED = Pattern.compile("(?i)(?:https?://|www\\.)\\S+|[\\w.+$%=!~-]+@[\\w-]+(?:\\.[\\w-]+)+"
            + "|\\b[\\w-]+(?:\\.[\\w-]+)+/\\S*|\\bcid:\\S+");
    /** Words that may sit next to a split key but are never part of it. */
    private static final Set<String> NOT_PIECES = Set.of("API", "KEY", "CLE", "WS", "PS", "OK", "URL", "ID", "FR", "EN",
            "SEO", "TVA", "PDF", "SAS", "SARL", "HT", "TTC", "GET", "NB", "PJ", "SIRET", "IBAN", "BIC", "RCS", "TEL", "FAX",
            "HTTP", "HTTPS", "WWW", "RE", "TR", "FW", "FWD", "CEO", "SA", "EURL", "SASU");
    private static final int KEYWORD_BEFORE = 100;
    private static final int KEYWORD_AFTER = 30;

    private record Candidate(String value, int score, long order) {
    }

    List<String> find(List<TextRegion> regions) {
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (int r = 0; r < regions.size(); r++) {
            TextRegion region = regions.get(r);
            long base = (long) region.origin().ordinal() * 10_000_000L + (long) r * 1_000_000L;
            for (Candidate candidate : candidates(region, base)) {
                best.merge(candidate.value(), candidate, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        return best.values().stream()
                .sorted(Comparator.comparingInt(Candidate::score).reversed().thenComparingLong(Candidate::order))
                .map(Candidate::value).toList();
    }

    private List<Candidate> candidates(TextRegion region, long base) {
        String text = region.text();
        List<Candidate> found = new ArrayList<>();
        Matcher inUrl = KEY_IN_URL.matcher(text);
        while (inUrl.find()) {
            String value = inUrl.group(1);
            if (plausible(value, true)) {
                found.add(new Candidate(value, originScore(region.origin()) + 10, base + inUrl.start()));
            }
        }
        String masked = mask(text);
        List<int[]> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(masked);
        while (token.find()) {
            tokens.add(new int[] {token.start(), token.end()});
        }
        for (int[] t : tokens) {
            if (t[1] - t[0] == LENGTH) {
                score(region, text, t[0], t[1], masked.substring(t[0], t[1]), 4).ifPresent(
                        score -> found.add(new Candidate(masked.substring(t[0], t[1]), score, base + t[0])));
            }
        }
        if (region.origin() != Origin.SIGNATURE) {
            found.addAll(joined(region, text, masked, tokens, base));
        }
        return found;
    }

    /** A key cut by a line break or written in groups ("7XK2 M9PQ ..."): runs of pieces that add up to 32. */
    private List<Candidate> joined(TextRegion region, String text, String masked, List<int[]> tokens, long base) {
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!isPiece(masked, tokens.get(i))) {
                continue;
            }
            boolean runStart = i == 0 || !isPiece(masked, tokens.get(i - 1)) || !joinable(masked, tokens.get(i - 1), tokens.get(i));
            StringBuilder value = new StringBuilder(masked.substring(tokens.get(i)[0], tokens.get(i)[1]));
            for (int j = i + 1; j < tokens.size() && j - i < 12 && value.length() < LENGTH; j++) {
                if (!isPiece(masked, tokens.get(j)) || !joinable(masked, tokens.get(j - 1), tokens.get(j))) {
                    break;
                }
                value.append(masked, tokens.get(j)[0], tokens.get(j)[1]);
                if (value.length() == LENGTH) {
                    boolean runEnd = j + 1 >= tokens.size() || !isPiece(masked, tokens.get(j + 1))
                            || !joinable(masked, tokens.get(j), tokens.get(j + 1));
                    int bonus = (runStart ? 1 : -3) + (runEnd ? 1 : -3);
                    int start = tokens.get(i)[0];
                    int end = tokens.get(j)[1];
                    score(region, text, start, end, value.toString(), bonus).ifPresent(
                            score -> found.add(new Candidate(value.toString(), score, base + start)));
                }
            }
        }
        return found;
    }

    private static boolean isPiece(String masked, int[] token) {
        String piece = masked.substring(token[0], token[1]);
        if (piece.length() >= LENGTH || NOT_PIECES.contains(piece.toUpperCase(Locale.ROOT))) {
            return false;
        }
        boolean digit = piece.chars().anyMatch(Character::isDigit);
        boolean lower = piece.chars().anyMatch(Character::isLowerCase);
        // ordinary words ("is", "Bonjour") are never pieces; generated keys are upper case and digits
        return digit || !lower && piece.chars().anyMatch(Character::isUpperCase) && piece.length() >= 2;
    }

    /** Only blanks between two pieces, and at most one line break: a paragraph break ends a key. */
    private static boolean joinable(String masked, int[] left, int[] right) {
        String gap = masked.substring(left[1], right[0]);
        return !gap.isEmpty() && gap.isBlank() && gap.chars().filter(c -> c == '\n').count() <= 1;
    }

    private Optional<Integer> score(TextRegion region, String text, int start, int end, String value, int shapeBonus) {
        boolean keyword = KEYWORD.matcher(text.substring(Math.max(0, start - KEYWORD_BEFORE), start)).find();
        if (!plausible(value, keyword)) {
            return Optional.empty();
        }
        boolean hex = HEX.matcher(value).matches() && !GENERATED.matcher(value).matches();
        if (hex && region.origin() == Origin.SIGNATURE) {
            return Optional.empty();
        }
        int score = originScore(region.origin()) + shapeBonus;
        if (GENERATED.matcher(value).matches()) {
            score += 4;
        }
        if (keyword) {
            score += 6;
        } else if (KEYWORD.matcher(text.substring(end, Math.min(text.length(), end + KEYWORD_AFTER))).find()) {
            score += 3;
        }
        if (hex) {
            score -= 8;
        }
        String around = text.substring(Math.max(0, start - 40), start);
        if (HASH_WORDS.matcher(around).find() && !keyword) {
            score -= 6;
        }
        return Optional.of(score);
    }

    private static int originScore(Origin origin) {
        return switch (origin) {
            case BODY, SUBJECT -> 6;
            case ATTACHMENT -> 5;
            case FORWARDED -> 4;
            case QUOTED -> 0;
            case SIGNATURE -> -2;
        };
    }

    /**
     * Letters and digits mixed, and not a run of one character: words, phone numbers and lines of dashes are
     * 32 characters too. A key without a digit is kept only when the text calls it a key.
     */
    static boolean plausible(String value, boolean calledKey) {
        if (value.length() != LENGTH || value.chars().distinct().count() < 8) {
            return false;
        }
        boolean digit = value.chars().anyMatch(Character::isDigit);
        boolean upper = value.chars().anyMatch(Character::isUpperCase);
        boolean lower = value.chars().anyMatch(Character::isLowerCase);
        int classes = (digit ? 1 : 0) + (upper ? 1 : 0) + (lower ? 1 : 0);
        return classes >= 2 && (digit || calledKey) || classes == 1 && calledKey && GENERATED.matcher(value).matches();
    }

    /** Blanks out URLs and addresses, keeping offsets, so that their pieces never become tokens. */
    static String mask(String text) {
        StringBuilder masked = new StringBuilder(text);
        Matcher matcher = MASKED.matcher(text);
        while (matcher.find()) {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                masked.setCharAt(i, ' ');
            }
        }
        return masked.toString();
    }
}

package market.so.sync.mail;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * French or English, from the words merchants use. Counting frequent short words is enough for two languages
 * this far apart, and needs no model; French wins ties because So.market's merchants are mostly French.
 */
final class LanguageGuesser {

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:'\\p{L}+)?");
    private static final Set<String> FRENCH = Set.of("le", "la", "les", "de", "des", "du", "et", "est", "je", "vous",
            "nous", "bonjour", "merci", "ma", "mon", "notre", "votre", "clé", "cle", "voici", "pour", "avec", "une", "un",
            "pas", "cordialement", "site", "boutique", "ci-joint", "ci-dessous", "salut", "madame", "monsieur", "bonne",
            "journée", "dans", "sur", "que", "qui", "c'est", "j'ai", "l'adresse", "au", "aux", "en", "il", "elle");
    private static final Set<String> ENGLISH = Set.of("the", "and", "is", "my", "our", "your", "hello", "hi", "thanks",
            "thank", "please", "here", "key", "shop", "store", "with", "for", "regards", "this", "of", "to", "you", "we",
            "i", "it", "are", "have", "has", "attached", "below", "website", "best", "dear", "kind", "i'm", "it's",
            "that", "from", "in", "on");

    private LanguageGuesser() {
    }

    /** @return "en" or "fr" */
    static String guess(String text, String contentLanguage) {
        if (contentLanguage != null) {
            String declared = contentLanguage.trim().toLowerCase(Locale.ROOT);
            if (declared.startsWith("en")) {
                return "en";
            }
            if (declared.startsWith("fr")) {
                return "fr";
            }
        }
        int french = 0;
        int english = 0;
        Matcher words = WORD.matcher(text == null ? "" : text);
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT).replace('’', '\'');
            if (FRENCH.contains(word)) {
                french++;
            }
            if (ENGLISH.contains(word)) {
                english++;
            }
        }
        return english > french ? "en" : "fr";
    }
}

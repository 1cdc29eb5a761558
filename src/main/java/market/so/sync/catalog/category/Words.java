package market.so.sync.catalog.category;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Category names and keywords reduced to comparable words: no accents, no case, no little words,
 * no plural mark ("Vêtements" and "vetement" match, so do "Bijoux" and "bijou").
 */
final class Words {

    private static final Set<String> LITTLE = Set.of("de", "des", "du", "d", "la", "le", "les", "l", "et", "en", "a",
        "au", "aux", "pour", "par", "sur", "un", "une", "the", "and", "of", "for", "with");

    private Words() {
    }

    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
        for (String word : plain.split("[^a-z0-9]+")) {
            if (!word.isEmpty() && !LITTLE.contains(word)) {
                words.add(singular(word));
            }
        }
        return words;
    }

    private static String singular(String word) {
        if (word.length() > 3 && (word.endsWith("s") || word.endsWith("x")) && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** True when {@code phrase} appears in {@code words} as consecutive words. */
    static boolean contains(List<String> words, List<String> phrase) {
        if (phrase.isEmpty() || phrase.size() > words.size()) {
            return false;
        }
        for (int start = 0; start + phrase.size() <= words.size(); start++) {
            if (words.subList(start, start + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }
}

package market.so.sync.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suggester ({@code catalog/category/CategorySuggester}) gives its reasons in French, which is what the REST
 * API and most merchants read; an English page shows them in English. The reasons are built from a handful of
 * fixed phrases, turned here one by one; a reason that matches none (an edited suggester) stays as it is.
 */
final class SuggestionReasons {

    private record Phrase(Pattern french, String english) {
    }

    private static final String NAME = "« (.+?) »";
    private static final List<Phrase> PHRASES = List.of(
        new Phrase(Pattern.compile("le nom " + NAME + " est celui de la catégorie So\\.market " + NAME),
            "the name “$1” is So.market’s category “$2”"),
        new Phrase(Pattern.compile("le nom " + NAME + " contient le mot-clé " + NAME + " de " + NAME),
            "the name “$1” holds the keyword “$2” of “$3”"),
        new Phrase(Pattern.compile(", sous la catégorie parente " + NAME), ", under the parent category “$1”"),
        new Phrase(Pattern.compile("catégorie parente " + NAME + " associée à " + NAME),
            "the parent category “$1” is mapped to “$2”"),
        new Phrase(Pattern.compile("catégorie parente " + NAME + " pour laquelle est suggérée " + NAME),
            "the parent category “$1” has the suggestion “$2”"));

    private SuggestionReasons() {
    }

    static String in(Locale locale, String reason) {
        if (reason == null || !"en".equals(locale.getLanguage())) {
            return reason;
        }
        String text = reason;
        for (Phrase phrase : PHRASES) {
            text = phrase.french().matcher(text).replaceAll(m -> english(phrase.english(), m));
        }
        return text;
    }

    private static String english(String template, MatchResult m) {
        String result = template;
        for (int i = m.groupCount(); i >= 1; i--) {
            result = result.replace("$" + i, m.group(i));
        }
        return Matcher.quoteReplacement(result);
    }
}

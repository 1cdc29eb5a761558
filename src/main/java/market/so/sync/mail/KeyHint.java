package market.so.sync.mail;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only form in which a key is ever shown back: its first four characters and an ellipsis. The merchant
 * guide calls the key confidential; four characters let the merchant recognise which key we mean without
 * letting anyone who reads the reply (or a log) use it.
 */
public final class KeyHint {

    private static final Pattern KEY_SHAPE = Pattern.compile("(?<![A-Za-z0-9@#?_-])[A-Za-z0-9@#?_-]{32}(?![A-Za-z0-9@#?_-])");

    private KeyHint() {
    }

    public static String of(String key) {
        if (key == null || key.isBlank()) {
            return "";
        }
        return key.substring(0, Math.min(4, key.length() / 4)) + "…";
    }

    /**
     * Replaces every key of {@code keys} found in {@code text} by its hint, also when the key was written split
     * by spaces or line breaks (then the whole run is replaced).
     */
    public static String redact(String text, Collection<String> keys) {
        if (text == null || keys == null) {
            return text;
        }
        String result = text;
        for (String key : keys) {
            if (key == null || key.length() < 8) {
                continue;
            }
            result = result.replace(key, of(key));
            result = redactSplit(result, key);
        }
        return result;
    }

    /**
     * Replaces anything shaped like a key (32 characters of the key alphabet, standing alone) by its hint: for
     * text such as a subject, which may hold a key the reader did not retain as a candidate.
     */
    public static String redactKeyShapes(String text) {
        if (text == null) {
            return null;
        }
        return KEY_SHAPE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(of(match.group())));
    }

    /** Finds the key with any whitespace between its characters and replaces that whole span. */
    private static String redactSplit(String text, String key) {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            if (i > 0) {
                pattern.append("\\s*");
            }
            pattern.append(Pattern.quote(String.valueOf(key.charAt(i))));
        }
        return Pattern.compile(pattern.toString()).matcher(text)
                .replaceAll(Matcher.quoteReplacement(of(key)));
    }
}

package market.so.sync.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wording of the replies, as UTF-8 text files under {@code <dir>/<language>/<name>.txt}, read from the file
 * system at every use: ops fix a sentence and the next reply carries it, without a rebuild or a restart.
 * Placeholders are {@code {{name}}}; {@code {{signature}}} is the language's {@code signature.txt}. A placeholder
 * without a value is left empty (and logged) rather than sent to a merchant as "{{...}}".
 */
final class MailTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(MailTemplates.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    static final String FALLBACK_LANGUAGE = "fr";

    private final Path dir;

    MailTemplates(Path dir) {
        this.dir = dir;
    }

    String render(String language, String name, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("signature", read(language, "signature").strip());
        String template = read(language, name);
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = all.get(matcher.group(1));
            if (value == null) {
                LOG.warn("Mail template {}/{}.txt: no value for placeholder {}", language, name, matcher.group(1));
                value = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    /** One {@code KEY = text} line of {@code <language>/<file>.txt}, or {@code null}. */
    String line(String language, String file, String key) {
        for (String line : read(language, file).split("\r?\n")) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0 && line.substring(0, equals).trim().equals(key)) {
                return line.substring(equals + 1).trim();
            }
        }
        return null;
    }

    /** The template in the language, else the French one (the guide's own language), else an error for ops. */
    String read(String language, String name) {
        if (!NAME.matcher(name).matches() || !NAME.matcher(language).matches()) {
            throw new IllegalArgumentException("not a template name: " + language + "/" + name);
        }
        Path file = dir.resolve(language).resolve(name + ".txt");
        if (!Files.isRegularFile(file)) {
            file = dir.resolve(FALLBACK_LANGUAGE).resolve(name + ".txt");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("mail template missing or unreadable: " + file.toAbsolutePath(), e);
        }
    }
}

package market.so.sync.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A product's texts in one of the shop's other active languages (docs/decisions/0026): what the shop has
 * in that language, a field it left empty there is null (the listing then shows the default language's).
 * Stored in {@code product_text}; the variants' labels in that language go with the variants.
 */
public record ProductText(String languageIso, String name, String description, String linkRewrite) {

    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}(-[a-z]{2,4})?");

    /** An iso code as PrestaShop lists them ("en", "fr", "pt-br"): what the products API accepts. */
    public static boolean isLanguageCode(String code) {
        return code != null && CODE.matcher(code.toLowerCase(Locale.ROOT)).matches();
    }

    public boolean isEmpty() {
        return name == null && description == null && linkRewrite == null;
    }

    /** The canonical text of the content hash. */
    String canonical() {
        return String.join("\u0002", languageIso, String.valueOf(name), String.valueOf(description),
            String.valueOf(linkRewrite));
    }
}

package market.so.sync.prestashop;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A merchant's webservice key, held in memory only while a shop is probed or synced. Its
 * {@link #toString()} never shows it, so that no log line, exception message or debugger view of a
 * record that holds it can leak it; {@link #hint()} gives the 4 characters we may quote back.
 */
public final class ApiKey {

    /** PrestaShop's back-office rule: 32 characters of letters, digits and {@code @ # ? - _}. */
    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9@#?_-]{32}");

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing key");
        }
        return new ApiKey(value.strip());
    }

    public boolean wellFormed() {
        return FORMAT.matcher(value).matches();
    }

    /** The secret itself: only for the Authorization header, the ws_key fallback and the cipher. */
    public String reveal() {
        return value;
    }

    /** HTTP Basic with the key as user name and an empty password, as PrestaShop expects. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((value + ":").getBytes(StandardCharsets.UTF_8));
    }

    public String hint() {
        return value.length() <= 4 ? "…" : value.substring(0, 4) + "…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[" + hint() + "]";
    }
}

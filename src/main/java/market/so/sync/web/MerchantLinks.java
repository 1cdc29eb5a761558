package market.so.sync.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import market.so.sync.config.GeneratedSecret;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs and checks the links that open the merchant's pages: there is no other login (ADR 0019). A link is
 * {@code /merchant/{purpose}.{shopId}.{expiry}.{signature}}, the signature an HMAC-SHA256 of the first three
 * with {@code somarket.site.link-secret}, compared in constant time. Nothing is stored: a link works until it
 * expires, and changing the secret ends every link at once.
 *
 * <p>An empty secret is generated once into {@code somarket.site.link-secret-file}, as the key secret is, so that
 * the embedded default works and links survive a restart; several nodes must be given the same secret.
 */
@Component
public class MerchantLinks {

    private static final Pattern TOKEN = Pattern.compile("([cs])\\.(\\d{1,18})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})");

    private final SecretKeySpec secret;
    private final Duration validity;
    private final String baseUrl;
    private final Clock clock;

    @Autowired
    public MerchantLinks(@Value("${somarket.site.link-secret:}") String secret,
                         @Value("${somarket.site.link-secret-file:data/link-secret}") Path secretFile,
                         @Value("${somarket.site.link-validity:30d}") Duration validity,
                         @Value("${somarket.site.link-base-url:http://localhost:8080}") String baseUrl) {
        this(GeneratedSecret.orFromFile(secret, secretFile, "somarket.site.link-secret", "several nodes need the same one"),
            validity, baseUrl, Clock.systemUTC());
    }

    /** For tests and tools: a given secret, validity, base address and clock. */
    public MerchantLinks(String secret, Duration validity, String baseUrl, Clock clock) {
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.validity = validity;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clock = clock;
    }

    /** A new link's token, valid for {@code somarket.site.link-validity} from now. */
    public String token(MerchantLink.Purpose purpose, Long shopId) {
        MerchantLink.Purpose p = purpose;
        long id = p == MerchantLink.Purpose.SHOP ? requireShop(shopId) : 0;
        long expiry = clock.instant().plus(validity).getEpochSecond();
        String payload = p.code() + "." + id + "." + expiry;
        return payload + "." + sign(payload);
    }

    public Instant expiryOf(String token) {
        Matcher m = TOKEN.matcher(token);
        return m.matches() ? Instant.ofEpochSecond(Long.parseLong(m.group(3))) : null;
    }

    /** The full address of a page: {@code base/merchant/token} plus {@code page} ("" for the shop's status). */
    public String url(String token, String page) {
        return baseUrl + path(token, page);
    }

    public static String path(String token, String page) {
        return "/merchant/" + token + (page == null || page.isEmpty() ? "" : "/" + page);
    }

    /** The address of the categories page of a shop (in replies), or of the connect page when there is no shop. */
    public String categoriesUrl(Long shopId) {
        return shopId == null ? url(token(MerchantLink.Purpose.CONNECT, null), "connect")
            : url(token(MerchantLink.Purpose.SHOP, shopId), "categories");
    }

    /** What a token grants, or {@link LinkRefused} when its signature is wrong or it has expired. */
    public MerchantLink verify(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            throw new LinkRefused(LinkRefused.Why.INVALID, null);
        }
        String payload = m.group(1) + "." + m.group(2) + "." + m.group(3);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            throw new LinkRefused(LinkRefused.Why.INVALID, null);
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(m.group(3)));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new LinkRefused(LinkRefused.Why.EXPIRED, expiresAt);
        }
        MerchantLink.Purpose purpose = MerchantLink.Purpose.ofCode(m.group(1));
        Long shopId = purpose == MerchantLink.Purpose.SHOP ? Long.parseLong(m.group(2)) : null;
        return new MerchantLink(purpose, shopId, expiresAt);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a merchant link", e);
        }
    }

    private static long requireShop(Long shopId) {
        if (shopId == null || shopId <= 0) {
            throw new IllegalArgumentException("a link for a shop needs its id");
        }
        return shopId;
    }
}

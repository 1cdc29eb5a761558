package market.so.sync.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The ops password is configuration, held in clear in memory by this very process: a slow hash of it
 * (BCrypt, ~80 ms of CPU per check) protects nothing and would be paid by every authenticated request -
 * a Prometheus scrape, a dashboard's polling of {@code /api/sync-runs}. The password a request presents is
 * compared with it as SHA-256 digests, in constant time (docs/decisions/0012).
 */
final class DigestPasswordEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence raw) {
        return HexFormat.of().formatHex(sha256(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        return raw != null && encoded != null
            && MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII),
                encoded.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(CharSequence raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

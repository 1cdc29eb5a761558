package market.so.sync.shop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import market.so.sync.prestashop.ApiKey;
import market.so.sync.config.GeneratedSecret;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts merchants' webservice keys at rest with AES-256-GCM (JCA). The secret comes from
 * {@code somarket.security.key-secret}; on the embedded default it is generated once into
 * {@code somarket.security.key-secret-file} (./data/key-secret) so that a restart can still read the keys.
 * Stored form: {@code v1:} + base64(12-byte IV + ciphertext + tag).
 */
@Component
public class KeyCipher {

    private static final byte[] SALT = "so.market/shop-sync/api-key".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public KeyCipher(@Value("${somarket.security.key-secret:}") String secret,
                     @Value("${somarket.security.key-secret-file:data/key-secret}") Path secretFile) {
        this.key = derive(GeneratedSecret.orFromFile(secret, secretFile, "somarket.security.key-secret", "keep it with the database"));
    }

    public String encrypt(ApiKey apiKey) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(apiKey.reveal().getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a key", e);
        }
    }

    public ApiKey decrypt(String stored) {
        if (stored == null || !stored.startsWith("v1:")) {
            throw new IllegalStateException("unknown key format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(3));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return ApiKey.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a stored key: wrong somarket.security.key-secret?");
        }
    }

    private static SecretKeySpec derive(String secret) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), SALT, 100_000, 256);
            byte[] bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(bytes, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the key-encryption key", e);
        }
    }
}

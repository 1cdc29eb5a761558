package market.so.sync.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import market.so.sync.prestashop.ApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCipherTest {

    static final ApiKey KEY = ApiKey.of("REALPRESTASHOPTESTKEY00000000001");

    @Test
    void encryptsWithAFreshIvAndDecryptsBack() {
        KeyCipher cipher = new KeyCipher("a secret", Path.of("unused"));
        String one = cipher.encrypt(KEY);
        String two = cipher.encrypt(KEY);
        assertThat(one).startsWith("v1:").isNotEqualTo(two).doesNotContain(KEY.reveal());
        assertThat(cipher.decrypt(one)).isEqualTo(KEY);
    }

    @Test
    void anotherSecretCannotReadTheKeyAndTamperingIsDetected() {
        String sealed = new KeyCipher("a secret", Path.of("unused")).encrypt(KEY);
        assertThatThrownBy(() -> new KeyCipher("another", Path.of("unused")).decrypt(sealed))
            .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(KEY.reveal());
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> new KeyCipher("a secret", Path.of("unused")).decrypt(new String(chars)))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAConfiguredSecretOneIsGeneratedOnceIntoTheDataFolder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/key-secret");
        String sealed = new KeyCipher("", file).encrypt(KEY);
        assertThat(Files.readString(file)).hasSizeGreaterThan(40);
        assertThat(new KeyCipher("", file).decrypt(sealed)).isEqualTo(KEY);
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertThat(KEY.toString()).isEqualTo("ApiKey[REAL…]").doesNotContain(KEY.reveal());
        assertThat(KEY.hint()).isEqualTo("REAL…");
    }
}

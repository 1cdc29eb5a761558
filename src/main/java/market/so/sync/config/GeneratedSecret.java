package market.so.sync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret that ops may leave unset on one node: read from its file, or drawn once (32 random bytes,
 * Base64) into that file, readable by its owner only. The key secret and the link secret are both kept so.
 */
public final class GeneratedSecret {

    private static final Logger log = LoggerFactory.getLogger(GeneratedSecret.class);

    private GeneratedSecret() {
    }

    /** {@code configured} when set; else the file's secret, generated into it the first time. */
    public static String orFromFile(String configured, Path file, String property, String advice) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String generated = Base64.getEncoder().encodeToString(bytes);
            Files.writeString(file, generated);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.warn("No {} set: generated one into {} ({})", property, file, advice);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}

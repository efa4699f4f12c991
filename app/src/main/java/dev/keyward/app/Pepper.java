package dev.keyward.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Finds the pepper (the HMAC key of stored token hashes). Configured ({@code KEYWARD_SECRETS_PEPPER})
 * always wins. Only the embedded H2 database may fall back to a pepper generated on first start and
 * kept in {@code <data-dir>/pepper}: a shared MySQL database with per-node generated peppers would
 * make every node reject the others' tokens.
 */
final class Pepper {

    static final String FILE_NAME = "pepper";
    static final int MIN_BYTES = 16;

    private Pepper() {
    }

    static byte[] resolve(String configured, String datasourceUrl, Path dataDir, SecureRandom random) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw new StartupRefusedException("KEYWARD_SECRETS_PEPPER must be at least " + MIN_BYTES
                        + " bytes long; generate one with: openssl rand -base64 32");
            }
            return bytes;
        }
        if (datasourceUrl == null || !datasourceUrl.startsWith("jdbc:h2:")) {
            throw new StartupRefusedException("set KEYWARD_SECRETS_PEPPER (at least " + MIN_BYTES
                    + " bytes, the same on every node, e.g. from: openssl rand -base64 32) when using an external database");
        }
        return readOrCreate(dataDir.resolve(FILE_NAME), random);
    }

    private static byte[] readOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] raw = new byte[32];
                random.nextBytes(raw);
                String text = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                try {
                    Files.writeString(Files.createFile(file), text, StandardCharsets.US_ASCII);
                    restrictToOwner(file);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length < MIN_BYTES) {
                throw new StartupRefusedException(file + " holds a pepper shorter than " + MIN_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pepper file " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems keep their default permissions
        }
    }
}

package dev.keyward.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
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
                create(file, random);
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

    /**
     * Writes a fresh pepper to a private temporary file (owner-only from its creation, never readable
     * by others even briefly) and moves it into place atomically, so a crash leaves either no pepper
     * file or a complete one — never an empty file that would block every later start.
     */
    private static void create(Path file, SecureRandom random) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp", ownerOnly());
        try {
            Files.writeString(temporary, Base64.getUrlEncoder().withoutPadding().encodeToString(raw), StandardCharsets.US_ASCII);
            try {
                // A hard link appears atomically and never replaces: if another process created the pepper first, theirs stands.
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                // another process won the race: use its pepper
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}

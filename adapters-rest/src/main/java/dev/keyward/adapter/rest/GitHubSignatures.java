package dev.keyward.adapter.rest;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks GitHub's secret-scanning signature: ECDSA P-256 with SHA-256 over the raw body, base64 DER in
 * {@code GITHUB-PUBLIC-KEY-SIGNATURE}, by the key {@code GITHUB-PUBLIC-KEY-IDENTIFIER} names in the
 * operator's copy of GitHub's public keys document ({@link LeakSettings#githubPublicKeys()}). The keys
 * are parsed once and kept until the file's modification time or size changes, so replacing the file
 * needs no restart and a flood of forged reports costs a file stat each, not a read and a parse.
 */
@Singleton
final class GitHubSignatures {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubSignatures.class);

    private final Path keysFile;
    private final JsonMapper json;
    private volatile Keys cached;
    private final AtomicInteger reads = new AtomicInteger();

    /** The parsed keys of one version of the file, by identifier. */
    private record Keys(FileTime modified, long size, Map<String, PublicKey> byIdentifier) {
    }

    GitHubSignatures(LeakSettings settings, JsonMapper json) {
        this.keysFile = settings.githubPublicKeys();
        this.json = json;
    }

    boolean isConfigured() {
        return keysFile != null;
    }

    /** Whether {@code signature} is GitHub's by key {@code identifier} over exactly {@code body}; any doubt is false. */
    boolean verify(String identifier, String signature, byte[] body) {
        if (identifier == null || signature == null || body == null) {
            return false;
        }
        try {
            Optional<PublicKey> key = key(identifier);
            if (key.isEmpty()) {
                return false;
            }
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key.get());
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.debug("GitHub secret-scanning signature by key {} not accepted: {}", identifier, e.toString());
            return false;
        }
    }

    private Optional<PublicKey> key(String identifier) {
        BasicFileAttributes file;
        try {
            file = Files.readAttributes(keysFile, BasicFileAttributes.class);
        } catch (IOException e) {
            LOG.warn("cannot read GitHub's public keys from {} (keyward.leaks.github-public-keys): {}", keysFile, e.toString());
            return Optional.empty();
        }
        Keys keys = cached;
        if (keys == null || !keys.modified().equals(file.lastModifiedTime()) || keys.size() != file.size()) {
            keys = new Keys(file.lastModifiedTime(), file.size(), read());
            cached = keys;
        }
        return Optional.ofNullable(keys.byIdentifier().get(identifier));
    }

    /** How many times the file was read and parsed (for tests). */
    int reads() {
        return reads.get();
    }

    private Map<String, PublicKey> read() {
        reads.incrementAndGet();
        JsonNode document;
        try {
            document = json.readValue(Files.readAllBytes(keysFile), Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read GitHub's public keys from {} (keyward.leaks.github-public-keys): {}", keysFile, e.toString());
            return Map.of();
        }
        JsonNode keys = document == null ? null : document.get("public_keys");
        if (keys == null || !keys.isArray()) {
            LOG.warn("{} holds no \"public_keys\" array: is it GitHub's secret-scanning keys document?", keysFile);
            return Map.of();
        }
        Map<String, PublicKey> byIdentifier = new HashMap<>();
        for (JsonNode entry : keys.values()) {
            JsonNode id = entry.get("key_identifier");
            JsonNode pem = entry.get("key");
            if (id != null && id.isString() && pem != null && pem.isString()) {
                try {
                    byIdentifier.put(id.getStringValue(), parsePem(pem.getStringValue()));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    LOG.warn("GitHub public key {} in {} is not an EC public key: {}", id.getStringValue(), keysFile, e.toString());
                }
            }
        }
        return Map.copyOf(byIdentifier);
    }

    static PublicKey parsePem(String pem) throws GeneralSecurityException {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}

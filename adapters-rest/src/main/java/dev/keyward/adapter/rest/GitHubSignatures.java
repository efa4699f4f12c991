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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks GitHub's secret-scanning signature: ECDSA P-256 with SHA-256 over the raw body, base64 DER in
 * {@code GITHUB-PUBLIC-KEY-SIGNATURE}, by the key {@code GITHUB-PUBLIC-KEY-IDENTIFIER} names in the
 * operator's copy of GitHub's public keys document ({@link LeakSettings#githubPublicKeys()}). The file is
 * read on each request (it is small and requests are rare), so replacing it needs no restart.
 */
@Singleton
final class GitHubSignatures {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubSignatures.class);

    private final Path keysFile;
    private final JsonMapper json;

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

    private Optional<PublicKey> key(String identifier) throws GeneralSecurityException {
        JsonNode document;
        try {
            document = json.readValue(Files.readAllBytes(keysFile), Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read GitHub's public keys from {} (keyward.leaks.github-public-keys): {}", keysFile, e.toString());
            return Optional.empty();
        }
        JsonNode keys = document == null ? null : document.get("public_keys");
        if (keys == null || !keys.isArray()) {
            LOG.warn("{} holds no \"public_keys\" array: is it GitHub's secret-scanning keys document?", keysFile);
            return Optional.empty();
        }
        for (JsonNode entry : keys.values()) {
            JsonNode id = entry.get("key_identifier");
            JsonNode pem = entry.get("key");
            if (id != null && id.isString() && identifier.equals(id.getStringValue()) && pem != null && pem.isString()) {
                return Optional.of(parsePem(pem.getStringValue()));
            }
        }
        return Optional.empty();
    }

    static PublicKey parsePem(String pem) throws GeneralSecurityException {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}

package dev.keyward.adapter.rest;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitHub's keys are parsed once per version of the file: forged reports cost no read, a new file takes effect. */
class GitHubSignaturesTest {

    private static final byte[] BODY = "[{\"token\":\"kw_x\"}]".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static String sign(KeyPair keys, byte[] body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private static void publish(Path file, String identifier, KeyPair keys, Instant modified) throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\\n" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\\n-----END PUBLIC KEY-----";
        Files.writeString(file, "{\"public_keys\":[{\"key_identifier\":\"" + identifier + "\",\"key\":\"" + pem
                + "\",\"is_current\":true}]}");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    @Test
    void the_keys_are_read_once_per_version_of_the_file() throws Exception {
        KeyPair github = keyPair();
        KeyPair stranger = keyPair();
        Path file = dir.resolve("github-keys.json");
        publish(file, "k1", github, Instant.parse("2026-12-01T00:00:00Z"));
        GitHubSignatures signatures = new GitHubSignatures(new LeakSettings(file), JsonMapper.createDefault());

        assertTrue(signatures.verify("k1", sign(github, BODY), BODY));
        for (int i = 0; i < 100; i++) {
            assertFalse(signatures.verify("k1", sign(stranger, BODY), BODY), "a forged signature");
            assertFalse(signatures.verify("unknown-key", sign(github, BODY), BODY), "an unknown key");
        }
        assertEquals(1, signatures.reads(), "one read for 201 reports");

        KeyPair rotated = keyPair();
        publish(file, "k2", rotated, Instant.parse("2026-12-02T00:00:00Z"));
        assertTrue(signatures.verify("k2", sign(rotated, BODY), BODY), "a replaced file takes effect without a restart");
        assertFalse(signatures.verify("k1", sign(github, BODY), BODY), "the withdrawn key no longer verifies");
        assertEquals(2, signatures.reads());
    }
}

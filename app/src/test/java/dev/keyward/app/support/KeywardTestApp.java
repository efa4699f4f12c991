package dev.keyward.app.support;

import dev.keyward.adapter.persistence.TestDatabase;
import dev.keyward.domain.token.TokenValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Properties for an end-to-end test of the whole service on its own fresh database of the real
 * MySQL-compatible server, with a known pepper and a known bootstrap admin key (every permission),
 * and a data directory of its own, so no test writes into the working tree's {@code ./data}.
 */
public final class KeywardTestApp {

    /** Test-only pepper; real installations configure their own. */
    public static final String PEPPER = "keyward-test-pepper-0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeywardTestApp() {
    }

    /** A fresh well-formed token value, e.g. for the bootstrap admin. */
    public static String newKey() {
        return TokenValue.generate(RANDOM).reveal();
    }

    /**
     * @param database a short name unique to the test class; its database is dropped and recreated
     * @param adminKey the value the bootstrap admin token gets
     */
    public static Map<String, String> properties(String database, String adminKey) {
        return properties(TestDatabase.micronautProperties(database), adminKey);
    }

    /** @param datasource the properties that point the default datasource (and Flyway) at a fresh database */
    public static Map<String, String> properties(Map<String, String> datasource, String adminKey) {
        Map<String, String> properties = new HashMap<>(datasource);
        properties.put("keyward.secrets.pepper", PEPPER);
        properties.put("keyward.bootstrap.token", adminKey);
        properties.put("keyward.data-dir", freshDataDir());
        return properties;
    }

    /** Under the module's target/ (surefire runs in the module directory), so `clean` removes it and /tmp stays tidy. */
    private static String freshDataDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(parent, "keyward-").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.keyward.app;

import dev.keyward.adapter.persistence.TestDatabase;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.domain.permission.Permission;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first start of an installation: embedded defaults, the bootstrap token and refused configurations. */
class BootstrapIT {

    private static final Pattern PRINTED_KEY = Pattern.compile("^\\s+(kw_[0-9A-Za-z]{36})\\s*$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void an_empty_embedded_installation_prints_a_minted_admin_key_once_and_keeps_it_across_restarts() throws Exception {
        String firstOutput = captureStdout(() -> {
            try (EmbeddedServer server = start(embeddedDefaults())) {
                // started and stopped
            }
        });
        Matcher printed = PRINTED_KEY.matcher(firstOutput);
        assertTrue(printed.find(), "the minted key is printed in the banner:\n" + firstOutput);
        String key = printed.group(1);
        assertTrue(Files.exists(dataDir.resolve("pepper")), "a pepper is generated beside the data");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("pepper"))), "only the owner may read the pepper");
        try (var leftovers = Files.list(dataDir)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary pepper file is left");
        }
        assertTrue(Files.exists(dataDir.resolve("keyward.mv.db")), "the H2 database lives in the data dir");

        String secondOutput = captureStdout(() -> {
            try (EmbeddedServer server = start(embeddedDefaults())) {
                assertEquals(200, get(server, "/api-tokens/self", key).statusCode(), "the key survives a restart");
            }
        });
        assertFalse(secondOutput.contains("kw_"), "a non-empty database mints nothing:\n" + secondOutput);
    }

    @Test
    void a_configured_bootstrap_key_becomes_the_admin_token_with_every_permission() throws Exception {
        String key = KeywardTestApp.newKey();
        Map<String, String> properties = new HashMap<>(TestDatabase.micronautProperties("bootstrap_configured"));
        properties.put("keyward.secrets.pepper", KeywardTestApp.PEPPER);
        properties.put("keyward.bootstrap.token", key);
        String output = captureStdout(() -> {
            try (EmbeddedServer server = start(properties)) {
                HttpResponse<String> self = get(server, "/api-tokens/self", key);
                assertEquals(200, self.statusCode(), self.body());
                assertTrue(self.body().contains("\"name\":\"bootstrap-admin\""), self.body());
                assertTrue(self.body().contains("\"type\":\"system\""), self.body());
                for (var permission : dev.keyward.domain.permission.Permission.values()) {
                    assertTrue(self.body().contains("\"" + permission.name() + "\""), permission + " in " + self.body());
                }
            }
        });
        assertFalse(output.contains(key), "a configured key is never printed");
    }

    @Test
    void a_malformed_bootstrap_key_refuses_to_start_with_a_reason_that_does_not_echo_it() {
        Map<String, String> properties = embeddedDefaults();
        String almost = KeywardTestApp.newKey();
        String broken = almost.substring(0, almost.length() - 1) + (almost.endsWith("0") ? "1" : "0");
        properties.put("keyward.bootstrap.token", broken);
        RuntimeException refused = assertThrows(RuntimeException.class, () -> start(properties).close());
        StartupRefusedException reason = causeOf(refused);
        assertTrue(reason.getMessage().contains("KEYWARD_BOOTSTRAP_TOKEN"), reason.getMessage());
        assertTrue(reason.getMessage().contains("checksum"), reason.getMessage());
        assertFalse(reason.getMessage().contains(broken), "the value is not echoed");
    }

    @Test
    void an_external_database_without_a_configured_pepper_refuses_to_start() {
        Map<String, String> properties = new HashMap<>(TestDatabase.micronautProperties("bootstrap_nopepper"));
        properties.put("keyward.data-dir", dataDir.toString());
        RuntimeException refused = assertThrows(RuntimeException.class, () -> start(properties).close());
        assertTrue(causeOf(refused).getMessage().contains("KEYWARD_SECRETS_PEPPER"), causeOf(refused).getMessage());
    }

    @Test
    void a_short_pepper_refuses_to_start() {
        Map<String, String> properties = embeddedDefaults();
        properties.put("keyward.secrets.pepper", "too-short");
        RuntimeException refused = assertThrows(RuntimeException.class, () -> start(properties).close());
        assertTrue(causeOf(refused).getMessage().contains("at least 16 bytes"), causeOf(refused).getMessage());
    }

    private Map<String, String> embeddedDefaults() {
        // Only the data directory moves (to a temp dir): everything else is the shipped default.
        Map<String, String> properties = new HashMap<>();
        properties.put("keyward.data-dir", dataDir.toString());
        return properties;
    }

    private static EmbeddedServer start(Map<String, String> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", "-1");
        return ApplicationContext.run(EmbeddedServer.class, all);
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("X-API-Key", key).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static StartupRefusedException causeOf(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("expected a StartupRefusedException in the causes of " + thrown, thrown);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String captureStdout(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

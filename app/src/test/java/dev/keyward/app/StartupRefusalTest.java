package dev.keyward.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A refused start. Once as an operator sees it: the real main class in a JVM of its own, configured only
 * through environment variables, ends with exit status 2 and one line on standard error naming the
 * problem — no stack frames, no Micronaut bean path. A child JVM costs seconds, so the other refusals
 * start the same server in this JVM and read the line {@link Keyward#refusal} would print for the failure.
 * Needs no database server: the pepper is checked before any connection attempt, and the other cases use
 * the embedded H2 in a temporary data directory. (More refusals: BootstrapTest, EventsSettingsTest.)
 */
class StartupRefusalTest {

    private static final String PREFIX = "keyward: refusing to start: ";

    @TempDir
    Path dataDir;

    @Test
    void an_external_database_without_a_pepper_is_refused_before_any_connection_attempt() throws Exception {
        // Port 1 has no server: were a connection tried first, the reason would be the refused connection.
        String line = refusal(Map.of("DATASOURCES_DEFAULT_URL", "jdbc:mariadb://127.0.0.1:1/keyward"));
        assertTrue(line.contains("KEYWARD_SECRETS_PEPPER") && line.contains("external database"), line);
    }

    @Test
    void a_malformed_bootstrap_token_is_refused_without_echoing_it() throws Exception {
        String malformed = "kw_thisIsNotAWellFormedKeywardTokenAtAll";
        String line = refusedInProcess(Map.of("keyward.bootstrap.token", malformed));
        assertTrue(line.contains("KEYWARD_BOOTSTRAP_TOKEN"), line);
        assertFalse(line.contains(malformed), "the value is not echoed: " + line);
    }

    @Test
    void a_setting_that_is_not_a_duration_is_refused_rather_than_replaced_by_its_default() throws Exception {
        String line = refusedInProcess(Map.of("keyward.events.poll-interval", "often"));
        assertTrue(line.contains("keyward.events.poll-interval must be a duration") && line.contains("'often'"), line);
    }

    /**
     * Starts the server as main does, in this JVM, on a private data dir; returns the line a refusal prints.
     * The data dir lies under {@code target/}, not in a {@code @TempDir}: a refused start may still be closing
     * its embedded database while JUnit deletes the directory, which then failed the test now and then.
     */
    private String refusedInProcess(Map<String, Object> settings) throws IOException {
        Map<String, Object> properties = new HashMap<>(settings);
        Files.createDirectories(Path.of("target"));
        properties.put("keyward.data-dir", Files.createTempDirectory(Path.of("target"), "refused-start-").toAbsolutePath().toString());
        properties.put("micronaut.server.port", -1);
        Throwable failure = assertThrows(Throwable.class, () -> {
            try (EmbeddedServer started = ApplicationContext.run(EmbeddedServer.class, properties)) {
                fail("started on port " + started.getPort() + " instead of refusing");
            }
        });
        Optional<String> line = Keyward.refusal(failure);
        assertTrue(line.isPresent(), () -> "not a refusal but " + failure);
        return line.get();
    }

    /** Runs the main class with the given environment on top of a private data dir; returns its only stderr line. */
    private String refusal(Map<String, String> environment) throws IOException, InterruptedException {
        Path stderr = dataDir.resolve("stderr.txt");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Keyward.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        child.environment().keySet().removeIf(name -> name.startsWith("KEYWARD_") || name.startsWith("DATASOURCES_")
                || name.startsWith("KAFKA_") || name.startsWith("MICRONAUT_"));
        child.environment().put("KEYWARD_DATA_DIR", dataDir.toString());
        child.environment().put("MICRONAUT_SERVER_PORT", "-1");
        child.environment().putAll(environment);
        Process process = child.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the refused start did not end within 90 s; it started instead?");
        }
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        String all = String.join("\n", lines);
        assertEquals(Keyward.REFUSED, process.exitValue(), "exit status; stderr:\n" + all);
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + all);
        String line = lines.get(0);
        assertTrue(line.startsWith(PREFIX), line);
        assertFalse(line.contains("\tat ") || line.contains("io.micronaut") || line.contains("Exception"), line);
        return line.substring(PREFIX.length());
    }
}

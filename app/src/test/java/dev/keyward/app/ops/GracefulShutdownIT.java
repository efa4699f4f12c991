package dev.keyward.app.ops;

import dev.keyward.adapter.persistence.TestDatabase;
import dev.keyward.app.Keyward;
import dev.keyward.app.support.KeywardTestApp;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyward as an operator runs it: the main class in a JVM of its own, JSON logs and the access log on,
 * stopped with SIGTERM under a burst of requests. Requests in flight at the signal complete with 2xx
 * (later ones are refused at connect: the server stopped accepting), the JVM exits 143 (SIGTERM with
 * shutdown hooks run), lastUsedAt is flushed, the relay logs no error, every log line is JSON, and no
 * key appears in the logs.
 */
class GracefulShutdownIT {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdownIT.class);

    private static final Pattern KEY = Pattern.compile("kw_[A-Za-z0-9]{20,}");
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @TempDir
    Path dataDir;

    @Test
    void sigterm_lets_requests_in_flight_finish_and_the_jvm_exit_cleanly() throws Exception {
        String admin = KeywardTestApp.newKey();
        int port = freePort();
        Map<String, String> database = TestDatabase.micronautProperties("ops_graceful_shutdown");
        Path log = dataDir.resolve("stdout.txt");
        Map<String, String> environment = new java.util.HashMap<>();
        database.forEach((name, value) -> environment.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        environment.put("KEYWARD_SECRETS_PEPPER", KeywardTestApp.PEPPER);
        environment.put("KEYWARD_HTTP_ACCESS_LOG", "true");
        Process process = startKeyward(admin, port, environment, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + port;
        List<String> values = new ArrayList<>(List.of(admin));
        try {
            awaitReady(http, base, process, log);
            // a route with a variable, and a key pasted where an id goes: neither may reach the log as typed
            String pasted = KeywardTestApp.newKey();
            values.add(pasted);
            send(http, base, "GET", "/api-tokens/" + pasted, admin, null);
            assertEquals(200, send(http, base, "POST", "/public/graphql", admin,
                    "{\"query\":\"{ apiToken(id: \\\"self\\\") { id } }\"}").statusCode());

            AtomicBoolean signalled = new AtomicBoolean();
            AtomicInteger finishedAfterSignal = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
            AtomicInteger completed = new AtomicInteger();
            int workers = 8;
            CountDownLatch done = new CountDownLatch(workers);
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            boolean before = signalled.get();
                            HttpResponse<String> response;
                            try {
                                response = i % 2 == 0
                                        ? send(http, base, "POST", "/api-tokens", admin, "{\"name\":\"burst-" + worker + "-" + i + "\",\"permissions\":[\"AlertRead\"]}")
                                        : send(http, base, "GET", "/api-tokens?limit=100", admin, null);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            } catch (IOException refused) {
                                if (!before && !signalled.get()) {
                                    problems.add("failed before the signal: " + refused);
                                }
                                return; // the server stopped accepting
                            }
                            if (response.statusCode() / 100 != 2) {
                                problems.add(response.statusCode() + ": " + response.body());
                            } else {
                                completed.incrementAndGet();
                                Matcher value = KEY.matcher(response.body());
                                while (value.find()) {
                                    created.add(value.group());
                                }
                            }
                            if (signalled.get()) {
                                finishedAfterSignal.incrementAndGet();
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
                thread.setDaemon(true);
                thread.start();
            }
            Thread.sleep(1500);
            signalled.set(true);
            long signalAt = System.nanoTime();
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Keyward did not exit within 60 s of SIGTERM");
            long exitedAfter = (System.nanoTime() - signalAt) / 1_000_000;
            assertTrue(done.await(30, TimeUnit.SECONDS));
            values.addAll(created);
            LOG.info("[shutdown] " + completed.get() + " requests completed, " + finishedAfterSignal.get()
                    + " of them answered after SIGTERM; exit " + process.exitValue() + " " + exitedAfter + " ms after the signal");

            assertEquals(List.of(), List.copyOf(problems), "every answered request was a 2xx");
            assertTrue(completed.get() > 0, "the burst reached the server");
            assertEquals(143, process.exitValue(), "SIGTERM, shutdown hooks run: 128 + 15\n" + Files.readString(log));

            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.get("datasources.default.url"),
                    database.get("datasources.default.username"), database.get("datasources.default.password"));
                 java.sql.ResultSet used = connection.createStatement().executeQuery(
                         "SELECT COUNT(*) FROM api_tokens WHERE last_used_at IS NOT NULL")) {
                used.next();
                assertEquals(1, used.getInt(1), "the admin's uses were flushed at shutdown (and only its: the burst's tokens were never used)");
            }

            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<Map<String, Object>> events = new ArrayList<>();
            for (String line : lines) {
                if (!line.isBlank()) {
                    events.add(JSON.readValue(line, Argument.mapOf(String.class, Object.class)));
                }
            }
            assertTrue(events.stream().noneMatch(e -> "ERROR".equals(e.get("level"))), "no ERROR logged:\n" + String.join("\n", lines));
            assertTrue(events.stream().noneMatch(e -> String.valueOf(e.get("logger_name")).contains("AuditRelayLoop")
                    && "WARN".equals(e.get("level"))), "the relay logged no failure:\n" + String.join("\n", lines));
            List<Map<String, Object>> access = events.stream().filter(e -> "dev.keyward.access".equals(e.get("logger_name"))).toList();
            assertTrue(access.size() >= completed.get(), "an access-log line per answered request: " + access.size());
            assertTrue(access.stream().anyMatch(e -> "/api-tokens/{id}".equals(e.get("route")) && "GET".equals(e.get("method"))
                    && Integer.valueOf(404).equals(e.get("status")) && e.get("durationMs") instanceof Number
                    && String.valueOf(e.get("tokenId")).matches("[0-9a-f-]{36}")), "a GET by id logged with its route template");
            assertTrue(access.stream().anyMatch(e -> "/public/graphql".equals(e.get("route")) && "POST".equals(e.get("method"))
                    && String.valueOf(e.get("tokenId")).matches("[0-9a-f-]{36}")), "a GraphQL request logged with the token it checked");
            String all = String.join("\n", lines);
            for (String value : values) {
                assertFalse(all.contains(value), "a token value reached the logs");
            }
            assertFalse(KEY.matcher(all).find(), "nothing shaped like a key in the logs");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void on_the_embedded_h2_default_a_use_made_a_second_before_sigterm_is_there_after_a_restart() throws Exception {
        String admin = KeywardTestApp.newKey();
        int port = freePort();
        Path log = dataDir.resolve("h2-stdout.txt");
        // the embedded defaults: H2 under the data directory, audit events to a JSON-lines file there
        Process process = startKeyward(admin, port, Map.of(), log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitReady(http, base, process, log);
            assertEquals(200, send(http, base, "GET", "/api-tokens/self", admin, null).statusCode());
            Thread.sleep(1000);
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Keyward did not exit within 60 s of SIGTERM");
            assertEquals(143, process.exitValue(), Files.readString(log));

            String all = Files.readString(log);
            assertFalse(all.contains("\"level\":\"ERROR\""), "no ERROR logged at shutdown:\n" + all);
            assertFalse(all.contains("Database is already closed"), "H2 was not closed before the last flush:\n" + all);
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("keyward")
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE", "sa", "");
                 java.sql.ResultSet used = connection.createStatement().executeQuery(
                         "SELECT COUNT(*) FROM api_tokens WHERE last_used_at IS NOT NULL AND last_used_from IS NOT NULL")) {
                used.next();
                assertEquals(1, used.getInt(1), "the admin's use, a second before SIGTERM, was flushed to H2");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * The main class in a JVM of its own, as an operator starts it: configured only through the
     * environment (none inherited), JSON logs to {@code log}, and no periodic lastUsedAt flush, so a stored
     * lastUsedAt can only come from the flush at shutdown.
     */
    private Process startKeyward(String admin, int port, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the shipped logback.xml, not a logback-test.xml of the test jars on this class path
                "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), Keyward.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        child.environment().keySet().removeIf(name -> name.startsWith("KEYWARD_") || name.startsWith("DATASOURCES_")
                || name.startsWith("KAFKA_") || name.startsWith("MICRONAUT_"));
        child.environment().put("KEYWARD_DATA_DIR", dataDir.toString());
        child.environment().put("KEYWARD_BOOTSTRAP_TOKEN", admin);
        child.environment().put("KEYWARD_LOG_FORMAT", "json");
        child.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        child.environment().put("KEYWARD_TOKENS_LAST_USED_FLUSH_INTERVAL", "1h");
        child.environment().putAll(environment);
        return child.start();
    }

    private static HttpResponse<String> send(HttpClient http, String base, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady(HttpClient http, String base, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "Keyward ended at start:\n" + Files.readString(log));
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Keyward was not ready within 90 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.keyward.app.events;

import dev.keyward.app.support.KeywardTestApp;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client address that fails more checks than the threshold in one window is reported once, as a
 * {@code dev.keyward.security.auth-failures} event through the audit outbox (here to the JSON-lines
 * file), and a valid key from the same address is still served.
 */
@MicronautTest(transactional = false)
class AuthFailuresEndToEndIT extends JsonLinesEndToEndTest {

    @Override
    public Map<String, String> getProperties() {
        return withLowThreshold(super.getProperties());
    }

    /** {@code properties} with a report after 3 failures in a window of an hour: a flood is quick to make. */
    static Map<String, String> withLowThreshold(Map<String, String> properties) {
        properties.put("keyward.security.auth-failures.threshold", "3");
        properties.put("keyward.security.auth-failures.window", "1h");
        return properties;
    }

    @Test
    void a_flood_of_failures_from_one_address_is_reported_once_per_window_without_any_key() throws Exception {
        List<String> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guess = KeywardTestApp.newKey();
            guesses.add(guess);
            assertEquals(401, api.get("/api-tokens/self", guess).status());
        }
        assertEquals(200, api.get("/api-tokens/self", admin).status(), "the flooding address is not refused a valid key");
        Outbox outbox = new Outbox(dataSource);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((outbox.rows().stream().noneMatch(r -> r.type().equals("auth-failures")) || outbox.unsent() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        List<Outbox.Row> observed = outbox.rows().stream().filter(r -> r.type().equals("auth-failures")).toList();
        assertEquals(1, observed.size(), outbox.rows().toString());
        assertNull(observed.get(0).tokenId(), "it concerns no token");
        List<String> lines = Files.readAllLines(dataDir.resolve("audit-events.jsonl"), StandardCharsets.UTF_8);
        List<CloudEvent> security = new ArrayList<>();
        for (String line : lines) {
            CloudEvent event = new JsonFormat().deserialize(line.getBytes(StandardCharsets.UTF_8));
            if (event.getType().equals("dev.keyward.security.auth-failures")) {
                security.add(event);
                for (String guess : guesses) {
                    assertFalse(line.contains(guess.substring(3, 15)), "no key in " + line);
                }
                assertTrue(line.contains("\"failures\":4"), line);
            }
        }
        assertEquals(1, security.size(), lines.toString());
        assertTrue(security.get(0).getSubject().equals("127.0.0.1") || security.get(0).getSubject().contains(":"),
                security.get(0).getSubject());
    }
}

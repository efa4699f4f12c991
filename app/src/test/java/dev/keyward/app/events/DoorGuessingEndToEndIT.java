package dev.keyward.app.events;

import dev.keyward.app.support.KeywardTestApp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The doors where a service asks about someone else's key (verify, introspection) and the leak report
 * are guessing oracles too: their failures count against the asking token and its own address, whatever
 * client address the request states, and raise {@code dev.keyward.security.auth-failures} naming the
 * token in {@code askedBy}.
 */
@MicronautTest(transactional = false)
class DoorGuessingEndToEndIT extends JsonLinesEndToEndTest {

    @Override
    public Map<String, String> getProperties() {
        return AuthFailuresEndToEndIT.withLowThreshold(super.getProperties());
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "introspect", "leaked-tokens"})
    void a_service_guessing_through_a_door_is_reported_with_its_token_whatever_addresses_it_states(String door) throws Exception {
        var service = api.create(admin, "guessing-through-" + door + "-" + System.nanoTime(), "OrganizationAPITokenRead",
                "OrganizationAPITokenModify");
        for (int i = 0; i < 4; i++) {
            String guess = KeywardTestApp.newKey();
            String stated = "198.51.100." + (i + 1);
            var reply = switch (door) {
                case "verify" -> api.post("/api-tokens/verify", service.value(),
                        "{\"key\":\"" + guess + "\",\"clientAddress\":\"" + stated + "\"}");
                case "introspect" -> api.send("POST", "/introspect", service.value(), "application/x-www-form-urlencoded",
                        "token=" + guess + "&client_address=" + stated);
                default -> api.post("/leaked-tokens", service.value(), "[{\"token\":\"" + guess + "\"}]");
            };
            assertEquals(200, reply.status(), reply.body());
        }

        Outbox outbox = new Outbox(dataSource);
        outbox.awaitDrained(Duration.ofSeconds(30));
        long deadlineForLine = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> askedByService;
        do {
            askedByService = Files.readAllLines(dataDir.resolve("audit-events.jsonl"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("dev.keyward.security.auth-failures") && line.contains("\"askedBy\":\"" + service.id() + "\""))
                    .toList();
        } while (askedByService.isEmpty() && System.nanoTime() < deadlineForLine && sleep(100));
        assertEquals(1, askedByService.size(), "one auth-failures event names the asking token (" + door + ")");
        assertFalse(askedByService.get(0).contains("198.51.100."), "counted against the asker's own address, not the stated ones: "
                + askedByService.get(0));
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }
}

package dev.keyward.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.adapter.events.TestKafka;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotation with a grace period and reuse detection on the real database, with the events on a real
 * Kafka: the previous value works as the token for checks and reads (REST, GraphQL and the verify door) but
 * writes nothing; the rotated event says until when; a value rotated away is refused and reported once as
 * {@code reused}, with the reuser's address and when the value was retired, and never the value.
 */
@MicronautTest(transactional = false)
class RotationGraceAndReuseEndToEndIT extends KafkaEndToEndTest {

    private final ObjectMapper tree = new ObjectMapper();

    private Reply rotate(String ref, String key, String body) {
        return api.send("POST", "/api-tokens/" + ref + "/rotate", key, HttpApi.JSON, body);
    }

    private List<CloudEvent> eventsOf(String tokenId, String type) {
        Consumed consumed = new Consumed(TestKafka.consume(kafka.bootstrapServers(), topic,
                records -> new Consumed(records).events.stream().anyMatch(e -> e.getType().equals(type) && tokenId.equals(e.getSubject())),
                Duration.ofSeconds(60)));
        return consumed.events.stream().filter(e -> tokenId.equals(e.getSubject()) && e.getType().equals(type)).toList();
    }

    @Test
    void during_the_grace_period_the_previous_value_is_the_token_for_checks_and_reads_but_writes_nothing() throws Exception {
        var token = api.create(admin, unique("overlap"), "OrganizationAPITokenRead", "OrganizationAPITokenModify", "AlertRead");

        Reply rotated = rotate(token.id(), admin, "{\"gracePeriodSeconds\": 3600}");

        assertEquals(200, rotated.status(), rotated.body());
        String next = rotated.string("value");
        String until = rotated.string("previousValueExpiresAt");
        Instant untilInstant = Instant.parse(until);
        assertTrue(untilInstant.isAfter(Instant.now().plus(Duration.ofMinutes(59))), until);
        assertEquals(200, api.get("/api-tokens/self", token.value()).status());
        assertEquals(until, api.get("/api-tokens/" + token.id(), admin).string("previousValueExpiresAt"));
        assertEquals(token.id(), api.graphql(token.value(), "{ apiToken(id: \"self\") { id } }").at("data", "apiToken", "id"));
        Reply verified = api.post("/api-tokens/verify", admin, "{\"key\":\"" + token.value() + "\",\"permissions\":[\"AlertRead\"]}");
        assertEquals(true, verified.json().get("valid"), verified.body());
        Reply created = api.createReply(token.value(), unique("made-by-previous"), List.of("AlertRead"), null);
        assertEquals(403, created.status(), "the previous value may read, never write: " + created.body());
        assertTrue(created.message().contains("previous value"), created.body());
        assertEquals("FORBIDDEN", api.graphql(token.value(), "mutation { rotateAPIToken { token { value } } }").errorCode());

        assertEquals(403, api.update("self", token.value(), "renamed", List.of("AlertRead")).status());
        assertEquals(403, rotate("self", token.value(), "{}").status());
        assertEquals(403, api.delete("/api-tokens/" + token.id(), token.value()).status());
        assertEquals(200, api.get("/api-tokens/self", next).status());

        CloudEvent event = eventsOf(token.id(), "dev.keyward.api-token.rotated").get(0);
        JsonNode data = tree.readTree(event.getData().toBytes());
        assertEquals(untilInstant, Instant.parse(data.get("previousValueExpiresAt").asText()));

        assertEquals(200, rotate(token.id(), admin, null).status());
        assertEquals(401, api.get("/api-tokens/self", token.value()).status(), "rotating again ends the overlap at once");
        assertEquals(401, api.get("/api-tokens/self", next).status(), "without grace the value replaced dies at once");
    }

    @Test
    void a_value_rotated_away_is_a_plain_401_and_one_reused_event_with_the_address_and_retirement() throws Exception {
        var token = api.create(admin, unique("reused"), "OrganizationAPITokenRead");
        Reply rotated = rotate(token.id(), admin, null);
        assertEquals(200, rotated.status(), rotated.body());
        String retiredAt = rotated.string("rotatedAt");

        for (int i = 0; i < 5; i++) {
            Reply refused = api.get("/api-tokens/self", token.value());
            assertEquals(401, refused.status());
            assertFalse(refused.body().contains(token.id()), "a refusal says nothing about the token: " + refused.body());
        }

        List<CloudEvent> reused = eventsOf(token.id(), "dev.keyward.api-token.reused");
        assertEquals(1, reused.size());
        JsonNode data = tree.readTree(reused.get(0).getData().toBytes());
        assertEquals("127.0.0.1", data.get("clientAddress").asText());
        assertEquals(Instant.parse(retiredAt), Instant.parse(data.get("retiredAt").asText()));
        assertFalse(data.get("revoked").asBoolean());
        assertEquals("reuse-detection", data.at("/actor/id").asText());
        assertFalse(new String(reused.get(0).getData().toBytes()).contains(token.value().substring(3)));
        assertEquals(List.of("created", "rotated", "reused"),
                new Outbox(server.getApplicationContext().getBean(DataSource.class)).typesOf(token.id()));
        assertEquals(200, api.get("/api-tokens/" + token.id(), admin).status(), "revoke-on-reuse is off by default");
    }
}

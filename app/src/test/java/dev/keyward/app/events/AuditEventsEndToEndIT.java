package dev.keyward.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyward.adapter.events.TestKafka;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi.Reply;
import io.cloudevents.CloudEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every REST change of a token becomes exactly one CloudEvent on a real Kafka broker, with the documented
 * attributes and data, and no secret of any kind anywhere in any record.
 */
@MicronautTest(transactional = false)
class AuditEventsEndToEndIT extends KafkaEndToEndTest {

    private static final Pattern TOKEN_VALUE = Pattern.compile("kw_[0-9A-Za-z]{20,}");

    private final ObjectMapper tree = new ObjectMapper();

    @Inject
    DataSource dataSource;

    /** The token lifecycle the tests look at, run once. */
    private Life life;

    private record Life(String adminId, String tokenId, List<Map<String, Object>> states, List<String> values,
                        List<String> hashes, Consumed consumed) {
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("keyward.events.source", "/keyward/e2e");
        return properties;
    }

    @Test
    void create_update_rotate_and_delete_each_publish_exactly_one_event_with_the_documented_attributes() {
        Life life = life();
        List<CloudEvent> events = life.consumed().events.stream().filter(e -> life.tokenId().equals(e.getSubject())).toList();
        List<Outbox.Row> rows = new Outbox(dataSource).rows().stream().filter(r -> r.tokenId().equals(life.tokenId())).toList();

        assertEquals(List.of("dev.keyward.api-token.created", "dev.keyward.api-token.updated", "dev.keyward.api-token.rotated",
                "dev.keyward.api-token.deleted"), events.stream().map(CloudEvent::getType).toList());
        assertEquals(rows.stream().map(Outbox.Row::eventId).toList(), events.stream().map(CloudEvent::getId).toList(),
                "the CloudEvent id is the outbox id");
        for (CloudEvent event : events) {
            assertEquals(URI.create("/keyward/e2e"), event.getSource());
            assertEquals("application/json", event.getDataContentType());
            assertEquals("1.0", event.getSpecVersion().toString());
            assertNotNull(event.getTime());
        }
        assertEquals(OffsetDateTime.parse((String) life.states().get(0).get("createdAt")).toInstant(), events.get(0).getTime().toInstant());
        assertEquals(OffsetDateTime.parse((String) life.states().get(2).get("rotatedAt")).toInstant(), events.get(2).getTime().toInstant());
    }

    @Test
    void each_events_data_is_the_tokens_public_state_after_the_change_with_actor_address_and_changes() throws Exception {
        Life life = life();
        List<CloudEvent> events = life.consumed().events.stream().filter(e -> life.tokenId().equals(e.getSubject())).toList();
        String actor = "{\"id\":\"" + life.adminId() + "\",\"type\":\"api-token\"}";

        for (int i = 0; i < 4; i++) {
            ObjectNode expected = (ObjectNode) tree.readTree("{\"actor\":" + actor + ",\"clientAddress\":\"127.0.0.1\"}");
            expected.set("token", publicState(life.states().get(Math.min(i, 2))));
            if (i == 2) {
                expected.putNull("previousValueExpiresAt");
            }
            if (i == 1) {
                expected.set("changes", tree.readTree("""
                        [{"field":"name","oldValue":"audited","newValue":"audited-renamed"},
                         {"field":"permissions","oldValue":["RuleRead"],"newValue":["RuleModify","RuleRead"]},
                         {"field":"enabled","oldValue":true,"newValue":false}]"""));
            }
            assertEquals(expected, tree.readTree(events.get(i).getData().toBytes()), events.get(i).getType());
        }
    }

    @Test
    void an_owners_life_is_three_events_keyed_by_the_owner_and_a_token_event_names_its_owner() throws Exception {
        Reply owner = api.post("/owners", admin, "{\"externalId\":\"cus_audited\",\"meta\":{\"plan\":\"gold\"}}");
        assertEquals(201, owner.status(), owner.body());
        String ownerId = owner.string("id");
        Reply token = api.post("/api-tokens", admin, "{\"name\":\"owned\",\"permissions\":[],\"ownerId\":\"" + ownerId + "\"}");
        assertEquals(200, api.post("/owners/" + ownerId, admin, "{\"name\":\"Audited\"}").status());
        assertEquals(204, api.delete("/api-tokens/" + token.string("id"), admin).status());
        assertEquals(204, api.delete("/owners/" + ownerId, admin).status());

        Consumed consumed = new Consumed(TestKafka.consume(kafka.bootstrapServers(), topic,
                records -> new Consumed(records).events.stream().filter(e -> ownerId.equals(e.getSubject())).count() >= 3,
                Duration.ofSeconds(60)));
        List<CloudEvent> ownerEvents = consumed.events.stream().filter(e -> ownerId.equals(e.getSubject())).toList();
        CloudEvent created = consumed.events.stream().filter(e -> token.string("id").equals(e.getSubject())).findFirst().orElseThrow();

        assertEquals(List.of("dev.keyward.owner.created", "dev.keyward.owner.updated", "dev.keyward.owner.deleted"),
                ownerEvents.stream().map(CloudEvent::getType).toList());
        assertEquals(tree.readTree("{\"id\":\"" + ownerId + "\",\"externalId\":\"cus_audited\",\"name\":\"Audited\",\"meta\":{\"plan\":\"gold\"}}"),
                tree.readTree(ownerEvents.get(1).getData().toBytes()).get("owner"));
        assertEquals(ownerId, tree.readTree(created.getData().toBytes()).get("token").get("ownerId").asText());
    }

    @Test
    void no_record_holds_a_token_value_or_any_form_of_a_secret_hash() {
        Life life = life();
        assertTrue(life.consumed().records.size() >= 5, "the bootstrap admin's creation and the four changes");
        for (String text : life.consumed().rawTexts()) {
            assertFalse(TOKEN_VALUE.matcher(text).find(), "a token value in " + text);
            assertFalse(text.contains(KeywardTestApp.PEPPER), "the pepper in " + text);
            assertFalse(text.toLowerCase().contains("hash"), text);
            for (String value : life.values()) {
                assertFalse(text.contains(value.substring(3)), "a token value's body in " + text);
            }
            for (String hex : life.hashes()) {
                byte[] bytes = HexFormat.of().parseHex(hex);
                for (String form : List.of(hex, hex.toUpperCase(), Base64.getEncoder().encodeToString(bytes),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
                    assertFalse(text.contains(form.substring(0, 16)), "a secret hash in " + text);
                }
            }
        }
    }

    @Test
    void every_outbox_event_is_delivered_and_the_backlog_endpoint_reports_none_left() {
        Life life = life();
        List<Outbox.Row> rows = new Outbox(dataSource).rows();

        assertEquals(rows.stream().map(Outbox.Row::eventId).toList().stream().sorted().toList(),
                life.consumed().ids().stream().sorted().toList());
        Reply backlog = awaitBacklog(0);
        assertEquals(0, ((Number) backlog.json().get("unsent")).intValue(), backlog.body());
        assertEquals(0.0, ((Number) backlog.json().get("oldestUnsentAgeSeconds")).doubleValue());
        assertEquals(200, api.get("/health", null).status());
    }

    private Reply awaitBacklog(int unsent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Reply reply;
        do {
            reply = api.get("/audit-backlog", null);
            assertEquals(200, reply.status(), reply.body());
        } while (((Number) reply.json().get("unsent")).intValue() != unsent && System.nanoTime() < deadline);
        return reply;
    }

    private JsonNode publicState(Map<String, Object> state) {
        ObjectNode token = tree.createObjectNode();
        for (String field : List.of("id", "name", "permissions", "allowedCIDRBlocks", "expiresAt", "rotatedAt", "previousValueExpiresAt",
                "enabled", "meta", "ownerId")) {
            token.set(field, tree.valueToTree(state.get(field)));
        }
        return token;
    }

    private synchronized Life life() {
        if (life != null) {
            return life;
        }
        Outbox outbox = new Outbox(dataSource);
        String adminId = api.idOf(admin);
        List<Map<String, Object>> states = new ArrayList<>();
        List<String> values = new ArrayList<>(List.of(admin));
        List<String> hashes = new ArrayList<>();

        Reply created = api.createReply(admin, "audited", List.of("RuleRead"), List.of("127.0.0.0/8", "2001:db8::/32"));
        assertEquals(200, created.status(), created.body());
        String id = created.string("id");
        values.add(created.string("value"));
        states.add(created.json());
        hashes.addAll(outbox.secretHashes().values());

        Reply updated = api.post("/api-tokens/" + id, admin,
                "{\"name\":\"audited-renamed\",\"permissions\":[\"RuleRead\",\"RuleModify\"],\"enabled\":false}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals(false, updated.json().get("enabled"), "switched off: the event says so");
        states.add(updated.json());

        Reply rotated = api.rotate(id, admin);
        assertEquals(200, rotated.status(), rotated.body());
        values.add(rotated.string("value"));
        states.add(rotated.json());
        hashes.addAll(outbox.secretHashes().values());

        assertEquals(204 / 100, api.delete("/api-tokens/" + id, admin).status() / 100);

        int expected = outbox.rows().size();
        Consumed consumed = new Consumed(TestKafka.consume(kafka.bootstrapServers(), topic,
                records -> new Consumed(records).ids().size() >= expected, Duration.ofSeconds(60)));
        life = new Life(adminId, id, states, values, hashes, consumed);
        return life;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package dev.keyward.adapter.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.OwnerCreated;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.OwnerUpdated;
import dev.keyward.domain.token.OwnerView;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenExpired;
import dev.keyward.domain.token.TokenExpiring;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenLeaked;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenReused;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenRotationDue;
import dev.keyward.domain.token.TokenUpdated;
import dev.keyward.domain.token.TokenView;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CloudEvent each domain event becomes: attributes, data fields, structured JSON form. */
class AuditCloudEventsTest {

    private final AuditCloudEvents mapper = new AuditCloudEvents("/keyward/test-node");
    private final ObjectMapper json = new ObjectMapper();
    private final TokenId id = TestEvents.newTokenId();

    @Test
    void each_event_kind_gets_its_type_and_the_outbox_id_subject_time_and_source() {
        List<PendingAuditEvent> life = TestEvents.lifeOf(id);

        List<CloudEvent> events = life.stream().map(mapper::toCloudEvent).toList();

        assertEquals(List.of("dev.keyward.api-token.created", "dev.keyward.api-token.updated",
                "dev.keyward.api-token.rotated", "dev.keyward.api-token.deleted"), events.stream().map(CloudEvent::getType).toList());
        for (int i = 0; i < life.size(); i++) {
            CloudEvent event = events.get(i);
            assertEquals(SpecVersion.V1, event.getSpecVersion());
            assertEquals(life.get(i).id().toString(), event.getId());
            assertEquals(URI.create("/keyward/test-node"), event.getSource());
            assertEquals(id.toString(), event.getSubject());
            assertEquals(OffsetDateTime.ofInstant(life.get(i).event().occurredAt(), ZoneOffset.UTC), event.getTime());
            assertEquals("application/json", event.getDataContentType());
        }
    }

    @Test
    void the_data_holds_the_tokens_public_fields_the_actor_and_the_client_address() throws Exception {
        JsonNode data = json.readTree(mapper.toCloudEvent(TestEvents.lifeOf(id).get(2)).getData().toBytes());

        assertEquals(json.readTree("""
                {"token": {"id": "%s", "name": "ci-renamed", "permissions": ["OrganizationAPITokenRead", "RuleRead"],
                           "allowedCIDRBlocks": ["10.0.0.0/8"], "expiresAt": "2026-11-03T10:00:00.123456Z",
                           "rotatedAt": "2026-11-02T10:00:02.123456Z", "previousValueExpiresAt": null, "enabled": true,
                           "meta": {}, "ownerId": null},
                 "actor": {"id": "0192f0c4-0000-7000-8000-000000000001", "type": "api-token"},
                 "clientAddress": "192.0.2.7", "previousValueExpiresAt": null}
                """.formatted(id)), data);
    }

    @Test
    void an_update_lists_each_changed_field_with_its_old_and_new_value() throws Exception {
        JsonNode data = json.readTree(mapper.toCloudEvent(TestEvents.lifeOf(id).get(1)).getData().toBytes());

        assertEquals(json.readTree("""
                [{"field": "name", "oldValue": "ci", "newValue": "ci-renamed"},
                 {"field": "permissions", "oldValue": ["RuleRead"], "newValue": ["OrganizationAPITokenRead", "RuleRead"]}]
                """), data.get("changes"));
        assertFalse(json.readTree(mapper.toCloudEvent(TestEvents.lifeOf(id).get(0)).getData().toBytes()).has("changes"),
                "only updates carry changes");
    }

    @Test
    void switching_a_token_off_is_an_update_whose_change_and_token_say_so_as_booleans() throws Exception {
        TokenView before = TestEvents.view(id, "ci", null);
        TokenView off = new TokenView(before.id(), before.name(), before.permissions(), before.allowlist(), before.createdAt(),
                before.createdBy(), before.updatedAt(), before.updatedBy(), before.expiresAt(), null, null, null, null, false, before.meta(), before.owner());

        JsonNode data = json.readTree(mapper.toCloudEvent(TestEvents.pending(new TokenUpdated(off, TestEvents.origin(TestEvents.T0),
                List.of(new FieldChange("enabled", true, false))))).getData().toBytes());

        assertEquals(json.readTree("[{\"field\": \"enabled\", \"oldValue\": true, \"newValue\": false}]"), data.get("changes"));
        assertFalse(data.get("token").get("enabled").asBoolean(true));
        assertTrue(data.get("token").get("enabled").isBoolean());
    }

    @Test
    void metadata_is_a_json_object_in_the_token_and_in_its_change_never_a_string_holding_one() throws Exception {
        TokenView before = TestEvents.view(id, "ci", null);
        TokenMeta gold = new TokenMeta("{\"plan\":\"gold\",\"seats\":3}");
        TokenView tagged = new TokenView(before.id(), before.name(), before.permissions(), before.allowlist(), before.createdAt(),
                before.createdBy(), before.updatedAt(), before.updatedBy(), before.expiresAt(), null, null, null, null, true, gold, null);

        JsonNode data = json.readTree(mapper.toCloudEvent(TestEvents.pending(new TokenUpdated(tagged, TestEvents.origin(TestEvents.T0),
                List.of(new FieldChange("meta", TokenMeta.EMPTY, gold))))).getData().toBytes());

        assertEquals(json.readTree("{\"plan\":\"gold\",\"seats\":3}"), data.get("token").get("meta"));
        assertEquals(json.readTree("[{\"field\": \"meta\", \"oldValue\": {}, \"newValue\": {\"plan\":\"gold\",\"seats\":3}}]"),
                data.get("changes"));
    }

    @Test
    void an_owner_event_is_typed_by_its_noun_keyed_by_the_owner_and_carries_the_owner_and_its_changes() throws Exception {
        OwnerView owner = new OwnerView(OwnerId.parse("0192f0c4-0000-7000-8000-0000000000aa"), "cus_9", "Nine",
                new TokenMeta("{\"plan\":\"gold\"}"), TestEvents.T0, TestEvents.T0.plusSeconds(5));
        CloudEvent updated = mapper.toCloudEvent(TestEvents.pending(new OwnerUpdated(owner, TestEvents.origin(TestEvents.T0),
                List.of(new FieldChange("name", "9", "Nine")))));

        assertEquals("dev.keyward.owner.updated", updated.getType());
        assertEquals("0192f0c4-0000-7000-8000-0000000000aa", updated.getSubject());
        JsonNode data = json.readTree(updated.getData().toBytes());
        assertEquals(json.readTree("{\"id\": \"0192f0c4-0000-7000-8000-0000000000aa\", \"externalId\": \"cus_9\", \"name\": \"Nine\","
                + " \"meta\": {\"plan\": \"gold\"}}"), data.get("owner"));
        assertEquals(json.readTree("[{\"field\": \"name\", \"oldValue\": \"9\", \"newValue\": \"Nine\"}]"), data.get("changes"));
        assertEquals("dev.keyward.owner.created", mapper.toCloudEvent(TestEvents.pending(new OwnerCreated(owner,
                TestEvents.origin(TestEvents.T0)))).getType());
    }

    @Test
    void lifecycle_and_leak_events_carry_their_type_and_what_occasion_they_announce() throws Exception {
        TokenView view = TestEvents.view(id, "ci", null);
        Origin origin = TestEvents.origin(TestEvents.T0);
        List<TokenEvent> events = List.of(new TokenExpiring(view, origin, Duration.ofDays(7)), new TokenExpired(view, origin),
                new TokenRotationDue(view, origin, TestEvents.T0.minusSeconds(60)),
                new TokenLeaked(view, origin, "https://example.com/x", "gitleaks"),
                new TokenReused(view, origin, TestEvents.T0.minusSeconds(90), true));

        List<CloudEvent> cloud = events.stream().map(TestEvents::pending).map(mapper::toCloudEvent).toList();

        assertEquals(List.of("dev.keyward.api-token.expiring", "dev.keyward.api-token.expired",
                "dev.keyward.api-token.rotation-due", "dev.keyward.api-token.leaked", "dev.keyward.api-token.reused"),
                cloud.stream().map(CloudEvent::getType).toList());
        JsonNode reuse = json.readTree(cloud.get(4).getData().toBytes());
        assertEquals(TestEvents.T0.minusSeconds(90).toString(), reuse.get("retiredAt").asText());
        assertTrue(reuse.get("revoked").asBoolean());
        assertEquals("192.0.2.7", reuse.get("clientAddress").asText());
        assertEquals(id.toString(), cloud.get(4).getSubject());
        assertEquals("PT168H", json.readTree(cloud.get(0).getData().toBytes()).get("warning").asText());
        assertEquals(TestEvents.T0.minusSeconds(60).toString(), json.readTree(cloud.get(2).getData().toBytes()).get("rotationDueAt").asText());
        JsonNode leak = json.readTree(cloud.get(3).getData().toBytes());
        assertEquals("https://example.com/x", leak.get("location").asText());
        assertEquals("gitleaks", leak.get("source").asText());
    }

    @Test
    void a_rotation_with_a_grace_period_says_until_when_the_previous_value_works() throws Exception {
        Instant until = TestEvents.T0.plusSeconds(3_600);
        TokenView view = TestEvents.view(id, "ci", TestEvents.T0);
        TokenView overlapping = new TokenView(view.id(), view.name(), view.permissions(), view.allowlist(), view.createdAt(),
                view.createdBy(), view.updatedAt(), view.updatedBy(), view.expiresAt(), null, null, view.rotatedAt(), until, view.enabled(), view.meta(), view.owner());

        JsonNode data = json.readTree(mapper.toCloudEvent(TestEvents.pending(new TokenRotated(overlapping, TestEvents.origin(TestEvents.T0))))
                .getData().toBytes());

        assertEquals(until.toString(), data.get("previousValueExpiresAt").asText());
        assertEquals(until.toString(), data.at("/token/previousValueExpiresAt").asText());
    }

    @Test
    void the_structured_json_form_embeds_the_data_as_json_and_reads_back_equal() throws Exception {
        CloudEvent event = mapper.toCloudEvent(TestEvents.lifeOf(id).get(0));

        byte[] bytes = new JsonFormat().serialize(event);
        JsonNode tree = json.readTree(bytes);

        assertEquals("1.0", tree.get("specversion").asText());
        assertTrue(tree.get("data").isObject(), "data is a JSON object, not base64: " + tree);
        assertFalse(tree.has("data_base64"));
        List<String> attributes = new ArrayList<>();
        tree.fieldNames().forEachRemaining(attributes::add);
        assertEquals(List.of("data", "datacontenttype", "id", "source", "specversion", "subject", "time", "type"),
                attributes.stream().sorted().toList());
        CloudEvent back = new JsonFormat().deserialize(bytes);
        assertEquals(event.getTime(), back.getTime());
        assertEquals(event.getId(), back.getId());
        assertEquals(json.readTree(event.getData().toBytes()), json.readTree(back.getData().toBytes()));
    }

    @Test
    void time_is_written_with_the_same_six_digit_fraction_as_the_timestamps_in_the_data() throws Exception {
        Instant trailingZero = Instant.parse("2026-11-02T10:00:58.880440Z");
        PendingAuditEvent rotation = TestEvents.pending(new TokenRotated(TestEvents.view(id, "ci", trailingZero), TestEvents.origin(trailingZero)));

        JsonNode tree = json.readTree(new JsonFormat().serialize(mapper.toCloudEvent(rotation)));

        assertEquals("2026-11-02T10:00:58.880440Z", tree.get("time").asText());
        assertEquals(tree.get("time"), tree.at("/data/token/rotatedAt"));
    }
}

package dev.keyward.adapter.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.token.TokenId;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
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
                           "rotatedAt": "2026-11-02T10:00:02.123456Z"},
                 "actor": {"id": "0192f0c4-0000-7000-8000-000000000001", "type": "api-token"},
                 "clientAddress": "192.0.2.7"}
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
        assertEquals(event.getId(), back.getId());
        assertEquals(json.readTree(event.getData().toBytes()), json.readTree(back.getData().toBytes()));
    }
}

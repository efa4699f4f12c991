package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.RealDatabaseTest;
import dev.keyward.adapter.persistence.TestTokens;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenCreated;
import dev.keyward.domain.token.TokenDeleted;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenUpdated;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JdbcAuditOutbox} on MariaDB/MySQL: one row per event, in order, rebuildable, never a secret. */
@MicronautTest(transactional = false)
class JdbcAuditOutboxIT extends RealDatabaseTest {

    private static final DateTimeFormatter UTC_COLUMN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    @Inject
    ObjectMapper objectMapper;

    @Inject
    JsonMapper jsonMapper;


    @Override
    protected String database() {
        return "audit_outbox";
    }

    @Test
    void a_token_life_appends_one_row_per_event_in_order_with_type_token_and_time() {
        List<TokenEvent> events = lifeOfAToken();

        List<Map<String, Object>> stored = outboxRows();

        assertEquals(List.of("created", "updated", "rotated", "deleted"), stored.stream().map(r -> r.get("event_type")).toList());
        assertEquals(4, new HashSet<>(stored.stream().map(r -> r.get("event_id")).toList()).size(), "distinct event ids");
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> row = stored.get(i);
            TokenEvent event = events.get(i);
            assertEquals(event.token().id().toString(), row.get("token_id"));
            assertEquals(UTC_COLUMN.format(event.origin().at()), row.get("occurred"), "UTC, microseconds");
            UUID.fromString((String) row.get("event_id"));
            assertNull(row.get("sent_at"), "not yet published");
            assertEquals(0, ((Number) row.get("attempts")).intValue());
        }
    }

    @Test
    void every_payload_reads_back_into_the_event_it_was_written_for() throws IOException {
        List<TokenEvent> events = lifeOfAToken();

        List<dev.keyward.domain.token.AuditEvent> rebuilt = new ArrayList<>();
        for (Map<String, Object> row : outboxRows()) {
            rebuilt.add(AuditPayload.read(objectMapper, (String) row.get("event_type"), (String) row.get("payload")));
        }

        assertEquals(events, rebuilt);
        assertTrue(rebuilt.get(0) instanceof TokenCreated);
        assertTrue(rebuilt.get(1) instanceof TokenUpdated);
        assertTrue(rebuilt.get(2) instanceof TokenRotated);
        assertTrue(rebuilt.get(3) instanceof TokenDeleted);
    }

    @Test
    void an_event_without_client_address_and_with_unicode_reads_back_too() throws IOException {
        Instant now = TestTokens.now();
        ApiToken.Created issued = ApiToken.create(TestTokens.issue("x", now).token().id(), new TokenName("bootstrap 🔐 ü"),
                PermissionSet.all(), IpAllowlist.anyAddress(), now.plusSeconds(3600), TestTokens.newHash(),
                new Origin(Actor.BOOTSTRAP, null, now));
        transactions.inWrite(() -> {
            outbox.append(issued.event());
            return null;
        });

        Map<String, Object> row = outboxRows().get(0);
        Map<?, ?> json = jsonMapper.readValue((String) row.get("payload"), Map.class);

        assertEquals(issued.event(), AuditPayload.read(objectMapper, "created", (String) row.get("payload")));
        assertEquals(Map.of("id", "bootstrap", "type", "system"), json.get("actor"));
        assertTrue(json.containsKey("clientAddress"), "written out as null");
        assertNull(json.get("clientAddress"));
        assertEquals(List.of(), ((Map<?, ?>) json.get("token")).get("allowedCIDRBlocks"), "written out as []");
    }

    @Test
    void the_payload_speaks_the_api_vocabulary() throws IOException {
        List<TokenEvent> events = lifeOfAToken();
        TokenUpdated update = (TokenUpdated) events.get(1);

        Map<?, ?> json = jsonMapper.readValue((String) outboxRows().get(1).get("payload"), Map.class);

        Map<?, ?> token = (Map<?, ?>) json.get("token");
        assertEquals(update.token().id().toString(), token.get("id"));
        assertEquals("renamed", token.get("name"));
        assertEquals(List.of("RuleRead"), token.get("permissions"));
        assertEquals(List.of("192.168.0.0/16"), token.get("allowedCIDRBlocks"));
        assertEquals(update.token().createdAt().toString(), token.get("createdAt"));
        assertEquals("api-token", ((Map<?, ?>) token.get("updatedBy")).get("type"));
        assertEquals(Map.of("id", update.origin().actor().id(), "type", "api-token"), json.get("actor"));
        assertEquals("2001:db8::1", json.get("clientAddress"));
        assertEquals(update.origin().at().toString(), json.get("occurredAt"));
        assertEquals(List.of(
                Map.of("field", "name", "before", "life", "after", "renamed"),
                Map.of("field", "permissions", "before", List.of("OrganizationAPITokenModify", "OrganizationAPITokenRead"),
                        "after", List.of("RuleRead")),
                Map.of("field", "allowedCIDRBlocks", "before", List.of("10.0.0.0/8", "2001:db8::/32"),
                        "after", List.of("192.168.0.0/16")),
                Map.of("field", "enabled", "before", true, "after", false),
                Map.of("field", "meta", "before", "{}", "after", "{\"plan\":\"gold\"}")), json.get("changes"));
        assertEquals(false, token.get("enabled"));
        assertEquals("{\"plan\":\"gold\"}", token.get("meta"), "the outbox keeps the metadata's JSON text");
    }

    @Test
    void no_payload_contains_any_form_of_a_secret_hash() {
        List<SecretHash> hashes = new ArrayList<>();
        List<TokenEvent> events = lifeOfAToken(hashes);

        assertEquals(4, events.size());
        assertEquals(2, hashes.size());
        for (Map<String, Object> row : outboxRows()) {
            String payload = (String) row.get("payload");
            assertFalse(payload.toLowerCase().contains("hash"), payload);
            assertFalse(payload.toLowerCase().contains("secret"), payload);
            for (SecretHash hash : hashes) {
                byte[] bytes = hash.bytes();
                for (String form : List.of(HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes),
                        Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                        new String(bytes, StandardCharsets.ISO_8859_1))) {
                    assertFalse(payload.contains(form.substring(0, 16)), "payload holds a secret hash: " + payload);
                }
            }
        }
    }

    private List<TokenEvent> lifeOfAToken() {
        return lifeOfAToken(new ArrayList<>());
    }

    /** Issue, update, rotate, delete: each as its own use case, as the service runs them. */
    private List<TokenEvent> lifeOfAToken(List<SecretHash> hashes) {
        Instant start = TestTokens.now();
        ApiToken.Created issued = TestTokens.issue("life", start);
        hashes.add(issued.token().secretHash());
        List<TokenEvent> events = new ArrayList<>();
        transactions.inWrite(() -> {
            tokens.add(issued.token());
            outbox.append(issued.event());
            return events.add(issued.event());
        });
        transactions.inWrite(() -> {
            ApiToken token = tokens.findById(issued.token().id()).orElseThrow();
            TokenEvent event = token.update(new TokenName("renamed"), PermissionSet.of(Permission.RuleRead),
                    IpAllowlist.parse("allowedCIDRBlocks", List.of("192.168.0.0/16")), false,
                    new TokenMeta("{\"plan\":\"gold\"}"), null, TestTokens.byToken(start.plusMillis(1)));
            tokens.update(token);
            outbox.append(event);
            return events.add(event);
        });
        transactions.inWrite(() -> {
            ApiToken token = tokens.findById(issued.token().id()).orElseThrow();
            SecretHash next = TestTokens.newHash();
            hashes.add(next);
            TokenEvent event = token.rotate(next, TestTokens.byToken(start.plusMillis(2))).event();
            tokens.update(token);
            outbox.append(event);
            return events.add(event);
        });
        transactions.inWrite(() -> {
            ApiToken token = tokens.findById(issued.token().id()).orElseThrow();
            TokenEvent event = token.delete(TestTokens.byToken(start.plusMillis(3)));
            tokens.remove(token);
            outbox.append(event);
            return events.add(event);
        });
        return events;
    }

    private List<Map<String, Object>> outboxRows() {
        return rows.query("SELECT seq, event_id, token_id, event_type, CAST(occurred_at AS CHAR(26)) AS occurred, payload, sent_at, attempts "
                + "FROM audit_outbox ORDER BY seq");
    }
}

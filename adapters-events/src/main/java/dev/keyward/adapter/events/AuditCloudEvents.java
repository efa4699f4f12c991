package dev.keyward.adapter.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.AuthFailuresObserved;
import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.OwnerEvent;
import dev.keyward.domain.token.OwnerUpdated;
import dev.keyward.domain.token.OwnerView;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenExpiring;
import dev.keyward.domain.token.TokenLeaked;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenReused;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenRotationDue;
import dev.keyward.domain.token.TokenUpdated;
import dev.keyward.domain.token.TokenView;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Maps an outbox event to its CloudEvent (spec 1.0): the outbox id as {@code id}, so a re-delivery
 * carries the same id; the token id (or, for a security observation, the client address) as
 * {@code subject}; and as {@code data} only what the API shows of a token, never its value or hash. The catalogue is docs/audit-events.md.
 */
@Singleton
public final class AuditCloudEvents {

    public static final String DATA_CONTENT_TYPE = "application/json";

    /** The subject of an auth-failures observation whose client address was unknown. */
    public static final String UNKNOWN_ADDRESS = "unknown";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Reads stored metadata back into a tree; plain JSON needs no settings. */
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private final URI source;

    @Inject
    public AuditCloudEvents(EventsSettings settings) {
        this(settings.source());
    }

    public AuditCloudEvents(String source) {
        this.source = URI.create(source);
    }

    public URI source() {
        return source;
    }

    public CloudEvent toCloudEvent(PendingAuditEvent pending) {
        AuditEvent event = pending.event();
        return new DataStyleTime(CloudEventBuilder.v1()
                .withId(pending.id().toString())
                .withSource(source)
                .withType(type(event))
                .withSubject(subject(event))
                .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(JsonCloudEventData.wrap(dataOf(event)))
                .build());
    }

    private static ObjectNode dataOf(AuditEvent event) {
        if (event instanceof TokenEvent tokenEvent) {
            return data(tokenEvent);
        }
        if (event instanceof OwnerEvent ownerEvent) {
            return data(ownerEvent);
        }
        return data((AuthFailuresObserved) event);
    }

    static String type(AuditEvent event) {
        return event.type().cloudEventType();
    }

    /**
     * The CloudEvent {@code subject}, also the Kafka record key (one partition per subject keeps its
     * order): the token id, an owner event's owner id, or for an auth-failures observation the client
     * address ({@code unknown}).
     */
    public static String subject(AuditEvent event) {
        if (event instanceof TokenEvent tokenEvent) {
            return tokenEvent.token().id().toString();
        }
        if (event instanceof OwnerEvent ownerEvent) {
            return ownerEvent.owner().id().toString();
        }
        IpAddress address = ((AuthFailuresObserved) event).clientAddress();
        return address == null ? UNKNOWN_ADDRESS : address.toString();
    }

    /**
     * {@code clientAddress} (null when unknown), {@code askedBy} (the asking token's id, or null),
     * {@code failures}, {@code windowStart}, {@code windowEnd}.
     */
    static ObjectNode data(AuthFailuresObserved observed) {
        ObjectNode data = JSON.objectNode();
        data.put("clientAddress", observed.clientAddress() == null ? null : observed.clientAddress().toString());
        data.put("askedBy", observed.askedBy() == null ? null : observed.askedBy().toString());
        data.put("failures", observed.failures());
        data.put("windowStart", text(observed.windowStart()));
        data.put("windowEnd", text(observed.windowEnd()));
        return data;
    }

    /**
     * {@code token} after the change, {@code actor}, {@code clientAddress}; for updates {@code changes}, for
     * expiry warnings {@code warning}, for rotations due {@code rotationDueAt}, for leaks {@code location} and
     * {@code source}, for rotations {@code previousValueExpiresAt}, for reuses {@code retiredAt} and {@code revoked}.
     */
    static ObjectNode data(TokenEvent event) {
        ObjectNode data = JSON.objectNode();
        data.set("token", token(event.token()));
        data.set("actor", actor(event.origin().actor()));
        data.put("clientAddress", event.origin().clientAddress() == null ? null : event.origin().clientAddress().toString());
        if (event instanceof TokenUpdated updated) {
            changes(data, updated.changes());
        }
        // The lifecycle and leak events say what occasion they announce, beyond the token itself.
        if (event instanceof TokenExpiring expiring) {
            data.put("warning", expiring.warning().toString());
        } else if (event instanceof TokenRotationDue due) {
            data.put("rotationDueAt", text(due.rotationDueAt()));
        } else if (event instanceof TokenLeaked leaked) {
            data.put("location", leaked.location());
            data.put("source", leaked.source());
        } else if (event instanceof TokenRotated rotated) {
            data.put("previousValueExpiresAt", text(rotated.token().previousValueExpiresAt()));
        } else if (event instanceof TokenReused reused) {
            data.put("retiredAt", text(reused.retiredAt()));
            data.put("revoked", reused.revoked());
        }
        return data;
    }

    /** {@code owner} after the change (id, externalId, name, meta), {@code actor}, {@code clientAddress}; for updates {@code changes}. */
    static ObjectNode data(OwnerEvent event) {
        ObjectNode data = JSON.objectNode();
        OwnerView view = event.owner();
        ObjectNode owner = data.putObject("owner");
        owner.put("id", view.id().toString());
        owner.put("externalId", view.externalId());
        owner.put("name", view.name());
        owner.set("meta", meta(view.meta()));
        data.set("actor", actor(event.origin().actor()));
        data.put("clientAddress", event.origin().clientAddress() == null ? null : event.origin().clientAddress().toString());
        if (event instanceof OwnerUpdated updated) {
            changes(data, updated.changes());
        }
        return data;
    }

    private static ObjectNode token(TokenView view) {
        ObjectNode token = JSON.objectNode();
        token.put("id", view.id().toString());
        token.put("name", view.name().value());
        ArrayNode permissions = token.putArray("permissions");
        view.permissions().names().forEach(permissions::add);
        ArrayNode blocks = token.putArray("allowedCIDRBlocks");
        view.allowlist().texts().forEach(blocks::add);
        token.put("expiresAt", text(view.expiresAt()));
        token.put("rotatedAt", text(view.rotatedAt()));
        token.put("previousValueExpiresAt", text(view.previousValueExpiresAt()));
        token.put("enabled", view.enabled());
        token.set("meta", meta(view.meta()));
        token.put("ownerId", view.owner() == null ? null : view.owner().id().toString());
        return token;
    }

    private static void changes(ObjectNode data, List<FieldChange> changes) {
        ArrayNode array = data.putArray("changes");
        for (FieldChange change : changes) {
            ObjectNode node = array.addObject();
            node.put("field", change.field());
            node.set("oldValue", value(change.before()));
            node.set("newValue", value(change.after()));
        }
    }

    private static ObjectNode actor(Actor actor) {
        ObjectNode node = JSON.objectNode();
        node.put("id", actor.id());
        node.put("type", actor.type().wireName());
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof List<?> items) {
            ArrayNode array = JSON.arrayNode();
            items.forEach(item -> array.add(String.valueOf(item)));
            return array;
        }
        if (value instanceof Boolean flag) {
            return JSON.booleanNode(flag);
        }
        if (value instanceof TokenMeta meta) {
            return meta(meta);
        }
        return JSON.textNode(String.valueOf(value));
    }

    /** The metadata as the JSON object it is, not as a string holding it. */
    private static com.fasterxml.jackson.databind.JsonNode meta(TokenMeta meta) {
        try {
            return MAPPER.readTree(meta.json());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("stored metadata is not JSON", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

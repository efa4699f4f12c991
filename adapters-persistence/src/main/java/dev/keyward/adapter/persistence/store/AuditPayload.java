package dev.keyward.adapter.persistence.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keyward.domain.network.CidrBlock;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.AuditEventType;
import dev.keyward.domain.token.AuthFailuresObserved;
import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.OwnerCreated;
import dev.keyward.domain.token.OwnerDeleted;
import dev.keyward.domain.token.OwnerEvent;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.OwnerUpdated;
import dev.keyward.domain.token.OwnerView;
import dev.keyward.domain.token.TokenCreated;
import dev.keyward.domain.token.TokenDeleted;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenExpired;
import dev.keyward.domain.token.TokenExpiring;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenLeaked;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenOwner;
import dev.keyward.domain.token.TokenReused;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenRotationDue;
import dev.keyward.domain.token.TokenUpdated;
import dev.keyward.domain.token.TokenView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON stored in {@code audit_outbox.payload}: everything needed to rebuild the {@link TokenEvent}
 * (token state after the change, actor, client address, time, and for updates the changes), and no
 * secret. Times are RFC 3339 UTC strings with their full precision, independent of serializer settings;
 * nulls and empty lists are written out, so every consumer sees every field.
 * Together with the row's {@code event_type} it is the outbox's wire format; a relay reads it back with
 * {@link #toEvent(String)}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditPayload(
        TokenState token,
        ActorJson actor,
        @Nullable String clientAddress,
        String occurredAt,
        @Nullable List<Change> changes,
        @Nullable Details details) {

    static AuditPayload of(TokenEvent event) {
        Origin origin = event.origin();
        List<Change> changes = event instanceof TokenUpdated updated
                ? updated.changes().stream().map(Change::of).toList()
                : null;
        return new AuditPayload(TokenState.of(event.token()), ActorJson.of(origin.actor()),
                origin.clientAddress() == null ? null : origin.clientAddress().toString(),
                origin.at().toString(), changes, Details.of(event));
    }

    /** The event type stored beside any event's payload. */
    static String typeOf(AuditEvent event) {
        return event.type().wireName();
    }

    /** The payload JSON of any audit event. */
    static String write(ObjectMapper json, AuditEvent event) throws IOException {
        if (event instanceof TokenEvent tokenEvent) {
            return json.writeValueAsString(of(tokenEvent));
        }
        if (event instanceof OwnerEvent ownerEvent) {
            return json.writeValueAsString(OwnerPayload.of(ownerEvent));
        }
        return json.writeValueAsString(AuthFailuresPayload.of((AuthFailuresObserved) event));
    }

    /** Reads a stored row back into its domain event. */
    static AuditEvent read(ObjectMapper json, String eventType, String payload) throws IOException {
        if (AuditEventType.AUTH_FAILURES.wireName().equals(eventType)) {
            return json.readValue(payload, AuthFailuresPayload.class).toEvent();
        }
        if (eventType.startsWith(OwnerPayload.WIRE_PREFIX)) {
            return json.readValue(payload, OwnerPayload.class).toEvent(eventType);
        }
        return json.readValue(payload, AuditPayload.class).toEvent(eventType);
    }

    /** The JSON of an {@link OwnerEvent}: the owner after the change, actor, address, time, and for updates the changes. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OwnerPayload(OwnerState owner, ActorJson actor, @Nullable String clientAddress, String occurredAt,
                        @Nullable List<Change> changes) {

        /** Every owner event's wire name starts so ({@code owner.created}…). */
        static final String WIRE_PREFIX = "owner.";

        static OwnerPayload of(OwnerEvent event) {
            Origin origin = event.origin();
            List<Change> changes = event instanceof OwnerUpdated updated
                    ? updated.changes().stream().map(Change::of).toList() : null;
            OwnerView view = event.owner();
            return new OwnerPayload(new OwnerState(view.id().toString(), view.externalId(), view.name(), view.meta().json(),
                    text(view.createdAt()), text(view.updatedAt())), ActorJson.of(origin.actor()),
                    origin.clientAddress() == null ? null : origin.clientAddress().toString(), origin.at().toString(), changes);
        }

        OwnerEvent toEvent(String eventType) {
            OwnerView view = new OwnerView(OwnerId.parse(owner.id()), owner.externalId(), owner.name(), new TokenMeta(owner.meta()),
                    instant(owner.createdAt()), instant(owner.updatedAt()));
            Origin origin = new Origin(actor.toActor(), clientAddress == null ? null : IpAddress.parse(clientAddress),
                    Instant.parse(occurredAt));
            AuditEventType type = AuditEventType.fromWireName(eventType)
                    .orElseThrow(() -> new IllegalArgumentException("unknown audit event type '" + eventType + "'"));
            return switch (type) {
                case OWNER_CREATED -> new OwnerCreated(view, origin);
                case OWNER_UPDATED -> new OwnerUpdated(view, origin, changes == null ? List.of()
                        : changes.stream().map(Change::toFieldChange).toList());
                case OWNER_DELETED -> new OwnerDeleted(view, origin);
                default -> throw new IllegalArgumentException("not an owner event: " + eventType);
            };
        }
    }

    /** An owner's state, named as in the REST API; {@code meta} is the metadata's JSON text. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OwnerState(String id, String externalId, @Nullable String name, String meta, String createdAt, String updatedAt) {
    }

    /** The JSON of an {@link AuthFailuresObserved}: the address (null: unknown), the count, the window. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuthFailuresPayload(@Nullable String clientAddress, @Nullable String askedBy, int failures, String windowStart,
                               String windowEnd, String observedAt) {

        static AuthFailuresPayload of(AuthFailuresObserved observed) {
            return new AuthFailuresPayload(observed.clientAddress() == null ? null : observed.clientAddress().toString(),
                    observed.askedBy() == null ? null : observed.askedBy().toString(),
                    observed.failures(), text(observed.windowStart()), text(observed.windowEnd()), text(observed.observedAt()));
        }

        AuthFailuresObserved toEvent() {
            return new AuthFailuresObserved(clientAddress == null ? null : IpAddress.parse(clientAddress),
                    askedBy == null ? null : TokenId.parse(askedBy), failures,
                    instant(windowStart), instant(windowEnd), instant(observedAt));
        }
    }

    /** Rebuilds the domain event this payload was written for; {@code eventType} is the row's. */
    TokenEvent toEvent(String eventType) {
        TokenView view = token.toView();
        Origin origin = new Origin(actor.toActor(), clientAddress == null ? null : IpAddress.parse(clientAddress),
                Instant.parse(occurredAt));
        AuditEventType type = AuditEventType.fromWireName(eventType)
                .orElseThrow(() -> new IllegalArgumentException("unknown audit event type '" + eventType + "'"));
        return switch (type) {
            case CREATED -> new TokenCreated(view, origin);
            case UPDATED -> new TokenUpdated(view, origin, changes == null ? List.of()
                    : changes.stream().map(Change::toFieldChange).toList());
            case ROTATED -> new TokenRotated(view, origin);
            case DELETED -> new TokenDeleted(view, origin);
            case EXPIRING -> new TokenExpiring(view, origin, Duration.parse(details().warning()));
            case EXPIRED -> new TokenExpired(view, origin);
            case ROTATION_DUE -> new TokenRotationDue(view, origin, instant(details().rotationDueAt()));
            case LEAKED -> new TokenLeaked(view, origin, details().location(), details().source());
            case REUSED -> new TokenReused(view, origin, instant(details().retiredAt()), Boolean.TRUE.equals(details().revoked()));
            case AUTH_FAILURES, OWNER_CREATED, OWNER_UPDATED, OWNER_DELETED ->
                    throw new IllegalArgumentException("not a token event: " + eventType);
        };
    }

    /**
     * What the lifecycle, leak and reuse events say beyond the token: the lead time of an expiry warning
     * (ISO 8601), when a rotation fell due, where and by whom a leaked value was found, and when a reused
     * value had been retired and whether the reuse revoked the token. Rows written before a field
     * existed read it as null.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Details(@Nullable String warning, @Nullable String rotationDueAt, @Nullable String location,
                   @Nullable String source, @Nullable String retiredAt, @Nullable Boolean revoked) {

        static Details of(TokenEvent event) {
            if (event instanceof TokenExpiring expiring) {
                return new Details(expiring.warning().toString(), null, null, null, null, null);
            }
            if (event instanceof TokenRotationDue due) {
                return new Details(null, text(due.rotationDueAt()), null, null, null, null);
            }
            if (event instanceof TokenLeaked leaked) {
                return new Details(null, null, leaked.location(), leaked.source(), null, null);
            }
            if (event instanceof TokenReused reused) {
                return new Details(null, null, null, null, text(reused.retiredAt()), reused.revoked());
            }
            return null;
        }
    }

    /**
     * A token's non-secret state, named as in the REST API; {@code meta} is the metadata's JSON text. Rows
     * written before {@code enabled} and {@code meta} existed read as enabled, without metadata.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TokenState(
            String id,
            String name,
            List<String> permissions,
            List<String> allowedCIDRBlocks,
            String createdAt,
            ActorJson createdBy,
            @Nullable String updatedAt,
            @Nullable ActorJson updatedBy,
            @Nullable String expiresAt,
            @Nullable String lastUsedAt,
            @Nullable String lastUsedFrom,
            @Nullable String rotatedAt,
            @Nullable String previousValueExpiresAt,
            @Nullable Boolean enabled,
            @Nullable String meta,
            @Nullable String ownerId,
            @Nullable String ownerExternalId,
            @Nullable String ownerMeta) {

        static TokenState of(TokenView view) {
            return new TokenState(view.id().toString(), view.name().value(), view.permissions().names(),
                    view.allowlist().texts(), text(view.createdAt()), ActorJson.of(view.createdBy()),
                    text(view.updatedAt()), ActorJson.of(view.updatedBy()), text(view.expiresAt()),
                    text(view.lastUsedAt()), view.lastUsedFrom() == null ? null : view.lastUsedFrom().toString(),
                    text(view.rotatedAt()), text(view.previousValueExpiresAt()), view.enabled(),
                    view.meta().json(), view.owner() == null ? null : view.owner().id().toString(),
                    view.owner() == null ? null : view.owner().externalId(),
                    view.owner() == null ? null : view.owner().meta().json());
        }

        TokenView toView() {
            return new TokenView(TokenId.parse(id), new TokenName(name),
                    PermissionSet.parse("permissions", permissions == null ? List.of() : permissions),
                    new IpAllowlist(allowedCIDRBlocks == null ? List.of() : allowedCIDRBlocks.stream().map(CidrBlock::parse).toList()), instant(createdAt),
                    createdBy.toActor(), instant(updatedAt), updatedBy == null ? null : updatedBy.toActor(),
                    instant(expiresAt), instant(lastUsedAt), lastUsedFrom == null ? null : IpAddress.parse(lastUsedFrom),
                    instant(rotatedAt), instant(previousValueExpiresAt), !Boolean.FALSE.equals(enabled),
                    meta == null ? TokenMeta.EMPTY : new TokenMeta(meta),
                    ownerId == null ? null : new TokenOwner(OwnerId.parse(ownerId), ownerExternalId, new TokenMeta(ownerMeta)));
        }
    }

    /** An actor with its wire type: {@code user}, {@code api-token} or {@code system}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ActorJson(String id, String type) {

        static ActorJson of(Actor actor) {
            return actor == null ? null : new ActorJson(actor.id(), actor.type().wireName());
        }

        Actor toActor() {
            return new Actor(id, ActorType.fromWireName(type).orElseThrow(() ->
                    new IllegalArgumentException("unknown actor type '" + type + "'")));
        }
    }

    /**
     * One changed field; {@code before}/{@code after} are a JSON string (name, and meta's JSON text), a
     * boolean (enabled) or an array of strings (permissions, allowedCIDRBlocks), the shapes {@link FieldChange}
     * holds ({@link TokenMeta} for meta).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Change(String field, @Nullable JsonNode before, @Nullable JsonNode after) {

        static Change of(FieldChange change) {
            return new Change(change.field(), node(change.before()), node(change.after()));
        }

        FieldChange toFieldChange() {
            if (META.equals(field)) {
                return new FieldChange(field, new TokenMeta(before.getStringValue()), new TokenMeta(after.getStringValue()));
            }
            return new FieldChange(field, value(before), value(after));
        }

        private static final String META = "meta";

        private static JsonNode node(Object value) {
            if (value == null) {
                return JsonNode.nullNode();
            }
            if (value instanceof List<?> items) {
                return JsonNode.createArrayNode(items.stream().map(item -> JsonNode.createStringNode(String.valueOf(item))).toList());
            }
            if (value instanceof Boolean flag) {
                return JsonNode.createBooleanNode(flag);
            }
            if (value instanceof TokenMeta meta) {
                return JsonNode.createStringNode(meta.json());
            }
            return JsonNode.createStringNode(String.valueOf(value));
        }

        private static Object value(JsonNode node) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isArray()) {
                List<String> values = new ArrayList<>(node.size());
                node.values().forEach(item -> values.add(item.getStringValue()));
                return List.copyOf(values);
            }
            if (node.isBoolean()) {
                return node.getBooleanValue();
            }
            return node.getStringValue();
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}

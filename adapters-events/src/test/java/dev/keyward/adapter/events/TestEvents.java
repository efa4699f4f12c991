package dev.keyward.adapter.events;

import dev.keyward.domain.audit.PendingAuditEvent;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.TokenCreated;
import dev.keyward.domain.token.TokenDeleted;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenUpdated;
import dev.keyward.domain.token.TokenView;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Domain events as the outbox would hand them over, for publisher tests. */
final class TestEvents {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00.123456Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TestEvents() {
    }

    static TokenId newTokenId() {
        return TokenId.newId(T0, RANDOM);
    }

    static TokenView view(TokenId id, String name, Instant rotatedAt) {
        return new TokenView(id, new TokenName(name), PermissionSet.of(Permission.RuleRead, Permission.OrganizationAPITokenRead),
                IpAllowlist.parse("allowedCIDRBlocks", List.of("10.0.0.0/8")), T0, Actor.BOOTSTRAP, T0, Actor.BOOTSTRAP,
                T0.plusSeconds(86_400), null, null, rotatedAt, null, true, TokenMeta.EMPTY, null);
    }

    static Origin origin(Instant at) {
        return new Origin(new Actor("0192f0c4-0000-7000-8000-000000000001", dev.keyward.domain.token.ActorType.API_TOKEN),
                IpAddress.parse("192.0.2.7"), at);
    }

    static TokenEvent issued(TokenId id) {
        return new TokenCreated(view(id, "ci", null), origin(T0));
    }

    static TokenEvent updated(TokenId id) {
        return new TokenUpdated(view(id, "ci-renamed", null), origin(T0.plusSeconds(1)), List.of(
                new FieldChange("name", "ci", "ci-renamed"),
                new FieldChange("permissions", List.of("RuleRead"), List.of("OrganizationAPITokenRead", "RuleRead"))));
    }

    static TokenEvent rotated(TokenId id) {
        return new TokenRotated(view(id, "ci-renamed", T0.plusSeconds(2)), origin(T0.plusSeconds(2)));
    }

    static TokenEvent deleted(TokenId id) {
        return new TokenDeleted(view(id, "ci-renamed", T0.plusSeconds(2)), origin(T0.plusSeconds(3)));
    }

    static PendingAuditEvent pending(AuditEvent event) {
        return new PendingAuditEvent(SEQUENCE.incrementAndGet(), UUID.randomUUID(), event);
    }

    /** The four events of one token's life, in order. */
    static List<PendingAuditEvent> lifeOf(TokenId id) {
        return List.of(pending(issued(id)), pending(updated(id)), pending(rotated(id)), pending(deleted(id)));
    }
}

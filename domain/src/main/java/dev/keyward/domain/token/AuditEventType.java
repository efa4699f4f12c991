package dev.keyward.domain.token;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the audit trail records, named once for every adapter: the outbox stores {@link #wireName()}
 * beside each event, and CloudEvents carry {@link #cloudEventType()} (docs/audit-events.md).
 */
public enum AuditEventType {
    CREATED(Family.API_TOKEN, "created"),
    UPDATED(Family.API_TOKEN, "updated"),
    ROTATED(Family.API_TOKEN, "rotated"),
    DELETED(Family.API_TOKEN, "deleted"),
    /** An expiry warning ({@link TokenExpiring}), at each configured lead time before {@code expiresAt}. */
    EXPIRING(Family.API_TOKEN, "expiring"),
    /** The token's {@code expiresAt} passed ({@link TokenExpired}). */
    EXPIRED(Family.API_TOKEN, "expired"),
    /** The token's {@code rotationDueAt} passed ({@link TokenRotationDue}). */
    ROTATION_DUE(Family.API_TOKEN, "rotation-due"),
    /** A leaked value was reported and the token deleted ({@link TokenLeaked}). */
    LEAKED(Family.API_TOKEN, "leaked"),
    /** A value rotated away was presented again ({@link TokenReused}). */
    REUSED(Family.API_TOKEN, "reused"),
    /** One client address failed too many checks in one window ({@link AuthFailuresObserved}). */
    AUTH_FAILURES(Family.SECURITY, "auth-failures"),
    OWNER_CREATED(Family.OWNER, "owner.created"),
    OWNER_UPDATED(Family.OWNER, "owner.updated"),
    OWNER_DELETED(Family.OWNER, "owner.deleted");

    /** The CloudEvents {@code type} of every token event starts with this; consumers filter on it. */
    public static final String CLOUD_EVENT_TYPE_PREFIX = Family.API_TOKEN.prefix;

    /** The CloudEvents {@code type} of every security observation starts with this. */
    public static final String SECURITY_CLOUD_EVENT_TYPE_PREFIX = Family.SECURITY.prefix;

    private enum Family {
        API_TOKEN("dev.keyward.api-token."),
        SECURITY("dev.keyward.security."),
        /** Owner events carry their noun in the wire name ({@code owner.created}), unique in the outbox. */
        OWNER("dev.keyward.");

        private final String prefix;

        Family(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Family family;
    private final String wireName;

    AuditEventType(Family family, String wireName) {
        this.family = family;
        this.wireName = wireName;
    }

    /** The word audit consumers know this act by: for tokens the same verb as the REST API's. */
    public String wireName() {
        return wireName;
    }

    /**
     * {@code dev.keyward.api-token.<wireName>}, {@code dev.keyward.security.<wireName>} or, for owners,
     * {@code dev.keyward.<wireName>} ({@code dev.keyward.owner.created}): part of the
     * published event contract, never renamed.
     */
    public String cloudEventType() {
        return family.prefix + wireName;
    }

    public static Optional<AuditEventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}

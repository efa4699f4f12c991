package dev.keyward.domain.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened to a token, named once for every adapter: the outbox stores {@link #wireName()}
 * beside each event, and CloudEvents carry {@link #cloudEventType()} (docs/audit-events.md).
 */
public enum TokenEventType {
    CREATED("created"),
    UPDATED("updated"),
    ROTATED("rotated"),
    DELETED("deleted"),
    EXPIRING("expiring"),
    EXPIRED("expired"),
    ROTATION_DUE("rotation-due"),
    LEAKED("leaked");

    /** The CloudEvents {@code type} of every token event starts with this; consumers filter on it. */
    public static final String CLOUD_EVENT_TYPE_PREFIX = "dev.keyward.api-token.";

    private final String wireName;

    TokenEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The word audit consumers know this act by: the same verb as the REST API's. */
    public String wireName() {
        return wireName;
    }

    /** {@code dev.keyward.api-token.<wireName>}: part of the published event contract, never renamed. */
    public String cloudEventType() {
        return CLOUD_EVENT_TYPE_PREFIX + wireName;
    }

    public static Optional<TokenEventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}

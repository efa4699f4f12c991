package dev.keyward.domain.audit;

import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenId;

import java.util.Objects;
import java.util.UUID;

/**
 * An audit event waiting in the outbox to be published.
 *
 * @param sequence the outbox position, assigned at insert (not commit) time; one token's events still
 *                 get increasing positions in commit order, because each change holds that token's row
 *                 lock from its update until its commit, and appends its event in between
 * @param id       the event's id, fixed when it was stored, so every re-delivery carries the same id
 * @param event    the event itself
 */
public record PendingAuditEvent(long sequence, UUID id, AuditEvent event) {

    public PendingAuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
    }

    /** The token whose order this event keeps; null for an event about no token, which keeps no order. */
    public TokenId tokenId() {
        return event instanceof TokenEvent tokenEvent ? tokenEvent.token().id() : null;
    }
}

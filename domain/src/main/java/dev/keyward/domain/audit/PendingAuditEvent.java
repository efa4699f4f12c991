package dev.keyward.domain.audit;

import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.OwnerEvent;
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

    /**
     * The key whose order this event keeps, as the outbox's {@code token_id} column holds it: the token's
     * id, or for an owner event the owner's (a UUID as well; the two never meet); null for an event about
     * neither, which keeps no order.
     */
    public TokenId tokenId() {
        if (event instanceof TokenEvent tokenEvent) {
            return tokenEvent.token().id();
        }
        if (event instanceof OwnerEvent ownerEvent) {
            return new TokenId(ownerEvent.owner().id().value());
        }
        return null;
    }
}

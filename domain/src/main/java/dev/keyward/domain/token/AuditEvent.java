package dev.keyward.domain.token;

import java.time.Instant;

/**
 * Anything the audit outbox carries: a change to a token or to an owner, or a security observation that
 * concerns no single token. Its names on the wire live in {@link AuditEventType}, written once.
 */
public sealed interface AuditEvent permits TokenEvent, OwnerEvent, AuthFailuresObserved {

    AuditEventType type();

    /** When it happened (for an observation: when it was made). */
    Instant occurredAt();
}

package dev.keyward.domain.token;

import java.time.Instant;

/**
 * Something that happened to a token, as the audit trail records it: the token's non-secret state
 * after the change and who made it, from where, when.
 */
public sealed interface TokenEvent extends AuditEvent permits TokenCreated, TokenUpdated, TokenRotated, TokenDeleted,
        TokenExpiring, TokenExpired, TokenRotationDue, TokenLeaked, TokenReused {

    TokenView token();

    Origin origin();

    /** What happened; its names on the wire live there, written once. */
    @Override
    AuditEventType type();

    @Override
    default Instant occurredAt() {
        return origin().at();
    }
}

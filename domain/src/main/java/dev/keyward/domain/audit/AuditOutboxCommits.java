package dev.keyward.domain.audit;

/**
 * Told when a transaction that appended audit events has committed on this node, so the relay can
 * publish them at once instead of at its next poll (polling stays, for events committed by other nodes).
 * The persistence adapter tells it; the events adapter's relay loop listens.
 */
@FunctionalInterface
public interface AuditOutboxCommits {

    /** Nobody listens (no relay on this node). */
    AuditOutboxCommits NONE = () -> { };

    void committed();
}

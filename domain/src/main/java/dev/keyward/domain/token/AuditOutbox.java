package dev.keyward.domain.token;

/**
 * Stores audit events in the caller's transaction (for a token change: the same one as the change it
 * describes), for later publishing.
 */
public interface AuditOutbox {

    void append(AuditEvent event);
}

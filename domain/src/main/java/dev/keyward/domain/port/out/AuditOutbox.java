package dev.keyward.domain.port.out;

import dev.keyward.domain.event.TokenEvent;

/** Stores audit events in the same transaction as the change they describe, for later publishing. */
public interface AuditOutbox {

    void append(TokenEvent event);
}

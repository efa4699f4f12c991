package dev.keyward.domain.audit;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Where audit events go once committed: a message broker, or a local file when none is configured. */
public interface AuditPublisher {

    /**
     * Sends {@code events} in the given order and waits, within the publisher's own time bound, for the
     * destination to acknowledge them.
     *
     * @return the ids of the events the destination acknowledged; any other event may or may not have
     *         arrived and will be sent again. Destination trouble is reported this way, not thrown.
     */
    Set<UUID> publish(List<PendingAuditEvent> events);
}

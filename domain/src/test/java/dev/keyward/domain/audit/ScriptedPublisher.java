package dev.keyward.domain.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Records every batch it is given and acknowledges the events the test's rule accepts. */
final class ScriptedPublisher implements AuditPublisher {

    final List<List<PendingAuditEvent>> batches = new ArrayList<>();
    Predicate<PendingAuditEvent> acknowledges = event -> true;
    RuntimeException failure;

    @Override
    public Set<UUID> publish(List<PendingAuditEvent> events) {
        batches.add(List.copyOf(events));
        if (failure != null) {
            throw failure;
        }
        Set<UUID> acknowledged = new HashSet<>();
        events.stream().filter(acknowledges).forEach(e -> acknowledged.add(e.id()));
        return acknowledged;
    }

    List<Long> lastBatchSequences() {
        return batches.get(batches.size() - 1).stream().map(PendingAuditEvent::sequence).toList();
    }
}

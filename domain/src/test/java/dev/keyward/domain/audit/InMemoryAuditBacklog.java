package dev.keyward.domain.audit;

import dev.keyward.domain.token.TokenId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link AuditBacklog} as a list of rows; {@link #holdElsewhere} marks rows another relay has claimed,
 * which {@link #claimOldest} skips as {@code SKIP LOCKED} would.
 */
final class InMemoryAuditBacklog implements AuditBacklog {

    static final class Row {
        final PendingAuditEvent event;
        Instant sentAt;
        int attempts;

        Row(PendingAuditEvent event) {
            this.event = event;
        }
    }

    final List<Row> rows = new ArrayList<>();
    final Set<Long> heldElsewhere = new HashSet<>();

    void add(PendingAuditEvent event) {
        rows.add(new Row(event));
    }

    void holdElsewhere(long sequence) {
        heldElsewhere.add(sequence);
    }

    void release(long sequence) {
        heldElsewhere.remove(sequence);
    }

    Row row(long sequence) {
        return rows.stream().filter(r -> r.event.sequence() == sequence).findFirst().orElseThrow();
    }

    List<Long> sentSequences() {
        return rows.stream().filter(r -> r.sentAt != null).map(r -> r.event.sequence()).toList();
    }

    @Override
    public List<PendingAuditEvent> claimOldest(int limit) {
        return rows.stream().filter(r -> r.sentAt == null && !heldElsewhere.contains(r.event.sequence()))
                .limit(limit).map(r -> r.event).toList();
    }

    @Override
    public Map<TokenId, List<Long>> unsentSequences(Set<TokenId> tokens, long upTo) {
        Map<TokenId, List<Long>> result = new LinkedHashMap<>();
        for (Row row : rows) {
            TokenId token = row.event.tokenId();
            if (row.sentAt == null && token != null && row.event.sequence() <= upTo && tokens.contains(token)) {
                result.computeIfAbsent(token, t -> new ArrayList<>()).add(row.event.sequence());
            }
        }
        return result;
    }

    @Override
    public void markSent(List<PendingAuditEvent> events, Instant at) {
        for (PendingAuditEvent event : events) {
            Row row = row(event.sequence());
            if (row.sentAt != null) {
                throw new IllegalStateException("sent twice: " + event.sequence());
            }
            row.sentAt = at;
        }
    }

    @Override
    public void recordFailedAttempt(List<PendingAuditEvent> events) {
        events.forEach(e -> row(e.sequence()).attempts++);
    }

    @Override
    public int pruneSentBefore(Instant cutoff, int limit) {
        List<Row> old = rows.stream().filter(r -> r.sentAt != null && r.sentAt.isBefore(cutoff)).limit(limit).toList();
        rows.removeAll(old);
        return old.size();
    }

    @Override
    public AuditBacklogStatus status() {
        List<Row> unsent = rows.stream().filter(r -> r.sentAt == null).toList();
        return new AuditBacklogStatus(unsent.size(), unsent.stream().map(r -> r.event.event().occurredAt())
                .min(Instant::compareTo).orElse(null));
    }
}

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
 * {@link AuditBacklog} as a list of rows with their claims; {@link #holdElsewhere} marks rows another
 * relay is claiming or writing right now, which {@link #claimOldest} skips as {@code SKIP LOCKED} would.
 */
final class InMemoryAuditBacklog implements AuditBacklog {

    static final class Row {
        final PendingAuditEvent event;
        Instant sentAt;
        int attempts;
        String claim;
        Instant claimedUntil;

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

    void releaseElsewhere(long sequence) {
        heldElsewhere.remove(sequence);
    }

    Row row(long sequence) {
        return rows.stream().filter(r -> r.event.sequence() == sequence).findFirst().orElseThrow();
    }

    List<Long> sentSequences() {
        return rows.stream().filter(r -> r.sentAt != null).map(r -> r.event.sequence()).toList();
    }

    @Override
    public List<PendingAuditEvent> claimOldest(String claim, int limit, Instant now, Instant until) {
        List<Row> claimed = rows.stream().filter(r -> r.sentAt == null && !heldElsewhere.contains(r.event.sequence())
                && (r.claim == null || !r.claimedUntil.isAfter(now))).limit(limit).toList();
        claimed.forEach(r -> {
            r.claim = claim;
            r.claimedUntil = until;
        });
        return claimed.stream().map(r -> r.event).toList();
    }

    private List<Row> heldBy(String claim, List<PendingAuditEvent> events) {
        return events.stream().map(e -> row(e.sequence())).filter(r -> claim.equals(r.claim)).toList();
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
    public void markSent(String claim, List<PendingAuditEvent> events, Instant at) {
        for (Row row : heldBy(claim, events)) {
            if (row.sentAt != null) {
                throw new IllegalStateException("sent twice: " + row.event.sequence());
            }
            row.sentAt = at;
            row.claim = null;
            row.claimedUntil = null;
        }
    }

    @Override
    public void recordFailedAttempt(String claim, List<PendingAuditEvent> events) {
        heldBy(claim, events).forEach(r -> {
            r.attempts++;
            r.claim = null;
            r.claimedUntil = null;
        });
    }

    @Override
    public void release(String claim, List<PendingAuditEvent> events) {
        heldBy(claim, events).forEach(r -> {
            r.claim = null;
            r.claimedUntil = null;
        });
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

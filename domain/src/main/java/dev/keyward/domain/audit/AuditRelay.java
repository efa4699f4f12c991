package dev.keyward.domain.audit;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Moves committed audit events from the outbox to the publisher: at least once, exactly once while
 * nothing fails, and one token's events in the order they were committed, even with several relays
 * (Keyward nodes, on one server or on the nodes of a Galera cluster) at work.
 * <p>
 * One {@link #relayOnce() pass}: claim the oldest unsent events for a while and commit the claim (rows
 * another relay claimed are skipped; of two relays claiming the same rows at once, one loses and does
 * nothing this pass), publish them outside any transaction, then mark the acknowledged ones sent and
 * release the rest. Two rules keep each token's order:
 * <ul>
 *   <li>a token's claimed events are published only while they are exactly that token's oldest unsent
 *       events; from the first unsent event this relay does not hold (another relay has it), the rest of
 *       that token's claim is released for a later pass;</li>
 *   <li>after a partial failure only each token's acknowledged prefix is marked sent, so nothing after
 *       a gap is ever considered delivered ahead of what precedes it.</li>
 * </ul>
 * A relay that stops between publishing and marking leaves its claim to expire after {@code claimFor};
 * its events are then published again (at least once). {@code claimFor} must outlast a publication.
 */
public final class AuditRelay implements AuditRelaying {

    /** Rows pruned per transaction, so pruning never holds many locks at once. */
    static final int PRUNE_BATCH = 500;

    private static final Pass NOTHING = new Pass(0, 0, 0, 0, null);

    private final AuditBacklog backlog;
    private final AuditPublisher publisher;
    private final Transactions transactions;
    private final Clock clock;
    private final int batchSize;
    private final Duration claimFor;

    /**
     * @param transactions transactions for the relay alone; adapters may give them a weaker isolation
     *                     so claims never block the writes that append events
     * @param batchSize    the most events one pass claims
     * @param claimFor     how long a claim holds events: longer than a publication can take
     */
    public AuditRelay(AuditBacklog backlog, AuditPublisher publisher, Transactions transactions, Clock clock, int batchSize,
                      Duration claimFor) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a relay batch holds at least one event, not " + batchSize);
        }
        if (claimFor.isNegative() || claimFor.isZero()) {
            throw new IllegalArgumentException("a claim must last a while, not " + claimFor);
        }
        this.backlog = backlog;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
        this.claimFor = claimFor;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public Pass relayOnce() {
        String claim = UUID.randomUUID().toString();
        List<PendingAuditEvent> claimed;
        try {
            Instant now = clock.instant();
            claimed = transactions.inWrite(() -> backlog.claimOldest(claim, batchSize, now, now.plus(claimFor)));
        } catch (ConcurrentChangeException anotherRelayClaimedThemFirst) {
            return NOTHING;
        }
        if (claimed.isEmpty()) {
            return NOTHING;
        }
        List<PendingAuditEvent> publishable = oldestOfEachToken(claimed);
        Set<UUID> acknowledgedIds = Set.of();
        String failure = null;
        if (!publishable.isEmpty()) {
            try {
                acknowledgedIds = publisher.publish(publishable);
            } catch (RuntimeException e) {
                failure = e.toString();
            }
        }
        List<PendingAuditEvent> delivered = acknowledgedPrefixes(publishable, acknowledgedIds);
        List<PendingAuditEvent> undelivered = new ArrayList<>(publishable);
        undelivered.removeAll(delivered);
        List<PendingAuditEvent> heldBack = new ArrayList<>(claimed);
        heldBack.removeAll(publishable);
        transactions.inWrite(() -> {
            if (!delivered.isEmpty()) {
                backlog.markSent(claim, delivered, clock.instant());
            }
            if (!undelivered.isEmpty()) {
                backlog.recordFailedAttempt(claim, undelivered);
            }
            if (!heldBack.isEmpty()) {
                backlog.release(claim, heldBack);
            }
            return null;
        });
        return new Pass(claimed.size(), heldBack.size(), publishable.size(), delivered.size(), failure);
    }

    @Override
    public int pruneDelivered(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int pruned;
        do {
            pruned = transactions.inWrite(() -> backlog.pruneSentBefore(cutoff, PRUNE_BATCH));
            total += pruned;
        } while (pruned == PRUNE_BATCH);
        return total;
    }

    @Override
    public AuditBacklogStatus status() {
        return backlog.status();
    }

    /**
     * The claimed events that are, per token, an unbroken run of that token's oldest unsent events, and
     * every claimed event about no token (those keep no order).
     */
    private List<PendingAuditEvent> oldestOfEachToken(List<PendingAuditEvent> claimed) {
        Map<TokenId, List<Long>> claimedByToken = new LinkedHashMap<>();
        Set<Long> publishable = new HashSet<>();
        long last = Long.MIN_VALUE;
        for (PendingAuditEvent event : claimed) {
            if (event.tokenId() == null) {
                publishable.add(event.sequence());
                continue;
            }
            claimedByToken.computeIfAbsent(event.tokenId(), id -> new ArrayList<>()).add(event.sequence());
            last = Math.max(last, event.sequence());
        }
        Map<TokenId, List<Long>> unsent = backlog.unsentSequences(claimedByToken.keySet(), last);
        claimedByToken.forEach((token, mine) -> {
            List<Long> all = unsent.getOrDefault(token, List.of());
            List<Long> sortedMine = mine.stream().sorted().toList();
            for (int i = 0; i < sortedMine.size() && i < all.size() && sortedMine.get(i).equals(all.get(i)); i++) {
                publishable.add(sortedMine.get(i));
            }
        });
        return claimed.stream().filter(e -> publishable.contains(e.sequence()))
                .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).toList();
    }

    /** Per token, the events up to (not including) its first unacknowledged one. */
    private static List<PendingAuditEvent> acknowledgedPrefixes(List<PendingAuditEvent> published, Set<UUID> acknowledged) {
        Set<TokenId> broken = new HashSet<>();
        List<PendingAuditEvent> delivered = new ArrayList<>();
        for (PendingAuditEvent event : published) {
            TokenId token = event.tokenId();
            if (token != null && broken.contains(token)) {
                continue;
            }
            if (acknowledged.contains(event.id())) {
                delivered.add(event);
            } else if (token != null) {
                broken.add(token);
            }
        }
        return delivered;
    }
}

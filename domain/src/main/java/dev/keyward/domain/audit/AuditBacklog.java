package dev.keyward.domain.audit;

import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.Transactions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The relay's side of the audit outbox: claims unsent events, records what was delivered, forgets
 * delivered events after their retention. Every method but {@link #status()} joins the caller's
 * {@link Transactions#inWrite} transaction, and claims hold until it ends.
 */
public interface AuditBacklog {

    /**
     * Locks and returns up to {@code limit} of the oldest unsent events, in {@code sequence} order,
     * skipping events another transaction holds (another relay, or a write not yet committed).
     */
    List<PendingAuditEvent> claimOldest(int limit);

    /**
     * For each of {@code tokens}, the sequences of its unsent events up to {@code upTo} inclusive,
     * ascending, whether or not this transaction holds them; a token without any maps to nothing.
     */
    Map<TokenId, List<Long>> unsentSequences(Set<TokenId> tokens, long upTo);

    /** Marks claimed events delivered at {@code at}; they are never claimed again. */
    void markSent(List<PendingAuditEvent> events, Instant at);

    /** Counts one more failed delivery attempt for claimed events, which stay unsent. */
    void recordFailedAttempt(List<PendingAuditEvent> events);

    /** Deletes up to {@code limit} events delivered before {@code cutoff}; returns how many. */
    int pruneSentBefore(Instant cutoff, int limit);

    /** The unsent count and oldest unsent time, read on its own without locking anything. */
    AuditBacklogStatus status();
}

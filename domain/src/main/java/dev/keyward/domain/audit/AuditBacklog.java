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
 * {@link Transactions#inWrite} transaction.
 * <p>
 * A claim is a mark on the rows (who holds them, until when) that commits on its own, before the
 * events are published: locks alone are not enough, since a Galera cluster does not share them between
 * its nodes. Of two relays that claim the same rows at once on two cluster nodes, one COMMIT fails
 * (a certification conflict, a {@link dev.keyward.domain.error.ConcurrentChangeException}). A claim
 * that outlives its holder (a node that stopped mid-pass) expires and the rows are claimed again.
 */
public interface AuditBacklog {

    /**
     * Claims for {@code claim} until {@code until} up to {@code limit} of the oldest unsent events that
     * no claim unexpired at {@code now} holds, skipping rows another transaction is writing, and returns
     * them in {@code sequence} order.
     */
    List<PendingAuditEvent> claimOldest(String claim, int limit, Instant now, Instant until);

    /**
     * For each of {@code tokens}, the sequences of its unsent events up to {@code upTo} inclusive,
     * ascending, whoever holds them; a token without any maps to nothing.
     */
    Map<TokenId, List<Long>> unsentSequences(Set<TokenId> tokens, long upTo);

    /** Marks events that {@code claim} still holds delivered at {@code at}; they are never claimed again. */
    void markSent(String claim, List<PendingAuditEvent> events, Instant at);

    /**
     * Counts one more failed delivery attempt for events {@code claim} holds, which stay unsent, and gives
     * up the claim on them, so that any relay may claim them again.
     */
    void recordFailedAttempt(String claim, List<PendingAuditEvent> events);

    /** Gives up {@code claim} on events it still holds, so that any relay may claim them again. */
    void release(String claim, List<PendingAuditEvent> events);

    /** Deletes up to {@code limit} events delivered before {@code cutoff}; returns how many. */
    int pruneSentBefore(Instant cutoff, int limit);

    /** The unsent count and oldest unsent time, read on its own without locking anything. */
    AuditBacklogStatus status();
}

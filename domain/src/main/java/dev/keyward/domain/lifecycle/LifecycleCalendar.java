package dev.keyward.domain.lifecycle;

import dev.keyward.domain.token.TokenId;

import java.time.Instant;
import java.util.List;

/**
 * When each token's next lifecycle occasion falls (see {@link dev.keyward.domain.lifecycle.LifecycleSchedule}):
 * one entry per token, so a scan reads only what is due. Writes join the caller's transaction.
 */
public interface LifecycleCalendar {

    /** A token's next occasion, not yet announced. */
    record Due(TokenId token, Instant at) {
    }

    /** Sets (or replaces) when {@code token}'s next occasion falls; null: it has none, drop the entry. */
    void schedule(TokenId token, Instant next);

    void unschedule(TokenId token);

    /**
     * Up to {@code limit} entries due at or before {@code now}, earliest first, held for the caller's
     * transaction: entries another transaction holds are skipped, so two nodes never take the same one.
     */
    List<Due> claimDue(Instant now, int limit);

    /**
     * Moves a claimed entry on to {@code next} (null: drops it), only if it still says {@code due.at()}.
     *
     * @throws dev.keyward.domain.error.ConcurrentChangeException if another transaction moved it first
     */
    void advance(Due due, Instant next);
}

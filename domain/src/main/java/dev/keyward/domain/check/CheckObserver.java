package dev.keyward.domain.check;

/**
 * What the check reports as it works, for metrics (out-port): each check's door, outcome and time, and
 * how many token uses each {@code lastUsedAt} write-back carried. Implementations must be cheap and
 * never throw; they see no key, hash or token id. {@link #NONE} ignores everything.
 */
public interface CheckObserver {

    CheckObserver NONE = new CheckObserver() {
    };

    /** One check answered at {@code door} with {@code code} after {@code nanos}. */
    default void observed(Door door, CheckCode code, long nanos) {
    }

    /** One write-back of {@code lastUsedAt} stored {@code uses} tokens' latest uses. */
    default void usesFlushed(int uses) {
    }
}

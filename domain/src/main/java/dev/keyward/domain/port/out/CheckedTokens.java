package dev.keyward.domain.port.out;

import dev.keyward.domain.check.ValueMatch;
import dev.keyward.domain.token.SecretHash;

import java.util.Optional;

/**
 * What the check reads: what a secret hash is — a token's current or previous value (with the token as
 * shown: no value, no hash), or a value rotated away. May answer from a node-local cache, but only
 * within the bound the adapter promises for a change made anywhere to be seen; a change made on this
 * node is seen at once.
 */
public interface CheckedTokens {

    /**
     * What {@code hash} is; empty when it is no current, previous or remembered retired value (unknown,
     * deleted, or retired longer ago than the installation remembers).
     *
     * @throws dev.keyward.domain.error.UnavailableException when the answer cannot be vouched for (the
     *         token database is unreachable and what this node knows may be outdated)
     */
    Optional<ValueMatch> findValue(SecretHash hash);

    /**
     * The answer {@link #findValue} would give, if this node can give it without any I/O (a cache hit,
     * or a remembered miss, while the cache may be trusted); empty when answering needs the database.
     * Lets a door answer on its event loop and hop to a blocking thread only on a miss.
     */
    default Optional<Optional<ValueMatch>> findCachedValue(SecretHash hash) {
        return Optional.empty();
    }
}

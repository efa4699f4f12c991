package dev.keyward.domain.check;

import dev.keyward.domain.token.SecretHash;

import java.util.Optional;

/**
 * What the check reads (out-port): what a secret hash is — a token's current or previous value (with the
 * token as shown: no value, no hash), or a value rotated away. May answer from a node-local cache, but
 * only within the bound the adapter promises for a change made anywhere to be seen; a change made on
 * this node is seen at once.
 */
public interface CheckedTokens {

    /**
     * What this node can say of {@code hash} without any I/O: a hit or a known miss while its cache may be
     * trusted, otherwise {@link CachedValue#NEEDS_DATABASE}. Never blocks, never throws for the database.
     */
    CachedValue cached(SecretHash hash);

    /**
     * What {@code hash} is, read from the database (and remembered for the next check); empty when it is
     * no current, previous or remembered retired value. May block.
     *
     * @throws dev.keyward.domain.error.UnavailableException when the answer cannot be vouched for (the
     *         token database is unreachable and what this node knows may be outdated)
     */
    Optional<ValueMatch> load(SecretHash hash);
}

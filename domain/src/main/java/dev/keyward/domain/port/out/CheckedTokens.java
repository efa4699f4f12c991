package dev.keyward.domain.port.out;

import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenView;

import java.util.Optional;

/**
 * What the check reads: a token by its secret hash, as shown (no value, no hash). May answer from a
 * node-local cache, but only within the bound the adapter promises for a change made anywhere to be
 * seen; a change made on this node is seen at once.
 */
public interface CheckedTokens {

    /**
     * The token whose current secret hashes to {@code hash}; a rotated-away or deleted hash finds nothing.
     *
     * @throws dev.keyward.domain.error.UnavailableException when the answer cannot be vouched for (the
     *         token database is unreachable and what this node knows may be outdated)
     */
    Optional<TokenView> findByHash(SecretHash hash);

    /**
     * The answer {@link #findByHash} would give, if this node can give it without any I/O (a cache hit,
     * or a remembered miss, while the cache may be trusted); empty when answering needs the database.
     * Lets a door answer on its event loop and hop to a blocking thread only on a miss.
     */
    default Optional<Optional<TokenView>> findCached(SecretHash hash) {
        return Optional.empty();
    }
}

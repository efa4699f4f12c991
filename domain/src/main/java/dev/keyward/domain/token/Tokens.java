package dev.keyward.domain.token;

import java.util.List;
import java.util.Optional;

/**
 * Where tokens live. Writes join the caller's {@link Transactions#inWrite} transaction, if any. Uses
 * ({@code lastUsedAt}, {@code lastUsedFrom}) are not written here but through {@link TokenUses}.
 */
public interface Tokens {

    Optional<ApiToken> findById(TokenId id);

    /**
     * The token whose current or previous secret hashes to {@code hash} (a previous one even after its
     * grace period ended, until the next rotation replaces it); a value rotated away without a grace
     * period, or replaced as previous value, finds nothing.
     */
    Optional<ApiToken> findByHash(SecretHash hash);

    /** Up to {@code limit} tokens with ids greater than {@code after} (null: from the first), in id order. */
    default List<ApiToken> listAfter(TokenId after, int limit) {
        return listAfter(after, TokenFilter.NONE, limit);
    }

    /** {@link #listAfter(TokenId, int)} of the tokens {@code filter} keeps. */
    List<ApiToken> listAfter(TokenId after, TokenFilter filter, int limit);

    boolean isEmpty();

    void add(ApiToken token);

    /**
     * Stores a changed token if it is still at {@link ApiToken#version()}.
     *
     * @throws dev.keyward.domain.error.ConcurrentChangeException if another write got there first
     */
    void update(ApiToken token);

    /**
     * Deletes a token if it is still at {@link ApiToken#version()}.
     *
     * @throws dev.keyward.domain.error.ConcurrentChangeException if another write got there first
     */
    void remove(ApiToken token);
}

package dev.keyward.domain.leak;

import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;

import java.time.Instant;

/**
 * The hashes of values that were reported as leaked and cost their token its life: a second report of
 * the same value is then recognised as already dealt with. Writes join the caller's transaction.
 */
public interface LeakedValues {

    boolean contains(SecretHash hash);

    /** Remembers {@code hash}; a hash already remembered is left as it is. */
    void add(SecretHash hash, TokenId token, Instant reportedAt);
}

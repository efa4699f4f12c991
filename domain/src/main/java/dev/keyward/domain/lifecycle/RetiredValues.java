package dev.keyward.domain.lifecycle;

import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;

import java.time.Instant;
import java.util.Optional;

/**
 * The hashes of values rotated away, remembered for {@code keyward.tokens.retired-value-memory} so
 * that presenting one is recognised as reuse. Never a value. Writes join the caller's transaction.
 */
public interface RetiredValues {

    /** A value of {@code token} that stopped working at {@code retiredAt}. */
    record Retired(TokenId token, Instant retiredAt) {
    }

    /** Remembers that the value behind {@code hash} stopped working at {@code retiredAt}. */
    void retire(SecretHash hash, TokenId token, Instant retiredAt);

    Optional<Retired> find(SecretHash hash);

    /** Forgets the values retired at or before {@code cutoff}; returns how many. */
    int forgetRetiredUntil(Instant cutoff);
}

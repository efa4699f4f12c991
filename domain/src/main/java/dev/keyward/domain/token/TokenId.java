package dev.keyward.domain.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A token's public identifier: a UUIDv7, so ids sort by creation time and keyset pagination over
 * them lists tokens oldest first.
 */
public record TokenId(UUID value) implements Comparable<TokenId> {

    public TokenId {
        if (value == null) {
            throw new IllegalArgumentException("a token id may not be null");
        }
    }

    public static TokenId newId(Instant now, RandomGenerator random) {
        return new TokenId(Uuid7.next(now, random));
    }

    /** Only the canonical lower-case 36-character form is an id; anything else names no token. */
    public static Optional<TokenId> tryParse(String text) {
        return Uuid7.tryParse(text).map(TokenId::new);
    }

    public static TokenId parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a token id"));
    }

    @Override
    public int compareTo(TokenId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

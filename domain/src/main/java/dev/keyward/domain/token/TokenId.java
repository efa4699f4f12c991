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
        long millis = now.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new TokenId(new UUID(msb, lsb));
    }

    /** Only the canonical lower-case 36-character form is an id; anything else names no token. */
    public static Optional<TokenId> tryParse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equals(text) ? Optional.of(new TokenId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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

package dev.keyward.domain.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** The ids of the model: UUIDv7, so they sort by creation time, in their canonical lower-case text only. */
final class Uuid7 {

    private Uuid7() {
    }

    static UUID next(Instant now, RandomGenerator random) {
        long millis = now.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** Only the canonical lower-case 36-character form; anything else is no id. */
    static Optional<UUID> tryParse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equals(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** An owner's public identifier: a UUIDv7, so owners list oldest first, like tokens. */
public record OwnerId(UUID value) implements Comparable<OwnerId> {

    public OwnerId {
        if (value == null) {
            throw new IllegalArgumentException("an owner id may not be null");
        }
    }

    public static OwnerId newId(Instant now, RandomGenerator random) {
        return new OwnerId(Uuid7.next(now, random));
    }

    /** Only the canonical lower-case 36-character form is an id; anything else names no owner. */
    public static Optional<OwnerId> tryParse(String text) {
        return Uuid7.tryParse(text).map(OwnerId::new);
    }

    /**
     * A client's input under {@code field}; a malformed one is invalid input naming it (never echoing a
     * token value pasted there).
     */
    public static OwnerId parse(String field, String text) {
        return tryParse(text).orElseThrow(() -> new InvalidInputException(field,
                field + " '" + TokenValue.redact(text) + "' is not an owner id"));
    }

    public static OwnerId parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an owner id"));
    }

    @Override
    public int compareTo(OwnerId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

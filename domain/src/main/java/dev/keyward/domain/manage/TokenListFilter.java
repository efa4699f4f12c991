package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.TokenFilter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A listing's filters as a client sent them (null: not sent), each named as on the wire.
 *
 * @param ownerId        an owner's id
 * @param enabled        {@code true} or {@code false}
 * @param expiresBefore  an RFC 3339 time
 * @param lastUsedBefore an RFC 3339 time; a token never used counts as used at its creation
 */
public record TokenListFilter(String ownerId, String enabled, String expiresBefore, String lastUsedBefore) {

    public static final TokenListFilter NONE = new TokenListFilter(null, null, null, null);

    /** @throws InvalidInputException naming the first field that is not what it should be */
    TokenFilter parse() {
        OwnerId owner = ownerId == null ? null : OwnerId.parse("ownerId", ownerId);
        Boolean isEnabled = enabled == null ? null : switch (enabled) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException("enabled", "enabled must be true or false");
        };
        return new TokenFilter(owner, isEnabled, time("expiresBefore", expiresBefore), time("lastUsedBefore", lastUsedBefore));
    }

    private static Instant time(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an RFC 3339 time such as 2027-01-01T00:00:00Z");
        }
    }
}

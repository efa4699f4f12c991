package dev.keyward.domain.owner;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.token.TokenValue;

/**
 * What an owner is called in the platform in front of which Keyward stands (a customer number, a team
 * slug, a service name): 1 to 256 characters, no control characters, unique among owners.
 */
public record ExternalId(String value) {

    public static final int MAX_LENGTH = 256;

    public ExternalId {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Parses a client's input under {@code field}, reporting a problem as invalid input naming it. */
    public static ExternalId parse(String field, String value) {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidInputException(field, field + " " + problem);
        }
        return new ExternalId(value);
    }

    private static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "is required: 1 to " + MAX_LENGTH + " characters";
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            return "may be at most " + MAX_LENGTH + " characters long";
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
            return "may not contain control characters or unpaired surrogates";
        }
        if (TokenValue.occursIn(value)) {
            return "may not hold a Keyward token value: it is shown, stored and sent in events";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}

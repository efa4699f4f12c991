package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;

/** A token's human name: 1 to 255 characters, not blank, no control characters. */
public record TokenName(String value) {

    public static final int MAX_LENGTH = 255;

    public TokenName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Parses a client's input under {@code field}, reporting a problem as invalid input naming it. */
    public static TokenName parse(String field, String value) {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidInputException(field, field + " " + problem);
        }
        return new TokenName(value);
    }

    private static String problemWith(String value) {
        if (value == null) {
            return "is required";
        }
        if (value.isBlank()) {
            return "may not be blank";
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            return "may be at most " + MAX_LENGTH + " characters long";
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return "may not contain control characters";
        }
        if (value.codePoints().anyMatch(TokenName::isBidiControl)) {
            return "may not contain bidirectional control characters (they can make a name display as another)";
        }
        // A lone surrogate has no UTF-8 form: the database would store '?' or refuse the row.
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            return "may not contain unpaired surrogate characters";
        }
        return null;
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    @Override
    public String toString() {
        return value;
    }
}

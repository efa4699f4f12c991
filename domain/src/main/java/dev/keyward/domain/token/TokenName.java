package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;

/**
 * A token's human name: 1 to 255 characters, something visible in it, and no control, bidirectional
 * or invisible characters, so that no name can pass for another in a list.
 */
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
        if (value.codePoints().allMatch(TokenName::isBlankOrSelector)) {
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
        int invisible = value.codePoints().filter(TokenName::isInvisible).findFirst().orElse(-1);
        if (invisible >= 0) {
            return "may not contain invisible characters such as " + codePoint(invisible)
                    + " (they can make a name display as another)";
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

    /**
     * Unicode's default ignorable code points (DerivedCoreProperties 15.1: zero-width spaces and joiners,
     * word joiner, BOM, Hangul fillers, Mongolian vowel separator, tag characters...) and the blank
     * Braille pattern, which renders as a space without being one. Variation selectors are ignorable
     * too but stay allowed: emoji need them (U+FE0F in ❤️), and they cannot make a name blank alone.
     */
    private static boolean isInvisible(int c) {
        return !isVariationSelector(c) && (c == 0x00AD || c == 0x034F || c == 0x115F || c == 0x1160
                || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F)
                || (c >= 0x2060 && c <= 0x206F) || c == 0x2800 || c == 0x3164 || c == 0xFEFF || c == 0xFFA0
                || (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A)
                || (c >= 0xE0000 && c <= 0xE0FFF));
    }

    private static boolean isVariationSelector(int c) {
        return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x180B && c <= 0x180D) || c == 0x180F;
    }

    /** Whitespace, no-break spaces and lone variation selectors: nothing a reader can see. */
    private static boolean isBlankOrSelector(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || isVariationSelector(c);
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }

    @Override
    public String toString() {
        return value;
    }
}

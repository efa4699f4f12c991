package dev.keyward.domain.token;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;

/**
 * The secret a client presents: {@code kw_} + 30 random characters over {@code [0-9A-Za-z]} (≈178 bits)
 * + a 6-character checksum, the CRC32 of the 30 random characters in base 62 (same alphabet, most
 * significant digit first, left-padded with '0'). The checksum lets secret scanners and this service
 * reject a mistyped or truncated value without a database lookup.
 *
 * <p>{@link #toString()} never prints the secret; only {@link #reveal()} does, for the one response
 * that hands it to its owner.
 */
public final class TokenValue {

    public static final String PREFIX = "kw_";
    public static final int RANDOM_LENGTH = 30;
    public static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Anything a client might have pasted that looks like a value, whole or truncated. */
    private static final java.util.regex.Pattern VALUE_LIKE = java.util.regex.Pattern.compile("kw_[0-9A-Za-z]{4,}");

    private final String value;

    private TokenValue(String value) {
        this.value = value;
    }

    /** A fresh value; {@code random} must be a CSPRNG such as {@link java.security.SecureRandom}. */
    public static TokenValue generate(RandomGenerator random) {
        StringBuilder body = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new TokenValue(PREFIX + body + checksumOf(body));
    }

    /** Accepts only a well-formed value with a correct checksum. */
    public static Optional<TokenValue> tryParse(String text) {
        return problemWith(text) == null ? Optional.of(new TokenValue(text)) : Optional.empty();
    }

    /** Like {@link #tryParse} but says what is wrong, without echoing the (possibly secret) text. */
    public static TokenValue parse(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new IllegalArgumentException("not a Keyward token value: " + problem);
        }
        return new TokenValue(text);
    }

    private static String problemWith(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return "it must start with '" + PREFIX + "'";
        }
        if (text.length() != LENGTH) {
            return "it must be " + LENGTH + " characters long";
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return "it may only contain the characters 0-9, A-Z and a-z after the prefix";
            }
        }
        String body = text.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        if (!text.endsWith(checksumOf(body))) {
            return "its checksum does not match";
        }
        return null;
    }

    static String checksumOf(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long remaining = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (remaining % ALPHABET.length()));
            remaining /= ALPHABET.length();
        }
        return new String(digits);
    }

    /**
     * Masks everything shaped like a token value in text about to leave through a log line or an error
     * message: clients paste keys into ids and fields, and echoing one back would spread it.
     */
    public static String redact(String text) {
        return text == null ? null : VALUE_LIKE.matcher(text).replaceAll(PREFIX + "[redacted]");
    }

    /** Whether {@code text} holds a whole, well-formed value (checksum and all) anywhere in it. */
    public static boolean occursIn(String text) {
        java.util.regex.Matcher candidates = WHOLE_VALUE_SHAPE.matcher(text);
        while (candidates.find()) {
            if (problemWith(candidates.group()) == null) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern WHOLE_VALUE_SHAPE =
            java.util.regex.Pattern.compile("kw_[0-9A-Za-z]{" + (RANDOM_LENGTH + CHECKSUM_LENGTH) + "}");

    /** The secret itself: call only to hand it to its owner, once. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenValue that && java.security.MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), that.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return PREFIX + "[redacted]";
    }
}

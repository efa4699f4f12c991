package dev.keyward.domain.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The token-value checksum written out again from the published format, independently of the
 * production helper, so the tests hold the implementation to the format rather than to itself.
 */
public final class ReferenceChecksum {

    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ReferenceChecksum() {
    }

    /** CRC32 of the ASCII bytes, in base 62, most significant digit first, left-padded with '0' to 6. */
    public static String of(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        BigInteger remaining = BigInteger.valueOf(crc.getValue());
        BigInteger base = BigInteger.valueOf(ALPHABET.length());
        StringBuilder digits = new StringBuilder();
        while (remaining.signum() > 0) {
            BigInteger[] qr = remaining.divideAndRemainder(base);
            digits.append(ALPHABET.charAt(qr[1].intValueExact()));
            remaining = qr[0];
        }
        digits.reverse();
        return "0".repeat(6 - digits.length()) + digits;
    }

    /** A well-formed value with the given 30-character body, built from the format alone. */
    public static String valueWithBody(String body) {
        return "kw_" + body + of(body);
    }
}

package dev.keyward.domain.token;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** The keyed hash of a token value: the only form of a secret that is ever stored. 32 bytes. */
public record SecretHash(byte[] bytes) {

    public static final int LENGTH = 32;

    public SecretHash {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a secret hash has " + LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretHash that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** A short fingerprint for debugging; the full hash is not printed. */
    @Override
    public String toString() {
        return "SecretHash[" + HexFormat.of().formatHex(bytes, 0, 4) + "…]";
    }
}

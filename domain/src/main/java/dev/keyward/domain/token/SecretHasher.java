package dev.keyward.domain.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes HMAC-SHA256(pepper, value). The pepper lives in configuration, never in the database, so
 * a leaked table alone cannot be used to test guessed values.
 */
public final class SecretHasher {

    public static final int MIN_PEPPER_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * One keyed Mac per thread: looking the algorithm up and keying it cost more than hashing a token
     * (a third of the hash's time on every check). {@link Mac#doFinal} leaves it keyed and ready again.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    public SecretHasher(byte[] pepper) {
        if (pepper == null || pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the pepper must be at least " + MIN_PEPPER_BYTES + " bytes long");
        }
        this.key = new SecretKeySpec(pepper, ALGORITHM);
    }

    public SecretHash hash(TokenValue value) {
        return new SecretHash(macs.get().doFinal(value.reveal().getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "SecretHasher[HmacSHA256, pepper redacted]";
    }
}

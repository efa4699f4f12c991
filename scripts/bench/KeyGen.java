import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Prints N well-formed random Keyward token values, one a line (README "Token format"): kw_ + 30
 * random [0-9A-Za-z] + the CRC32 of those 30 characters in base 62, most significant digit first,
 * zero-padded to 6. Used for the bootstrap value and for the flood of keys that match nothing.
 * Run: java KeyGen.java N
 */
public class KeyGen {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static void main(String[] args) throws IOException {
        int count = args.length == 0 ? 1 : Integer.parseInt(args[0]);
        SecureRandom random = new SecureRandom();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16);
        for (int i = 0; i < count; i++) {
            out.write(key(random));
            out.newLine();
        }
        out.flush();
    }

    static String key(SecureRandom random) {
        char[] body = new char[30];
        for (int i = 0; i < body.length; i++) {
            body[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        String randomPart = new String(body);
        CRC32 crc = new CRC32();
        crc.update(randomPart.getBytes(StandardCharsets.US_ASCII));
        return "kw_" + randomPart + base62(crc.getValue());
    }

    private static String base62(long value) {
        char[] digits = new char[6];
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }
}

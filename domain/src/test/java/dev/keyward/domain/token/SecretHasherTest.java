package dev.keyward.domain.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretHasherTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4231 section 4 test cases 1, 2, 3, 4, 6 and 7 (5 is a truncated output). */
    static Stream<Arguments> rfc4231() {
        return Stream.of(
                Arguments.of("case 1", repeat(0x0b, 20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("case 2", ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("case 3", repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("case 4", HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of("case 6", repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of("case 7", repeat(0xaa, 131), ascii("This is a test using a larger than block-size key "
                                + "and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest(name = "RFC 4231 {0}")
    @MethodSource("rfc4231")
    void the_reference_hmac_and_the_jdk_both_match_rfc_4231(String name, byte[] key, byte[] data, String expected) throws Exception {
        assertEquals(expected, HEX.formatHex(referenceHmacSha256(key, data)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        assertEquals(expected, HEX.formatHex(mac.doFinal(data)));
    }

    @ParameterizedTest(name = "RFC 4231 {0} key")
    @MethodSource("rfc4231")
    void the_hasher_computes_hmac_sha256_of_the_value_under_every_rfc_key_of_16_bytes_or_more(
            String name, byte[] key, byte[] data, String expected) {
        if (key.length < SecretHasher.MIN_PEPPER_BYTES) {
            assertThrows(IllegalArgumentException.class, () -> new SecretHasher(key));
            return;
        }
        SecretHasher hasher = new SecretHasher(key);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int i = 0; i < 50; i++) {
            TokenValue value = TokenValue.generate(random);
            byte[] expectedHash = referenceHmacSha256(key, value.reveal().getBytes(StandardCharsets.US_ASCII));

            assertArrayEquals(expectedHash, hasher.hash(value).bytes());
        }
    }

    @Test
    void hashing_is_deterministic_so_a_stored_hash_finds_its_token_again() {
        SecretHasher hasher = new SecretHasher(repeat(0x42, 32));
        TokenValue value = TokenValue.generate(new SplittableRandom(1));

        assertEquals(hasher.hash(value), hasher.hash(TokenValue.parse(value.reveal())));
        assertEquals(SecretHash.LENGTH, hasher.hash(value).bytes().length);
    }

    @Test
    void a_hasher_shared_by_threads_gives_each_value_its_one_hash() throws Exception {
        SecretHasher hasher = new SecretHasher(repeat(0x42, 32));
        SplittableRandom random = new SplittableRandom(4);
        List<TokenValue> values = Stream.generate(() -> TokenValue.generate(random)).limit(200).toList();
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(repeat(0x42, 32), "HmacSHA256"));
        List<SecretHash> expected = values.stream().map(v -> new SecretHash(reference.doFinal(ascii(v.reveal())))).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<SecretHash>>> rounds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                rounds.add(threads.submit(() -> values.stream().map(hasher::hash).toList()));
            }
            for (Future<List<SecretHash>> round : rounds) {
                assertEquals(expected, round.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void different_peppers_give_different_hashes_for_the_same_value() {
        TokenValue value = TokenValue.generate(new SplittableRandom(2));
        byte[] pepper = repeat(0x42, 32);
        byte[] otherPepper = pepper.clone();
        otherPepper[31] ^= 1;

        assertNotEquals(new SecretHasher(pepper).hash(value), new SecretHasher(otherPepper).hash(value));
    }

    @Test
    void different_values_give_different_hashes() {
        SecretHasher hasher = new SecretHasher(repeat(0x42, 16));
        SplittableRandom random = new SplittableRandom(3);
        Set<SecretHash> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(seen.add(hasher.hash(TokenValue.generate(random))));
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 8, 15})
    void a_pepper_shorter_than_16_bytes_is_rejected(int length) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SecretHasher(new byte[length]));
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void a_null_pepper_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new SecretHasher(null));
    }

    @Test
    void changing_the_pepper_array_afterwards_does_not_change_the_hasher() {
        byte[] pepper = repeat(0x42, 16);
        SecretHasher hasher = new SecretHasher(pepper);
        TokenValue value = TokenValue.generate(new SplittableRandom(4));
        SecretHash before = hasher.hash(value);

        Arrays.fill(pepper, (byte) 0);

        assertEquals(before, hasher.hash(value));
    }

    @Test
    void neither_the_hasher_nor_a_hash_prints_its_secret() {
        byte[] pepper = ascii("a-pepper-that-is-long-enough");
        SecretHasher hasher = new SecretHasher(pepper);
        SecretHash hash = hasher.hash(TokenValue.generate(new SplittableRandom(5)));

        assertFalse(hasher.toString().contains("a-pepper"));
        assertFalse(hash.toString().contains(HEX.formatHex(hash.bytes())));
    }

    @Test
    void a_secret_hash_copies_its_bytes_in_and_out() {
        byte[] bytes = repeat(7, 32);
        SecretHash hash = new SecretHash(bytes);
        bytes[0] = 0;
        hash.bytes()[1] = 0;

        assertEquals(new SecretHash(repeat(7, 32)), hash);
        assertThrows(IllegalArgumentException.class, () -> new SecretHash(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new SecretHash(null));
    }

    /** HMAC-SHA256 straight from RFC 2104 on top of SHA-256, independent of javax.crypto.Mac. */
    static byte[] referenceHmacSha256(byte[] key, byte[] data) {
        try {
            int block = 64;
            byte[] k = key.length > block ? MessageDigest.getInstance("SHA-256").digest(key) : key;
            byte[] padded = Arrays.copyOf(k, block);
            byte[] inner = new byte[block];
            byte[] outer = new byte[block];
            for (int i = 0; i < block; i++) {
                inner[i] = (byte) (padded[i] ^ 0x36);
                outer[i] = (byte) (padded[i] ^ 0x5c);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(inner);
            byte[] innerHash = sha.digest(data);
            sha.update(outer);
            return sha.digest(innerHash);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] repeat(int b, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.keyward.domain.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrBlockTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0/8",
            "0.0.0.0/0, 0.0.0.0/0",
            "192.0.2.1/32, 192.0.2.1/32",
            "172.16.0.0/12, 172.16.0.0/12",
            "::/0, ::/0",
            "2001:db8::/32, 2001:db8::/32",
            "2001:DB8::/32, 2001:db8::/32",
            "2001:0db8:0000:0000:0000:0000:0000:0000/32, 2001:db8::/32",
            "::1/128, ::1/128",
            "fe80::/10, fe80::/10",
            "2001:db8:0:0:8000::/65, 2001:db8:0:0:8000::/65",
    })
    void valid_blocks_parse_and_print_canonically(String text, String canonical) {
        CidrBlock block = CidrBlock.parse(text);

        assertEquals(canonical, block.toString());
        assertEquals(block, CidrBlock.parse(canonical));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({
            "10.0.0.0/33, 0 to 32",
            "0.0.0.0/64, 0 to 32",
            "::/129, 0 to 128",
            "2001:db8::/256, 0 to 128",
            "10.0.0.0/-1, 0 to 32",
            "10.0.0.0/, 0 to 32",
            "10.0.0.0/08, 0 to 32",
            "10.0.0.0/8/8, 0 to 32",
            "10.0.0.0/ 8, 0 to 32",
            "'10.0.0.0/8 ', 0 to 32",
            "10.0.0.0/1000, 0 to 32",
            "10.0.0.0/+8, 0 to 32",
            "10.0.0.0/x, 0 to 32",
    })
    void a_prefix_length_outside_the_address_size_is_rejected_naming_the_block(String text, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(text));

        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10.1.2.3/8, 10.0.0.0/8",
            "192.168.1.1/24, 192.168.1.0/24",
            "1.2.3.4/0, 0.0.0.0/0",
            "10.0.0.1/31, 10.0.0.0/31",
            "2001:db8::1/32, 2001:db8::/32",
            "2001:db8:1:2:3:4:5:6/64, 2001:db8:1:2::/64",
            "::1/0, ::/0",
            "2001:db8::ffff:ffff:ffff:ffff/65, 2001:db8:0:0:8000::/65",
    })
    void host_bits_set_are_rejected_suggesting_the_network(String text, String suggestion) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(text));

        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean '" + suggestion + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"10.0.0.1, 10.0.0.1/32", "2001:db8::1, 2001:db8::1/128", "::, ::/128"})
    void a_missing_prefix_is_rejected_with_a_hint(String text, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(text));

        assertTrue(e.getMessage().contains("prefix length"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + hint + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"10.0.0/8", "300.0.0.0/8", "/8", "::g/64", "fe80::%1/64", "a.b.c.d/8", " 10.0.0.0/8", "10.0.0.0 /8"})
    void a_bad_address_is_rejected_naming_the_block(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(text));

        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("is not an IPv4 or IPv6 address"), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"::ffff:10.0.0.0/8", "::ffff:10.0.0.0/104", "::ffff:0:0/96"})
    void an_ipv4_mapped_block_is_rejected_asking_for_the_ipv4_form(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(text));

        assertTrue(e.getMessage().contains("write it as an IPv4 block"), e.getMessage());
    }

    @Test
    void a_null_block_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(null));
    }

    @Test
    void the_constructor_enforces_the_same_invariants() {
        assertThrows(IllegalArgumentException.class, () -> new CidrBlock(IpAddress.parse("10.1.0.0"), 8));
        assertThrows(IllegalArgumentException.class, () -> new CidrBlock(IpAddress.parse("10.0.0.0"), 33));
        assertThrows(IllegalArgumentException.class, () -> new CidrBlock(IpAddress.parse("::"), -1));
        assertEquals(CidrBlock.parse("10.0.0.0/8"), new CidrBlock(IpAddress.parse("10.0.0.0"), 8));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0, true",
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 9.255.255.255, false",
            "10.0.0.0/8, 11.0.0.0, false",
            "192.0.2.1/32, 192.0.2.1, true",
            "192.0.2.1/32, 192.0.2.0, false",
            "192.0.2.1/32, 192.0.2.2, false",
            "192.0.2.0/31, 192.0.2.1, true",
            "192.0.2.0/31, 192.0.2.2, false",
            "0.0.0.0/0, 0.0.0.0, true",
            "0.0.0.0/0, 255.255.255.255, true",
            "0.0.0.0/0, ::, false",
            "0.0.0.0/0, ::1, false",
            "0.0.0.0/0, 2001:db8::1, false",
            "128.0.0.0/1, 127.255.255.255, false",
            "128.0.0.0/1, 128.0.0.0, true",
            "127.0.0.0/8, ::ffff:127.0.0.1, true",
            "127.0.0.0/8, ::ffff:7f00:1, true",
            "127.0.0.0/8, ::127.0.0.1, false",
            "2001:db8::/32, 2001:db8::, true",
            "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:db8::/32, 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, false",
            "2001:db8::/32, 2001:db9::, false",
            "2001:db8::/64, 2001:db8::ffff:ffff:ffff:ffff, true",
            "2001:db8::/64, 2001:db8:0:1::, false",
            "2001:db8::/63, 2001:db8:0:1:ffff:ffff:ffff:ffff, true",
            "2001:db8::/63, 2001:db8:0:2::, false",
            "2001:db8:0:0:8000::/65, 2001:db8:0:0:8000::, true",
            "2001:db8:0:0:8000::/65, 2001:db8::ffff:ffff:ffff:ffff, true",
            "2001:db8:0:0:8000::/65, 2001:db8::7fff:ffff:ffff:ffff, false",
            "2001:db8:0:0:8000::/65, 2001:db8:0:1::, false",
            "::1/128, ::1, true",
            "::1/128, ::, false",
            "::1/128, ::2, false",
            "::/0, ::, true",
            "::/0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "::/0, 0.0.0.0, false",
            "::/0, 127.0.0.1, false",
            "::/0, ::ffff:127.0.0.1, false",
            "::/96, ::1.2.3.4, true",
            "::/96, 1.2.3.4, false",
    })
    void contains_is_exact_at_the_boundaries_and_never_mixes_families(String block, String address, boolean expected) {
        assertEquals(expected, CidrBlock.parse(block).contains(IpAddress.parse(address)));
    }

    @Test
    void a_random_block_contains_an_address_exactly_when_the_prefix_bits_agree() {
        SplittableRandom random = new SplittableRandom(1519);
        for (int i = 0; i < 20_000; i++) {
            boolean v6 = random.nextBoolean();
            int bits = v6 ? 128 : 32;
            int prefix = random.nextInt(bits + 1);
            BigInteger address = randomBits(random, bits);
            if (v6 && address.shiftRight(32).equals(BigInteger.valueOf(0xFFFF))) {
                continue; // IPv4-mapped: not a v6 address here
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            BigInteger network = address.and(mask);
            CidrBlock block = CidrBlock.parse(text(network, v6) + "/" + prefix);

            assertTrue(block.contains(toAddress(address, v6)), block + " should contain " + text(address, v6));
            int flip = random.nextInt(bits);
            BigInteger other = address.flipBit(flip);
            boolean inside = flip < bits - prefix;
            if (!(v6 && other.shiftRight(32).equals(BigInteger.valueOf(0xFFFF)))) {
                assertEquals(inside, block.contains(toAddress(other, v6)), block + " vs " + text(other, v6));
            }
        }
    }

    private static BigInteger randomBits(SplittableRandom random, int bits) {
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < bits; i += 32) {
            value = value.shiftLeft(32).or(BigInteger.valueOf(random.nextInt() & 0xFFFF_FFFFL));
        }
        return value;
    }

    private static IpAddress toAddress(BigInteger value, boolean v6) {
        return IpAddress.parse(text(value, v6));
    }

    /** The full, uncompressed text form, built without the production formatter. */
    private static String text(BigInteger value, boolean v6) {
        if (!v6) {
            long v = value.longValueExact();
            return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
        }
        StringBuilder text = new StringBuilder();
        for (int g = 7; g >= 0; g--) {
            text.append(value.shiftRight(16 * g).and(BigInteger.valueOf(0xFFFF)).toString(16));
            if (g > 0) {
                text.append(':');
            }
        }
        return text.toString();
    }
}

package dev.keyward.domain.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "192.0.2.1, 192.0.2.1",
            "10.0.0.10, 10.0.0.10",
            "::, ::",
            "0:0:0:0:0:0:0:0, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:DB8::1, 2001:db8::1",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "fe80::abcd:EF01, fe80::abcd:ef01",
            "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "::1.2.3.4, ::102:304",
            "::ffff:192.0.2.1, 192.0.2.1",
            "::FFFF:c000:0201, 192.0.2.1",
            "0:0:0:0:0:ffff:7f00:1, 127.0.0.1",
            "::fffe:7f00:1, ::fffe:7f00:1",
            "1:0:ffff:7f00:1::, 1:0:ffff:7f00:1::",
    })
    void valid_literals_parse_and_print_in_canonical_rfc_5952_form(String literal, String canonical) {
        IpAddress address = IpAddress.parse(literal);

        assertEquals(canonical, address.toString());
        assertEquals(address, IpAddress.parse(canonical));
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {
            " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "999.0.0.0", "01.2.3.4", "1.2.3.04", "00.0.0.0",
            "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.-4", "+1.2.3.4", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4\n", "1.2.3.4/8",
            "0x1.2.3.4", "1.2.3.a", "１.2.3.4", "1.2.3.٤", "localhost", "1234", "4294967295", "1.2.3.0004",
            ":::", "::1::", "1::2::3", "1:2:3:4:5:6:7:8::", "1:2:3:4:5:6:7::8", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "::g", "fe80::1%eth0", "fe80::1%1", ":1::", "1::2:", ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:", "[::1]", "::1 ", " ::1", "1.2.3.4::", "::1.2.3.4:1", "::ffff:1.2.3.256", "::ffff:01.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:1.2.3.4", "::-1", "::+1", "::ＦＦ", ":", "1:2", "::0x1",
            "0000:0000:0000:0000:0000:0000:0000:0000:0", "1.2.3.4:80",
    })
    void invalid_literals_are_rejected(String literal) {
        assertTrue(IpAddress.tryParse(literal).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(literal));
    }

    @Test
    void an_invalid_literal_is_named_in_the_error() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3.256"));
        assertTrue(e.getMessage().contains("'1.2.3.256'"), e.getMessage());
    }

    @Test
    void an_ipv4_mapped_ipv6_address_is_the_ipv4_address() {
        IpAddress mapped = IpAddress.parse("::ffff:127.0.0.1");

        assertTrue(mapped.isIpv4());
        assertEquals(IpAddress.parse("127.0.0.1"), mapped);
        assertFalse(IpAddress.parse("::127.0.0.1").isIpv4());
    }

    @Test
    void addresses_from_socket_bytes_match_their_literals() throws Exception {
        assertEquals(IpAddress.parse("192.0.2.1"), IpAddress.ofBytes(new byte[]{(byte) 192, 0, 2, 1}));
        assertEquals(IpAddress.parse("2001:db8::ff"), IpAddress.ofBytes(InetAddress.getByName("2001:db8::ff").getAddress()));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertEquals(IpAddress.parse("127.0.0.1"), IpAddress.ofBytes(mapped));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.ofBytes(new byte[5]));
    }

    @Test
    void the_constructor_refuses_impossible_addresses() {
        assertThrows(IllegalArgumentException.class, () -> new IpAddress(64, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new IpAddress(32, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new IpAddress(32, 0, 1L << 32));
    }

    @Test
    void random_ipv6_addresses_round_trip_and_print_like_an_independent_rfc_5952_formatter() throws Exception {
        SplittableRandom random = new SplittableRandom(5952);
        for (int i = 0; i < 20_000; i++) {
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                // Zero groups half of the time, so runs of every length and position occur.
                groups[g] = random.nextBoolean() ? 0 : random.nextInt(1, 0x10000);
            }
            if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xFFFF) {
                continue; // IPv4-mapped: prints as IPv4, covered elsewhere
            }
            byte[] bytes = new byte[16];
            for (int g = 0; g < 8; g++) {
                bytes[2 * g] = (byte) (groups[g] >>> 8);
                bytes[2 * g + 1] = (byte) groups[g];
            }
            IpAddress address = IpAddress.ofBytes(bytes);
            String text = address.toString();

            assertEquals(rfc5952(groups), text);
            assertEquals(address, IpAddress.parse(text));
            assertEquals(address, IpAddress.parse(InetAddress.getByAddress(bytes).getHostAddress()));
            assertEquals(address, IpAddress.parse(fullForm(groups, random)));
        }
    }

    @Test
    void random_ipv4_addresses_round_trip() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 20_000; i++) {
            long value = random.nextLong(1L << 32);
            IpAddress address = new IpAddress(32, 0, value);
            String text = (value >>> 24) + "." + ((value >>> 16) & 255) + "." + ((value >>> 8) & 255) + "." + (value & 255);

            assertEquals(text, address.toString());
            assertEquals(address, IpAddress.parse(text));
            assertEquals(address, IpAddress.parse("::ffff:" + text));
        }
    }

    /** RFC 5952 written plainly: the longest run of two or more zero groups, the first on a tie, becomes "::". */
    private static String rfc5952(int[] groups) {
        for (int length = 8; length >= 2; length--) {
            for (int start = 0; start + length <= 8; start++) {
                boolean zeros = true;
                for (int g = start; g < start + length; g++) {
                    zeros &= groups[g] == 0;
                }
                if (zeros) {
                    return join(groups, 0, start) + "::" + join(groups, start + length, 8);
                }
            }
        }
        return join(groups, 0, 8);
    }

    private static String join(int[] groups, int from, int to) {
        List<String> parts = new ArrayList<>();
        for (int g = from; g < to; g++) {
            parts.add(Integer.toHexString(groups[g]));
        }
        return String.join(":", parts);
    }

    /** All eight groups, zero-padded, in random letter case: the least canonical legal spelling. */
    private static String fullForm(int[] groups, SplittableRandom random) {
        List<String> parts = new ArrayList<>();
        for (int group : groups) {
            String hex = String.format("%04x", group);
            parts.add(random.nextBoolean() ? hex.toUpperCase() : hex);
        }
        return String.join(":", parts);
    }
}

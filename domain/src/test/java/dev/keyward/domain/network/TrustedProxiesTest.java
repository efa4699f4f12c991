package dev.keyward.domain.network;

import dev.keyward.domain.error.UnauthenticatedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8"));

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    /** Header values are separated by '|' in the table, hops within one value by ','. */
    private static List<String> headers(String joined) {
        return joined == null ? List.of() : Arrays.asList(joined.split("\\|", -1));
    }

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For [{1}] -> {2}")
    @CsvSource(delimiter = ';', value = {
            // an untrusted peer is the client, whatever it claims
            "203.0.113.5; 198.51.100.7; 203.0.113.5",
            "203.0.113.5; 10.0.0.9; 203.0.113.5",
            "203.0.113.5; ; 203.0.113.5",
            // a trusted peer vouches for the hop to its left
            "10.0.0.1; 198.51.100.7; 198.51.100.7",
            "10.0.0.1; 198.51.100.7, 10.0.0.2, 10.0.0.3; 198.51.100.7",
            // a forged hop left of the first untrusted one is never believed
            "10.0.0.1; 6.6.6.6, 198.51.100.7; 198.51.100.7",
            "10.0.0.1; 10.0.0.50, 198.51.100.7, 10.0.0.2; 198.51.100.7",
            // a trusted peer without the header is itself the client
            "10.0.0.1; ; 10.0.0.1",
            // only trusted hops: the leftmost one is as far as anyone vouched
            "10.0.0.1; 10.0.0.5, 10.0.0.6; 10.0.0.5",
            // whitespace around hops is allowed
            "10.0.0.1; '  198.51.100.7 ,10.0.0.2  '; 198.51.100.7",
            // several header lines are one list, in order
            "10.0.0.1; 198.51.100.7|10.0.0.2; 198.51.100.7",
            "10.0.0.1; 6.6.6.6|198.51.100.7, 10.0.0.2; 198.51.100.7",
            "10.0.0.1; 198.51.100.7, 10.0.0.2|10.0.0.3; 198.51.100.7",
            // proxies that append a port: the address part is the hop
            "10.0.0.1; 198.51.100.7:4711; 198.51.100.7",
            "10.0.0.1; '[2001:db8::7]:443, 10.0.0.2'; 2001:db8::7",
            "10.0.0.1; [2001:db8::7]; 2001:db8::7",
            // a malformed hop left of the first untrusted one is never read
            "10.0.0.1; not-an-ip, 198.51.100.7; 198.51.100.7",
            // an empty header is no header
            "10.0.0.1; ''; 10.0.0.1",
            // IPv6 and IPv4-mapped peers and hops
            "fd00::1; 2001:db8::7; 2001:db8::7",
            "fd00::1; 2001:db8::7, fd12::3; 2001:db8::7",
            "2001:db8::99; 198.51.100.7; 2001:db8::99",
            "::ffff:10.0.0.1; 198.51.100.7; 198.51.100.7",
            "10.0.0.1; ::ffff:198.51.100.7; 198.51.100.7",
            "10.0.0.1; 198.51.100.7, ::ffff:10.0.0.2; 198.51.100.7",
    })
    void the_client_is_the_first_untrusted_hop_walking_from_the_peer(String peer, String forwardedFor, String client) {
        assertEquals(ip(client), PROXIES.clientOf(ip(peer), headers(forwardedFor)));
    }

    @ParameterizedTest(name = "X-Forwarded-For [{0}] from a trusted proxy is refused")
    @CsvSource(delimiter = ';', value = {
            "198.51.100.7, not-an-ip",
            "not-an-ip, 10.0.0.2",
            "'198.51.100.7,,10.0.0.2'",
            "198.51.100.7:99999",
            "[2001:db8::7",
            "[2001:db8::7]x",
            "2001:db8::7:443x",
    })
    void an_unreadable_hop_a_trusted_proxy_vouches_for_makes_the_client_unknown(String forwardedFor) {
        // Falling back to the proxy's own address would let outsiders pass allowlists covering the proxy.
        assertThrows(UnauthenticatedException.class, () -> PROXIES.clientOf(ip("10.0.0.1"), List.of(forwardedFor)));
    }

    @Test
    void an_unknown_peer_is_refused_because_no_allowlist_could_be_checked() {
        assertThrows(UnauthenticatedException.class, () -> PROXIES.clientOf((java.net.InetSocketAddress) null, List.of()));
        assertThrows(UnauthenticatedException.class,
                () -> PROXIES.clientOf(java.net.InetSocketAddress.createUnresolved("proxy.example", 443), List.of()));
        assertEquals(ip("198.51.100.7"), PROXIES.clientOf(new java.net.InetSocketAddress(
                assertDoesNotThrow(() -> java.net.InetAddress.getByAddress(new byte[] {10, 0, 0, 1})), 443), List.of("198.51.100.7")));
    }

    @Test
    void an_untrusted_peer_is_never_refused_for_its_header() {
        assertEquals(ip("203.0.113.5"), PROXIES.clientOf(ip("203.0.113.5"), List.of("not-an-ip,,")));
    }

    @Test
    void without_trusted_proxies_the_header_is_always_ignored() {
        TrustedProxies none = TrustedProxies.none();

        assertEquals(ip("10.0.0.1"), none.clientOf(ip("10.0.0.1"), List.of("198.51.100.7")));
        assertEquals(ip("127.0.0.1"), none.clientOf(ip("::ffff:127.0.0.1"), List.of("198.51.100.7")));
        assertEquals(none, TrustedProxies.parse(List.of()));
    }

    @Test
    void trust_is_decided_by_the_configured_blocks() {
        assertTrue(PROXIES.trusts(ip("10.255.0.1")));
        assertTrue(PROXIES.trusts(ip("::ffff:10.0.0.1")));
        assertTrue(PROXIES.trusts(ip("fdff::1")));
        assertFalse(PROXIES.trusts(ip("11.0.0.1")));
        assertFalse(PROXIES.trusts(ip("fe00::1")));
    }

    @Test
    void configuration_ignores_blank_entries_and_surrounding_spaces() {
        TrustedProxies parsed = TrustedProxies.parse(List.of(" 10.0.0.0/8 ", "", "  ", "127.0.0.1/32"));

        assertEquals(List.of(CidrBlock.parse("10.0.0.0/8"), CidrBlock.parse("127.0.0.1/32")), parsed.proxies());
    }

    @Test
    void a_bad_configured_block_is_an_error_naming_it() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse(List.of("10.0.0.0/8", "10.0.0.1/8")));

        assertTrue(e.getMessage().contains("'10.0.0.1/8'"), e.getMessage());
    }
}

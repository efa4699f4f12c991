package dev.keyward.domain.network;

import dev.keyward.domain.error.UnauthenticatedException;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which address a request really comes from. The TCP peer is believed unless it is a
 * trusted proxy; then {@code X-Forwarded-For} is walked from the right, skipping trusted hops, and
 * the first untrusted hop is the client. An untrusted peer's header is ignored: anyone can forge it.
 */
public record TrustedProxies(List<CidrBlock> proxies) {

    public TrustedProxies {
        proxies = List.copyOf(proxies);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public static TrustedProxies parse(List<String> blocks) {
        return new TrustedProxies(blocks.stream().map(String::trim).filter(s -> !s.isEmpty()).map(CidrBlock::parse).toList());
    }

    public boolean trusts(IpAddress address) {
        return proxies.stream().anyMatch(block -> block.contains(address));
    }

    /**
     * Like {@link #clientOf(IpAddress, List)} for the peer as a server socket reports it.
     *
     * @param peer the TCP peer, or null when the server cannot tell
     * @throws UnauthenticatedException when the peer is unknown: no allowlist could be checked
     */
    public IpAddress clientOf(InetSocketAddress peer, List<String> forwardedFor) {
        if (peer == null || peer.getAddress() == null) {
            throw new UnauthenticatedException("the peer address is unknown, so no allowlist can be checked");
        }
        return clientOf(IpAddress.ofBytes(peer.getAddress().getAddress()), forwardedFor);
    }

    /**
     * @param peer         the TCP peer
     * @param forwardedFor every {@code X-Forwarded-For} header value in order (each may be a comma list)
     * @throws UnauthenticatedException when a trusted proxy forwarded a hop that is not an address:
     *         the client is then unknown, and guessing (e.g. the proxy's own address) could let an
     *         outsider pass an allowlist that covers the proxy's network
     */
    public IpAddress clientOf(IpAddress peer, List<String> forwardedFor) {
        IpAddress client = peer;
        if (!trusts(peer)) {
            return client;
        }
        List<String> hops = forwardedFor.stream()
                .filter(header -> !header.isBlank())
                .flatMap(header -> Arrays.stream(header.split(",", -1)))
                .map(String::trim)
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = parseHop(hops.get(i));
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** An address as proxies write it: bare, {@code v4:port}, {@code [v6]} or {@code [v6]:port}. */
    private static IpAddress parseHop(String hop) {
        String address = hop;
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            boolean portOk = close > 0 && (close == hop.length() - 1 || isPort(hop.substring(close + 1)));
            address = portOk ? hop.substring(1, close) : "";
        } else if (hop.indexOf(':') > 0 && hop.indexOf(':') == hop.lastIndexOf(':')) {
            int colon = hop.indexOf(':');
            address = isPort(hop.substring(colon)) ? hop.substring(0, colon) : "";
        }
        return IpAddress.tryParse(address).orElseThrow(() ->
                new UnauthenticatedException("a trusted proxy forwarded an unreadable X-Forwarded-For hop"));
    }

    private static boolean isPort(String colonAndDigits) {
        if (colonAndDigits.length() < 2 || colonAndDigits.length() > 6 || colonAndDigits.charAt(0) != ':'
                || !colonAndDigits.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(colonAndDigits.substring(1)) <= 65_535;
    }
}

package dev.keyward.domain.network;

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
     * @param peer the TCP peer
     * @param forwardedFor every {@code X-Forwarded-For} header value in order (each may be a comma list)
     */
    public IpAddress clientOf(IpAddress peer, List<String> forwardedFor) {
        IpAddress client = peer;
        if (!trusts(peer)) {
            return client;
        }
        List<String> hops = forwardedFor.stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(",")))
                .map(String::trim)
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = IpAddress.tryParse(hops.get(i));
            if (hop.isEmpty()) {
                // A hop we cannot read ends the walk: the last address a trusted proxy vouched for stands.
                return client;
            }
            client = hop.get();
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }
}

package dev.keyward.domain.network;

/**
 * A network in CIDR notation, IPv4 ({@code 10.0.0.0/8}) or IPv6 ({@code 2001:db8::/32}). Parsing
 * is strict: the prefix length is required and the address may not have host bits set, because a
 * block like {@code 10.1.2.3/8} nearly always hides a typo about which network was meant.
 */
public record CidrBlock(IpAddress network, int prefixLength) {

    public CidrBlock {
        if (prefixLength < 0 || prefixLength > network.bits()) {
            throw new IllegalArgumentException("prefix length must be 0 to " + network.bits());
        }
        IpAddress masked = mask(network, prefixLength);
        if (!masked.equals(network)) {
            throw new IllegalArgumentException("host bits are set; the network is " + masked + "/" + prefixLength);
        }
    }

    /** Parses {@code text}; the exception's message names the block and says what is wrong. */
    public static CidrBlock parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a CIDR block may not be null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block: add a prefix length, e.g. '"
                    + text + (text.indexOf(':') >= 0 ? "/128'" : "/32'"));
        }
        IpAddress address = IpAddress.tryParse(text.substring(0, slash)).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not a CIDR block: '" + text.substring(0, slash)
                        + "' is not an IPv4 or IPv6 address"));
        if (address.isIpv4() && text.lastIndexOf(':', slash) >= 0) {
            // Checked first: otherwise '::ffff:10.0.0.0/104' would be told its prefix exceeds 32.
            throw new IllegalArgumentException("'" + text + "' is an IPv4-mapped IPv6 block: write it as an IPv4 block");
        }
        int prefix = IpAddress.parseDecimal(text.substring(slash + 1), 3);
        if (prefix < 0 || prefix > address.bits()) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block: the prefix length must be 0 to " + address.bits());
        }
        IpAddress network = mask(address, prefix);
        if (!network.equals(address)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set: did you mean '" + network + "/" + prefix + "'?");
        }
        return new CidrBlock(address, prefix);
    }

    /** Whether every address of {@code other} is in this block. */
    public boolean contains(CidrBlock other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    public boolean contains(IpAddress address) {
        return address.bits() == network.bits() && mask(address, prefixLength).equals(network);
    }

    private static IpAddress mask(IpAddress address, int prefix) {
        if (address.isIpv4()) {
            long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return new IpAddress(32, 0, address.lo() & mask);
        }
        long hiMask = prefix >= 64 ? -1L : (prefix == 0 ? 0 : -1L << (64 - prefix));
        long loMask = prefix <= 64 ? 0 : (prefix == 128 ? -1L : -1L << (128 - prefix));
        return new IpAddress(128, address.hi() & hiMask, address.lo() & loMask);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}

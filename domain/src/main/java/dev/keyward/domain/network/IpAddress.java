package dev.keyward.domain.network;

import java.util.Optional;

/**
 * An IPv4 or IPv6 address as two 64-bit halves ({@code hi} is 0 for IPv4). Parsing is strict and
 * literal (never a DNS lookup): no leading zeros in IPv4 octets, no zone ids, at most one "::".
 * An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is normalised to its IPv4 form, so a peer the
 * socket reports as {@code ::ffff:127.0.0.1} matches {@code 127.0.0.0/8}.
 */
public record IpAddress(int bits, long hi, long lo) {

    public IpAddress {
        if (bits != 32 && bits != 128) {
            throw new IllegalArgumentException("an address has 32 or 128 bits, not " + bits);
        }
        if (bits == 32 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address out of range");
        }
        if (bits == 128 && hi == 0 && (lo >>> 32) == 0xFFFFL) {
            bits = 32;
            lo = lo & 0xFFFF_FFFFL;
        }
    }

    public boolean isIpv4() {
        return bits == 32;
    }

    /** Parses a literal address; throws {@link IllegalArgumentException} saying what is wrong. */
    public static IpAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address"));
    }

    public static Optional<IpAddress> tryParse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        long v4 = parseIpv4(text);
        return v4 < 0 ? Optional.empty() : Optional.of(new IpAddress(32, 0, v4));
    }

    /** From the raw bytes a socket reports (4 or 16 of them). */
    public static IpAddress ofBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return new IpAddress(32, 0, readLong(bytes, 0, 4));
        }
        if (bytes.length == 16) {
            return new IpAddress(128, readLong(bytes, 0, 8), readLong(bytes, 8, 8));
        }
        throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
    }

    private static long readLong(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = from; i < from + count; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    /** -1 when {@code text} is not exactly four decimal octets. */
    private static long parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            int octet = parseDecimal(part, 3);
            if (octet < 0 || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** A decimal of at most {@code maxDigits} digits without a leading zero, or -1. */
    static int parseDecimal(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Optional<IpAddress> parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        int[] headGroups = parseGroups(head, gap < 0);
        int[] tailGroups = parseGroups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return Optional.empty();
        }
        int given = headGroups.length + tailGroups.length;
        if (gap < 0 ? given != 8 : given > 7) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return Optional.of(new IpAddress(128, hi, lo));
    }

    /**
     * Colon-separated hex groups; the last may be a dotted IPv4 (counting as two groups) when
     * {@code mayEndInIpv4}. Returns null when malformed.
     */
    private static int[] parseGroups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        boolean endsInIpv4 = mayEndInIpv4 && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (endsInIpv4 ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (endsInIpv4 && i == parts.length - 1) {
                long v4 = parseIpv4(part);
                if (v4 < 0) {
                    return null;
                }
                groups[i] = (int) (v4 >>> 16);
                groups[i + 1] = (int) (v4 & 0xFFFF);
            } else {
                if (part.isEmpty() || part.length() > 4) {
                    return null;
                }
                int value = 0;
                for (int j = 0; j < part.length(); j++) {
                    int digit = Character.digit(part.charAt(j), 16);
                    if (digit < 0 || part.charAt(j) > 'f') {
                        return null;
                    }
                    value = (value << 4) | digit;
                }
                groups[i] = value;
            }
        }
        return groups;
    }

    /** RFC 5952 text: lower case, the longest run (2+) of zero groups compressed to "::". */
    @Override
    public String toString() {
        if (isIpv4()) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}

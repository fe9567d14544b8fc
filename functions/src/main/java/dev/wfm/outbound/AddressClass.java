package dev.wfm.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What kind of network an address belongs to. Only {@link #PUBLIC} is reachable by outbound calls
 * by default: every other kind is the inside of a deployment (its own host, the cloud's instance
 * metadata, the VPC, a carrier's NAT) or not a single host at all. IPv6 forms that carry an IPv4
 * address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::}) are judged by the IPv4 address they carry.
 */
public enum AddressClass {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    LINK_LOCAL("a link-local address (169.254.0.0/16 holds the cloud's instance metadata service)"),
    PRIVATE("a private network address"),
    SHARED("a carrier-grade NAT address (100.64.0.0/10)"),
    UNIQUE_LOCAL("a unique-local IPv6 address (fc00::/7)"),
    UNSPECIFIED("the unspecified address (0.0.0.0 or ::), which means this host"),
    MULTICAST("a multicast address"),
    RESERVED("a reserved or broadcast address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** For messages: "a loopback address". */
    public String description() {
        return description;
    }

    public static AddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet6Address ? ofIpv6(bytes) : ofIpv4(bytes);
    }

    private static AddressClass ofIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return UNSPECIFIED; // 0.0.0.0/8: "this network"
        }
        if (first == 127) {
            return LOOPBACK;
        }
        if (first == 10 || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168) {
            return PRIVATE;
        }
        if (first == 169 && second == 254) {
            return LINK_LOCAL;
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return SHARED;
        }
        if (first >= 224 && first <= 239) {
            return MULTICAST;
        }
        if (first >= 240) {
            return RESERVED; // 240.0.0.0/4 and the broadcast address
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            return ofIpv4(embedded);
        }
        int first = b[0] & 0xff;
        if (first == 0xff) {
            return MULTICAST;
        }
        if ((first & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL;
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return PRIVATE; // fec0::/10, the deprecated site-local range
        }
        boolean zeroUpTo15 = Arrays.equals(b, 0, 15, new byte[15], 0, 15);
        if (zeroUpTo15 && b[15] == 1) {
            return LOOPBACK;
        }
        if (zeroUpTo15 && b[15] == 0) {
            return UNSPECIFIED;
        }
        return PUBLIC;
    }

    /** The IPv4 address an IPv6 address carries, or null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroUpTo10 = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeroUpTo10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroUpTo10 && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 6to4
        }
        return null;
    }
}

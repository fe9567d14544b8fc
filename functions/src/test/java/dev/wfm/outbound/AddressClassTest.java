package dev.wfm.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK", "127.0.0.2, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
            "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
            "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE", "fec0::1, PRIVATE",
            "100.64.0.1, SHARED", "100.127.255.255, SHARED",
            "fc00::1, UNIQUE_LOCAL", "fd12:3456:789a::1, UNIQUE_LOCAL",
            "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
            "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST",
            "240.0.0.1, RESERVED", "255.255.255.255, RESERVED",
            "8.8.8.8, PUBLIC", "172.15.255.255, PUBLIC", "172.32.0.1, PUBLIC", "100.63.255.255, PUBLIC",
            "100.128.0.1, PUBLIC", "169.253.255.255, PUBLIC", "192.167.1.1, PUBLIC", "2606:4700::1111, PUBLIC",
            "::ffff:8.8.8.8, PUBLIC"})
    void addressesAreClassified(String address, AddressClass expected) throws Exception {
        assertEquals(expected, AddressClass.of(InetAddress.getByName(address)));
    }

    /** The JDK turns these into IPv4 when parsing text; an address from DNS or a socket can still be IPv6. */
    @ParameterizedTest(name = "{0} carries {1}")
    @CsvSource({
            "00000000000000000000ffff7f000001, LOOPBACK",
            "00000000000000000000ffffa9fea9fe, LINK_LOCAL",
            "00000000000000000000ffff0a000001, PRIVATE",
            "0000000000000000000000007f000001, LOOPBACK",
            "0064ff9b0000000000000000a9fea9fe, LINK_LOCAL",
            "20020a00000100000000000000000000, PRIVATE",
            "20020808080800000000000000000000, PUBLIC",
    })
    void ipv6FormsCarryingAnIpv4AddressAreJudgedByIt(String hex, AddressClass expected) throws Exception {
        InetAddress address = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);
        assertEquals(expected, AddressClass.of(address), address.getHostAddress());
    }
}

package nl.vindplaats.outbound;

import nl.vindplaats.base.AddressBlock;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses a URL given to us may not lead to: every range of IANA's IPv4 and IPv6 special-purpose address
 * registries that is not globally reachable, the IPv6 forms that carry an IPv4 address inside (IPv4-mapped and
 * -compatible, NAT64, 6to4, Teredo), and the host's own interface addresses.
 */
public final class SpecialAddresses {
    /** One range: its prefix and a name for messages. */
    private record Range(AddressBlock block, String name) {
        boolean contains(byte[] address) {
            return block.contains(address);
        }
    }

    private static final List<Range> V4 = List.of(
            range("0.0.0.0/8", "'this network'"),
            range("10.0.0.0/8", "private (RFC 1918)"),
            range("100.64.0.0/10", "carrier-grade NAT"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local"),
            range("172.16.0.0/12", "private (RFC 1918)"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation"),
            range("192.88.99.0/24", "6to4 relay anycast"),
            range("192.168.0.0/16", "private (RFC 1918)"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("224.0.0.0/4", "multicast"),
            range("255.255.255.255/32", "broadcast"),
            range("240.0.0.0/4", "reserved"));

    private static final List<Range> V6 = List.of(
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("::/96", "IPv4-compatible"),
            range("64:ff9b::/96", "NAT64"),
            range("64:ff9b:1::/48", "local-use NAT64"),
            range("100::/64", "discard-only"),
            range("2001::/23", "IETF protocol assignments"),
            range("2001:db8::/32", "documentation"),
            range("3fff::/20", "documentation"),
            range("5f00::/16", "segment routing"),
            range("fc00::/7", "unique local"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local"),
            range("ff00::/8", "multicast"));

    private static final Range TEREDO = range("2001::/32", "Teredo");
    private static final Range SIX_TO_FOUR = range("2002::/16", "6to4");

    private SpecialAddresses() {
    }

    /**
     * Why an address may not be reached, or null when it may. Teredo and 6to4 addresses are judged by the IPv4
     * address they carry; an IPv4-mapped address is an IPv4 address ({@link InetAddress} reads it so).
     */
    public static String refusal(InetAddress address, Set<InetAddress> ownAddresses) {
        if (ownAddresses.contains(address)) {
            return "an address of this host";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return named(V4, b);
        }
        if (address instanceof Inet6Address) {
            if (TEREDO.contains(b)) {
                // RFC 4380: the client's IPv4 address is the last 32 bits, inverted; the server's is bits 32-63.
                byte[] client = new byte[4];
                for (int i = 0; i < 4; i++) {
                    client[i] = (byte) ~b[12 + i];
                }
                String inside = embedded(client, ownAddresses);
                return inside != null ? "Teredo carrying " + inside : embedded(slice(b, 4), ownAddresses) != null
                        ? "Teredo via " + embedded(slice(b, 4), ownAddresses) : null;
            }
            if (SIX_TO_FOUR.contains(b)) {
                String inside = embedded(slice(b, 2), ownAddresses);
                return inside == null ? null : "6to4 carrying " + inside;
            }
            if (isMapped(b)) {
                String inside = embedded(slice(b, 12), ownAddresses);
                return inside == null ? null : "IPv4-mapped " + inside;
            }
            return named(V6, b);
        }
        return "not an IP address";
    }

    /** The addresses of this host's interfaces, read now (interfaces come and go). */
    public static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    own.add(a instanceof Inet6Address v6 && v6.getScopeId() != 0
                            ? InetAddress.getByAddress(v6.getAddress()) : a);
                }
            }
        } catch (SocketException | UnknownHostException e) {
            // none known: the ranges above still hold
        }
        return own;
    }

    private static String embedded(byte[] v4, Set<InetAddress> own) {
        try {
            InetAddress inside = InetAddress.getByAddress(v4);
            String why = own.contains(inside) ? "an address of this host" : named(V4, v4);
            return why == null ? null : inside.getHostAddress() + " (" + why + ")";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static byte[] slice(byte[] b, int from) {
        return java.util.Arrays.copyOfRange(b, from, from + 4);
    }

    private static String named(List<Range> ranges, byte[] b) {
        for (Range r : ranges) {
            if (r.contains(b)) {
                return r.name();
            }
        }
        return null;
    }

    private static Range range(String cidr, String name) {
        int slash = cidr.indexOf('/');
        try {
            return new Range(new AddressBlock(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                    Integer.parseInt(cidr.substring(slash + 1))), name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}

package nl.vindplaats.http;

import nl.vindplaats.base.AddressBlock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose word on the client's address is taken ({@code --trusted-proxies}). A request that
 * arrives from one of them names its client in {@code Forwarded} (RFC 7239) or else {@code X-Forwarded-For};
 * read right to left, the first address that is not itself a trusted proxy is the client. A request from any
 * other address is from its socket address, whatever it claims: otherwise every client could choose the address
 * it is rate-limited and audited under.
 */
public final class TrustedProxies {
    private static final Pattern FORWARDED_FOR = Pattern.compile("(?i)(?:^|[;,\\s])for=(\"[^\"]*\"|[^;,\\s]*)");

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<AddressBlock> ranges;

    private TrustedProxies(List<AddressBlock> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** From CIDRs such as {@code 10.0.0.0/8}, {@code 192.168.1.7} or {@code fd00::/8}; refuses anything else. */
    public static TrustedProxies of(List<String> cidrs) {
        List<AddressBlock> ranges = new ArrayList<>();
        for (String raw : cidrs) {
            String cidr = raw.strip();
            if (cidr.isEmpty()) {
                continue;
            }
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] prefix = literal(host);
            if (prefix == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + cidr);
            }
            int bits;
            try {
                bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR: " + cidr);
            }
            if (bits < 0 || bits > prefix.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + cidr);
            }
            ranges.add(new AddressBlock(prefix, bits));
        }
        return new TrustedProxies(ranges);
    }

    /** The client's address: from the forwarding headers when the socket peer is a trusted proxy. */
    public String clientAddress(String socketAddress, String forwarded, String xForwardedFor) {
        if (ranges.isEmpty() || !trusted(socketAddress)) {
            return socketAddress;
        }
        List<String> chain = new ArrayList<>();
        if (forwarded != null && !forwarded.isBlank()) {
            Matcher m = FORWARDED_FOR.matcher(forwarded);
            while (m.find()) {
                chain.add(forwardedNode(m.group(1)));
            }
        } else if (xForwardedFor != null && !xForwardedFor.isBlank()) {
            for (String hop : xForwardedFor.split(",")) {
                chain.add(hop.strip());
            }
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (literal(hop) == null) {
                return socketAddress; // "unknown", an obfuscated name or garbage: no address to go by
            }
            if (!trusted(hop) || i == 0) {
                return hop;
            }
        }
        return socketAddress;
    }

    private boolean trusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** RFC 7239 node: {@code "[2001:db8::1]:4711"}, {@code 192.0.2.43:80} or {@code 192.0.2.43}; the address. */
    private static String forwardedNode(String value) {
        String node = value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                ? value.substring(1, value.length() - 1) : value;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close < 0 ? node : node.substring(1, close);
        }
        int colon = node.indexOf(':');
        return colon >= 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
    }

    /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
    private static byte[] literal(String text) {
        if (text == null || !text.matches("[0-9a-fA-F:.]+") || !(text.contains(".") || text.contains(":"))) {
            return null;
        }
        if (!text.contains(":") && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

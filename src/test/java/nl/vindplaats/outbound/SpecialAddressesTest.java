package nl.vindplaats.outbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every special-purpose range is refused; public addresses, also inside 6to4 and Teredo, are not. */
class SpecialAddressesTest {
    private static final String OWN = "145.21.0.99";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // address, refused because (a word of the reason), or empty when it may be reached
            "127.0.0.1, loopback", "10.1.2.3, private", "172.16.0.1, private", "192.168.1.1, private",
            "169.254.169.254, link-local", "100.64.0.1, carrier-grade", "0.0.0.0, this network",
            "198.18.0.1, benchmarking", "198.19.255.255, benchmarking", "192.0.0.8, protocol assignments",
            "192.0.2.1, documentation", "240.0.0.1, reserved", "255.255.255.255, broadcast",
            "224.0.0.1, multicast", "239.255.255.250, multicast",
            "::1, loopback", "::, unspecified", "fe80::1, link-local", "fd00::1, unique local",
            "fec0::1, site-local", "ff02::1, multicast",
            "64:ff9b::a00:1, NAT64", "64:ff9b::808:808, NAT64", "64:ff9b:1::1, NAT64",
            "::10.0.0.1, IPv4-compatible", "::8.8.8.8, IPv4-compatible",
            "::ffff:127.0.0.1, loopback", "::ffff:10.0.0.1, private", "::ffff:169.254.169.254, link-local",
            "2002:0a00:0001::1, 6to4 carrying 10.0.0.1", "2002:7f00:0001::1, 6to4 carrying 127.0.0.1",
            "2002:c0a8:0101::1, 6to4 carrying 192.168.1.1",
            "2001:0:4136:e378:8000:63bf:f5ff:fffe, Teredo carrying 10.0.0.1",
            "2001:0:0a00:0001:8000:63bf:f7f7:f7f7, Teredo via 10.0.0.1",
            "2001:db8::1, documentation", "100::1, discard",
            "145.21.0.99, this host",
            "8.8.8.8, ''", "145.21.0.1, ''", "2001:4860:4860::8888, ''", "::ffff:8.8.8.8, ''",
            "2002:0808:0808::1, ''", "2001:0:4136:e378:8000:63bf:f7f7:f7f7, ''"
    })
    void refusesEverySpecialPurposeRange(String address, String reason) throws Exception {
        String refusal = SpecialAddresses.refusal(InetAddress.getByName(address), Set.of(InetAddress.getByName(OWN)));
        if (reason.isEmpty()) {
            assertThat(refusal).as(address).isNull();
        } else {
            assertThat(refusal).as(address).isNotNull().contains(reason);
        }
    }
}

package nl.vindplaats.http;

import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.7"));

    @Test
    void forwardingHeadersCountOnlyFromTrustedProxies() {
        assertThat(PROXIES.clientAddress("198.51.100.1", null, "1.2.3.4")).as("untrusted peer").isEqualTo("198.51.100.1");
        assertThat(TrustedProxies.NONE.clientAddress("10.0.0.1", null, "1.2.3.4")).isEqualTo("10.0.0.1");
        assertThat(PROXIES.clientAddress("10.0.0.1", null, "1.2.3.4")).isEqualTo("1.2.3.4");
        assertThat(PROXIES.clientAddress("10.0.0.1", null, "6.6.6.6, 1.2.3.4, 10.9.9.9"))
                .as("the rightmost address that is no trusted proxy; what the client wrote left of it is ignored")
                .isEqualTo("1.2.3.4");
        assertThat(PROXIES.clientAddress("192.0.2.7", "for=\"[2001:db8::5]:4711\";proto=https, for=10.1.1.1", null))
                .isEqualTo("2001:db8::5");
        assertThat(PROXIES.clientAddress("fd00::1", "For=203.0.113.9:80", "1.1.1.1")).as("Forwarded wins")
                .isEqualTo("203.0.113.9");
        assertThat(PROXIES.clientAddress("10.0.0.1", "for=unknown", null)).isEqualTo("10.0.0.1");
        assertThat(PROXIES.clientAddress("10.0.0.1", null, "evil.example.org")).isEqualTo("10.0.0.1");
        assertThat(PROXIES.clientAddress("10.0.0.1", null, null)).isEqualTo("10.0.0.1");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.example"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAddressLimitGoesByTheClientAndSparesHealthAndMetrics() {
        try (TestService direct = TestService.start(TestService.Store.SQLITE, c -> c.with(c.server().withRateLimits(0, 3)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(direct.get("/waardelijsten/v1/lists", "X-Forwarded-For", "1.2.3." + i).statusCode())
                        .isEqualTo(200);
            }
            assertThat(direct.get("/waardelijsten/v1/lists", "X-Forwarded-For", "9.9.9.9").statusCode())
                    .as("an untrusted peer cannot choose its address").isEqualTo(429);
            for (int i = 0; i < 10; i++) {
                assertThat(direct.get("/health").statusCode()).as("health while limited").isIn(200, 503);
                assertThat(direct.get("/health/ready").statusCode()).isIn(200, 503);
                assertThat(direct.get("/metrics").statusCode()).isEqualTo(200);
            }
        }
        try (TestService proxied = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.server().withRateLimits(0, 3).withTrustedProxies(List.of("127.0.0.0/8", "::1"))))) {
            for (int i = 0; i < 3; i++) {
                assertThat(proxied.get("/waardelijsten/v1/lists", "X-Forwarded-For", "1.2.3.4").statusCode())
                        .isEqualTo(200);
            }
            assertThat(proxied.get("/waardelijsten/v1/lists", "X-Forwarded-For", "1.2.3.4").statusCode()).isEqualTo(429);
            assertThat(proxied.get("/waardelijsten/v1/lists", "Forwarded", "for=5.6.7.8").statusCode())
                    .as("another client behind the proxy has its own budget").isEqualTo(200);
        }
    }
}

package nl.vindplaats.register;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection goes to the address that was resolved and checked, not to a second answer. */
class DnsRebindingTest {
    @Test
    void connectsToTheAddressItCheckedWhateverTheNameResolvesToLater() throws Exception {
        try (SpecServer specs = new SpecServer()) {
            specs.serve("/openapi.json", "application/json", SpecServer.goodSpec("1.0.0", "https://a.example/v1"));
            int port = URI.create(specs.url("/openapi.json")).getPort();
            AtomicInteger lookups = new AtomicInteger();
            // First the address where the document is; every later lookup an address where nothing listens.
            SpecFetcher.Resolver rebinding = host -> List.of(InetAddress.getByName(
                    lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2"));
            SpecFetcher fetcher = new SpecFetcher(RegisterSettings.defaults().withAllowPrivateAddresses(true), rebinding);
            try {
                SpecFetcher.Outcome outcome = fetcher.fetch("http://specs.rebinding.test:" + port + "/openapi.json");
                assertThat(outcome).isInstanceOf(SpecFetcher.Fetched.class);
                assertThat(new String(((SpecFetcher.Fetched) outcome).bytes())).contains("Afvalkalender");
                assertThat(lookups.get()).as("resolved once per hop").isEqualTo(1);
            } finally {
                fetcher.close();
            }
        }
    }

    @Test
    void aNameThatResolvesToAnInternalAddressIsRefusedBeforeAnyConnection() {
        AtomicInteger lookups = new AtomicInteger();
        SpecFetcher.Resolver internal = host -> {
            lookups.incrementAndGet();
            return List.of(InetAddress.getByName("64:ff9b::a9fe:a9fe")); // NAT64 for 169.254.169.254
        };
        SpecFetcher fetcher = new SpecFetcher(RegisterSettings.defaults(), internal);
        try {
            SpecFetcher.Outcome outcome = fetcher.fetch("http://metadata.rebinding.test/latest");
            assertThat(outcome).isInstanceOf(SpecFetcher.Failed.class);
            assertThat(((SpecFetcher.Failed) outcome).reason()).contains("internal address", "NAT64");
            assertThat(lookups.get()).isEqualTo(1);
        } finally {
            fetcher.close();
        }
    }
}

package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Nodes sharing one PostgreSQL keep their own index current from the change log. */
class SeveralNodesTest {

    @Test
    void eachNodeFindsWhatAnyNodeWrote() throws InterruptedException {
        TestService first = TestService.start(TestService.Store.POSTGRES);
        TestService second = first.anotherNode();
        try {
            first.createOrganisation("proef-zwaluwstaart", "Proefgemeente Zwaluwstaart");
            second.createOrganisation("proef-kievitsbloem", "Proefgemeente Kievitsbloem");

            assertThat(eventually(() -> total(second, "zwaluwstaart"))).isEqualTo(1);
            assertThat(eventually(() -> total(first, "kievitsbloem"))).isEqualTo(1);
            assertThat(second.get("/platform/v1/organisations/proef-zwaluwstaart").statusCode()).isEqualTo(200);

            String body = "{\"name\":\"Proefgemeente Zwaluwstaart (gewijzigd)\",\"slug\":\"proef-zwaluwstaart\"}";
            assertThat(second.put("/platform/v1/organisations/proef-zwaluwstaart", body,
                    "X-API-Key", second.adminToken(), "If-Match", "\"1\"").statusCode()).isEqualTo(200);
            assertThat(first.put("/platform/v1/organisations/proef-zwaluwstaart", body,
                    "X-API-Key", first.adminToken(), "If-Match", "\"1\"").statusCode())
                    .as("a version read on one node is stale on every node").isEqualTo(409);
            assertThat(eventually(() -> total(first, "gewijzigd"))).isEqualTo(1);
        } finally {
            second.destroy();
            first.destroy();
        }
    }

    private static long total(TestService node, String words) {
        JsonNode found = TestService.json(node.get("/platform/v1/organisations?q=" + words));
        return found.path("total").asLong();
    }

    private static long eventually(Supplier<Long> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        long value = probe.get();
        while (value == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            value = probe.get();
        }
        return value;
    }
}

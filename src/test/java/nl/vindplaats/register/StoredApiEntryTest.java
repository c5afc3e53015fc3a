package nl.vindplaats.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stored form of an API entry ({@link StoredApiEntry}) is the one earlier releases wrote: the fixture holds the
 * bodies the release before it (Jackson rendering the record) stored for {@link StoredApiEntrySamples}, and data
 * directories hold such bodies.
 */
class StoredApiEntryTest {
    private static final Path FIXTURE = Path.of("src/test/resources/register/stored-api-entries.json");

    /** As text, written as the fixture was: a number stored as 1E+2 reads back as 100.0, so trees would not tell. */
    @Test
    void everyEntryIsStoredAsTheEarlierReleaseStoredIt() throws IOException {
        List<ApiEntry> samples = StoredApiEntrySamples.all();
        assertThat(samples).hasSize(86);
        assertThat(asFixture(samples.stream().map(StoredApiEntry::body).toList()))
                .isEqualTo(Files.readString(FIXTURE));
    }

    @Test
    void everyStoredBodyReadsBackAsTheEntryItWas() throws IOException {
        List<ApiEntry> samples = StoredApiEntrySamples.all();
        List<ObjectNode> stored = fixture();
        List<ObjectNode> again = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            ApiEntry read = StoredApiEntry.entry(stored.get(i));
            // The uptime guarantee is a JSON number: 100 comes back as 100.0.
            assertThat(read).as(samples.get(i).id()).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(samples.get(i));
            again.add(StoredApiEntry.body(read));
        }
        assertThat(asFixture(again)).isEqualTo(Files.readString(FIXTURE));
    }

    @Test
    void aBodyThatIsNoEntryIsRefusedWithWhatIsWrong() {
        ObjectNode body = (ObjectNode) Json.read("{\"id\":\"x\",\"specification\":{\"checkedAt\":\"gisteren\"}}");
        assertThatThrownBy(() -> StoredApiEntry.entry(body)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored api entry does not read back").hasMessageContaining("checkedAt");
    }

    private static String asFixture(List<ObjectNode> bodies) throws IOException {
        ArrayNode array = Json.MAPPER.createArrayNode();
        bodies.forEach(array::add);
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
    }

    private static List<ObjectNode> fixture() throws IOException {
        List<ObjectNode> bodies = new ArrayList<>();
        for (JsonNode body : Json.MAPPER.readTree(FIXTURE.toFile())) {
            bodies.add((ObjectNode) body);
        }
        return bodies;
    }
}

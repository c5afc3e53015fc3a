package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.documents.diwoo.DiwooSitemapReaderTest;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.FixtureBodies;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document's stored body ({@link StoredPublication}) on real data: PLOOI's example delivery, every version of every
 * document in the upgrade fixture (bodies of the earlier layout, as an earlier build stored them) and what a DiWoo
 * harvest reads. PLOOI's metadata document comes back out of the stored body exactly, key order included; the body
 * names nothing by PLOOI's names outside {@code extras.plooi}; a body of the earlier layout is rewritten without losing
 * a fact.
 */
class StoredPublicationTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final StoredPublication.Version FIRST = new StoredPublication.Version(1L, Documents.DELIVERY, AT,
            "session", null);

    @Test
    void deliveredMetadataComesBackOutOfTheStoredBodyAsTheSameJson() {
        for (ObjectNode metadata : samples()) {
            assertThat(Json.write(throughStore(metadata).plooiMetadata())).isEqualTo(Json.write(metadata));
        }
    }

    @Test
    void metadataInAClientsOwnOrderComesBackInThatOrder() {
        for (ObjectNode metadata : samples()) {
            ObjectNode reversed = reversed(metadata);
            assertThat(Json.write(reversed)).isNotEqualTo(Json.write(metadata));
            assertThat(Json.write(throughStore(reversed).plooiMetadata())).isEqualTo(Json.write(reversed));
        }
    }

    @Test
    void aDeliveryStoresWhatThePlooiApiAnsweredWithBefore() {
        ObjectNode example = reversed(example()); // a client with its own order
        StoredPublication delivered = PublicationDeliveries.delivered(example, "https://example.org/pid/1", AT, null,
                "s");
        ObjectNode answered = PlooiMetadataMapping.throughModel(example, "https://example.org/pid/1",
                PublicationDeliveries.day(AT));
        assertThat(Json.write(read(delivered.body()).plooiMetadata())).isEqualTo(Json.write(answered));
    }

    @Test
    void theStoredBodyNamesNothingByPlooisNamesOutsideItsPlooiExtras() {
        Set<String> plooiNames = new TreeSet<>(List.of("zichtbaarVanaf", "versie", "nummer", "oorzaak", "datumtijd",
                "procesId", PublicationVersion.REASON, "bestand", "mimeType", "ontvangen", "bestandsnaam", "tekst",
                "paginas", "tekens", "verwerkt", "reden", "inhoud", "oogst"));
        samples().forEach(metadata -> keys(metadata, plooiNames));
        Set<String> modelNames = new TreeSet<>();
        for (ObjectNode metadata : samples()) {
            keys(StoredMetadata.json(PlooiMetadataMapping.read(metadata).metadata()), modelNames);
        }
        plooiNames.removeAll(modelNames); // the names PLOOI and the model share (publisher, identifiers, language …)
        assertThat(plooiNames).contains("document", "titelcollectie", "officieleTitel", "classificatiecollectie",
                "verantwoordelijke", "openbaarmakingsdatum", "documenthandelingen");

        List<ObjectNode> bodies = new ArrayList<>();
        samples().forEach(metadata -> bodies.add(full(throughStore(reversed(metadata))).body()));
        FixtureBodies.of(Documents.KIND).forEach(old -> bodies.add(StoredPublication.LAYOUT.upgrade(record(old))));
        for (ObjectNode body : bodies) {
            ObjectNode outsideExtras = body.deepCopy();
            outsideExtras.remove("extras");
            Set<String> names = new TreeSet<>();
            keys(outsideExtras, names);
            assertThat(names).as(Json.write(body)).doesNotContainAnyElementsOf(plooiNames);
            assertThat(body.path("extras").size()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void everyDocumentBodyOfTheEarlierLayoutIsRewrittenWithoutLosingAFact() {
        List<ObjectNode> old = FixtureBodies.of(Documents.KIND);
        assertThat(old).hasSizeGreaterThan(10);
        assertThat(old).anyMatch(b -> b.has("bestand")).anyMatch(b -> b.has("tekst"))
                .anyMatch(b -> b.has("zichtbaarVanaf")).anyMatch(b -> b.path("versie").has(PublicationVersion.REASON));
        for (ObjectNode body : old) {
            assertThat(StoredPublication.LAYOUT.isCurrent(body)).isFalse();
            ObjectNode upgraded = StoredPublication.LAYOUT.upgrade(record(body));
            assertThat(StoredPublication.LAYOUT.isCurrent(upgraded)).isTrue();
            StoredPublication now = read(upgraded);
            assertThat(now).isEqualTo(StoredPublication.of(body));
            assertThat(Json.read(Json.write(earlierLayout(now)))).isEqualTo(body);
            assertThat(Json.write(now.plooiMetadata())).isEqualTo(Json.write(body.get("metadata")));
        }
    }

    @Test
    void aHarvestedDocumentKeepsItsMarksFileAndTextThroughTheStore() {
        StoredPublication harvested = full(throughStore(harvested())).withHarvest(new StoredPublication.HarvestMarks(
                "bron-1", "https://example.org/sitemap.xml", "guid-1", "https://example.org/doc.pdf", "abc",
                "2024-01-01", "\"etag\"", "Mon, 01 Jan 2024 00:00:00 GMT"));
        assertThat(read(harvested.body())).isEqualTo(harvested);
        assertThat(read(harvested.withFile(null).withText(null).withHarvest(null).withVisibleFrom(null).body()))
                .isEqualTo(harvested.withFile(null).withText(null).withHarvest(null).withVisibleFrom(null));
    }

    // --- helpers ---

    /** The metadata as version 1 stores it, and read back from the body's JSON text. */
    private static StoredPublication throughStore(ObjectNode metadata) {
        return read(StoredPublication.delivered(metadata.deepCopy(), Documents.PUBLISHED, null, FIRST).body());
    }

    private static StoredPublication read(ObjectNode body) {
        return StoredPublication.of((ObjectNode) Json.read(Json.write(body)));
    }

    /** With everything a body can hold beside its metadata. */
    private static StoredPublication full(StoredPublication p) {
        return p.withVisibleFrom(AT.plusSeconds(60))
                .withVersion(new StoredPublication.Version(2L, Documents.CHANGE, AT, "s2",
                        new PublicationMetadata.Concept("https://identifier.overheid.nl/tooi/def/thes/kern/c_098c1346",
                                "correctie")))
                .withFile(new StoredPublication.StoredFile("0".repeat(64), 1234, PublicationFile.PDF, AT, "brief.pdf"))
                .withText(new StoredPublication.ExtractedText(TextExtraction.DONE, "0".repeat(64), 3, 4567, AT, null,
                        "de tekst"));
    }

    /** The body as the earlier layout wrote it, from what was read of it: the test of "nothing lost". */
    private static ObjectNode earlierLayout(StoredPublication p) {
        ObjectNode body = Json.object();
        body.set("metadata", p.plooiMetadata());
        body.put("publisher", p.publisher());
        p.identifiers().forEach(body.putArray("identifiers")::add);
        Json.putPresent(body, "status", p.status());
        if (p.visibleFrom() != null) {
            body.put("zichtbaarVanaf", p.visibleFrom().toString());
        }
        if (p.version() != null) {
            ObjectNode v = body.putObject("versie");
            if (p.version().number() != null) {
                v.put("nummer", p.version().number());
            }
            Json.putPresent(v, PublicationVersion.CAUSE, p.version().cause());
            Json.putPresent(v, "datumtijd", p.version().at() == null ? null : p.version().at().toString());
            Json.putPresent(v, "procesId", p.version().session());
            if (p.version().reason() != null) {
                ObjectNode reason = v.putObject(PublicationVersion.REASON);
                Json.putPresent(reason, "id", p.version().reason().uri());
                Json.putPresent(reason, "label", p.version().reason().label());
            }
        }
        if (p.file() != null) {
            ObjectNode f = body.putObject("bestand").put("sha256", p.file().sha256()).put("size", p.file().size());
            Json.putPresent(f, "mimeType", p.file().mediaType());
            Json.putPresent(f, "ontvangen", p.file().received() == null ? null : p.file().received().toString());
            Json.putPresent(f, "bestandsnaam", p.file().name());
        }
        if (p.text() != null) {
            StoredPublication.ExtractedText t = p.text();
            ObjectNode json = body.putObject("tekst");
            Json.putPresent(json, "status", t.status());
            Json.putPresent(json, "bestand", t.file());
            if (t.pages() != null) {
                json.put("paginas", t.pages());
            }
            if (t.characters() != null) {
                json.put("tekens", t.characters());
            }
            Json.putPresent(json, "verwerkt", t.processed() == null ? null : t.processed().toString());
            Json.putPresent(json, "reden", t.reason());
            Json.putPresent(json, "inhoud", t.content());
        }
        if (p.harvest() != null) {
            body.set("oogst", Json.MAPPER.valueToTree(p.harvest()));
        }
        return body;
    }

    private static StoredRecord record(ObjectNode body) {
        return new StoredRecord(Documents.KIND, "id", null, 1, "org", Documents.PUBLISHED, AT, AT, body);
    }

    private static void keys(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                into.add(e.getKey());
                keys(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(item -> keys(item, into));
        }
    }

    /** The same JSON with every object's keys in reverse order. */
    private static ObjectNode reversed(ObjectNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
        Collections.reverse(entries);
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : entries) {
            out.set(e.getKey(), reversedValue(e.getValue()));
        }
        return out;
    }

    private static JsonNode reversedValue(JsonNode value) {
        if (value instanceof ObjectNode object) {
            return reversed(object);
        }
        if (value.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            value.forEach(item -> out.add(reversedValue(item)));
            return out;
        }
        return value;
    }

    /** PLOOI's example, the metadata of every document version in the upgrade fixture, a DiWoo harvest's entry. */
    private static List<ObjectNode> samples() {
        List<ObjectNode> samples = new ArrayList<>();
        samples.add(example());
        FixtureBodies.of(Documents.KIND).forEach(b -> samples.add((ObjectNode) b.get("metadata")));
        samples.add(harvested());
        return samples;
    }

    private static ObjectNode harvested() {
        try {
            MetadataValidator.Result result = new MetadataValidator(ValueLists.shared().join())
                    .validateHarvested(DiwooSitemapReaderTest.minvwsMetadata());
            assertThat(result.errors()).isEmpty();
            return result.metadata();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode example() {
        try (InputStream in = StoredPublicationTest.class.getClassLoader()
                .getResourceAsStream("plooi/metadata-example.json")) {
            return (ObjectNode) Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

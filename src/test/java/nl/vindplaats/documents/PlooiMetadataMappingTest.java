package nl.vindplaats.documents;

import nl.vindplaats.documents.diwoo.DiwooMapping;
import nl.vindplaats.documents.diwoo.DiwooSitemapReaderTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.FixtureBodies;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PLOOI's metadata → {@link PublicationMetadata} → PLOOI's metadata, on real metadata: PLOOI's own example delivery,
 * every version of every document in the upgrade fixture (stored by an earlier build) and what a DiWoo harvest reads
 * from open.minvws.nl's sitemap. Nothing is lost or changed. PLOOI's schema does not fix the order of an object's
 * fields; the writer keeps the schema's, which is the order of PLOOI's example and of what deliveries stored, and
 * what a delivery stores keeps its client's order ({@link PlooiMetadataMapping#throughModel}).
 */
class PlooiMetadataMappingTest {

    @Test
    void everySampleSurvivesMetadataToModelToMetadata() {
        List<ObjectNode> samples = samples();
        assertThat(samples).hasSize(16);
        for (ObjectNode stored : samples) {
            PlooiMetadataMapping.Read read = PlooiMetadataMapping.read(stored.deepCopy());
            assertThat(PlooiMetadataMapping.write(read.metadata(), read.extras())).isEqualTo(stored);
        }
    }

    /** PLOOI's example and what deliveries stored are in the schema's order; the DiWoo reader has its own. */
    @Test
    void metadataInTheOrderOfPlooisSchemaComesBackInThatOrder() {
        List<ObjectNode> delivered = samples().subList(0, 15);
        for (ObjectNode stored : delivered) {
            PlooiMetadataMapping.Read read = PlooiMetadataMapping.read(stored.deepCopy());
            ObjectNode written = PlooiMetadataMapping.write(read.metadata(), read.extras());
            assertThat(Json.write(written)).isEqualTo(Json.write(stored));
        }
    }

    @Test
    void theModelHasAPlaceForEveryFieldOfTheSamples() {
        for (ObjectNode stored : samples()) {
            assertThat(PlooiMetadataMapping.read(stored).extras()).as(Json.write(stored)).isEmpty();
        }
    }

    @Test
    void theModelHoldsTheExampleDeliveryFieldByField() {
        PublicationMetadata m = PlooiMetadataMapping.read(example()).metadata();
        String denHaag = "https://identifier.overheid.nl/tooi/id/gemeente/gm0518";
        assertThat(m.created()).isEqualTo("2022-04-01");
        assertThat(m.publisher()).isEqualTo(new PublicationMetadata.Concept(denHaag, "gemeente Den Haag"));
        assertThat(m.responsible()).isEqualTo(m.publisher());
        assertThat(m.author()).isEqualTo(new PublicationMetadata.Concept("https://www.koopoverheid.nl/", "KOOP"));
        assertThat(m.authorName()).isEqualTo("Klaas");
        assertThat(m.identifiers()).containsExactly(
                "https://documenten.denhaag.nl/documenten/doc-123e4567-e89b-12d3-a456-426614174777");
        assertThat(m.language().uri()).isEqualTo("http://publications.europa.eu/resource/authority/language/NLD");
        assertThat(m.titles()).isEqualTo(new PublicationMetadata.Titles("Kapvergunning voor Dorpsstraat 16",
                List.of("Kapvergunning"), List.of("Vergunning om te kappen")));
        assertThat(m.descriptions()).containsExactly("Kapvergunning verleend aan bewoners van Dorpsstaat 16");
        assertThat(m.documentTypes()).containsExactly(new PublicationMetadata.Concept(
                "https://identifier.overheid.nl/tooi/def/thes/kern/c_8ec8e5e7", "aanvraag ex art. 4.1 Woo"));
        assertThat(m.themes()).containsExactly(new PublicationMetadata.Concept(
                "https://identifier.overheid.nl/tooi/def/thes/top/c_d96f9cd3", "afval"));
        assertThat(m.informationCategories()).isEmpty();
        assertThat(m.format().label()).isEqualTo("PDF");
        assertThat(m.subjects()).containsExactly("Verlenen van een kapvergunning");
        assertThat(m.aggregationKey()).isEqualTo("Kapvergunningen");
        assertThat(m.actions()).containsExactly(new PublicationMetadata.Action(new PublicationMetadata.Concept(
                "https://identifier.overheid.nl/tooi/def/thes/kern/c_e1ec050e", "ondertekening"),
                "2022-08-24T14:15:22Z",
                new PublicationMetadata.Concept("https://identifier.overheid.nl/tooi/id/col/col01", "Overheid")));
        assertThat(m.validity()).isEqualTo(new PublicationMetadata.Period("2022-08-24T14:15:22Z",
                "2022-09-24T14:15:22Z"));
        assertThat(m.webLocation()).isEqualTo(
                "https://open.overheid.nl/documenten/396a210e-a9b1-401d-a562-1f579ff1d013");
        assertThat(m.extraMetadata()).containsExactly(new PublicationMetadata.ExtraMetadata(
                "https://denhaag.nl/concepten", List.of(new PublicationMetadata.Field("isVerwerkt", List.of("waarden")))));
        assertThat(m.pid()).isNull();
        assertThat(m.published()).isNull();
        assertThat(m.relation()).isNull();
    }

    @Test
    void aStoredVersionHoldsItsPidDayCategoryAndRelationInTheModel() {
        List<PublicationMetadata> stored = FixtureBodies.of("document").stream()
                .map(b -> PlooiMetadataMapping.read((ObjectNode) b.get("metadata")).metadata()).toList();
        assertThat(stored).allSatisfy(m -> {
            assertThat(m.pid()).startsWith("http");
            assertThat(m.published()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
        assertThat(stored).anySatisfy(m -> assertThat(m.informationCategories()).isNotEmpty());
    }

    @Test
    void fieldsThePlooiSchemaDoesNotHaveSurviveAsExtras() {
        ObjectNode wire = example();
        ObjectNode document = (ObjectNode) wire.get("document");
        document.put("vertrouwelijkheid", "openbaar");
        ((ObjectNode) document.get("titelcollectie")).put("ondertitel", "bij Dorpsstraat 16");
        ((ObjectNode) document.withArray("documenthandelingen").get(0)).put("opmerking", "digitaal");
        document.put("omschrijvingen", "één omschrijving, geen lijst");
        ((ObjectNode) document.get("publisher")).putNull("label");
        wire.putObject("plooiIntern").put("publicatiestatus", "gepubliceerd");

        PlooiMetadataMapping.Read read = PlooiMetadataMapping.read(wire.deepCopy());

        ObjectNode extras = read.extras();
        assertThat(extras.at("/document/vertrouwelijkheid").asText()).isEqualTo("openbaar");
        assertThat(extras.at("/document/titelcollectie/ondertitel").asText()).isEqualTo("bij Dorpsstraat 16");
        assertThat(extras.at("/document/documenthandelingen/0/opmerking").asText()).isEqualTo("digitaal");
        assertThat(extras.at("/document/omschrijvingen").isTextual()).isTrue();
        assertThat(extras.at("/document/publisher/label").isNull()).isTrue();
        assertThat(extras.at("/plooiIntern/publicatiestatus").asText()).isEqualTo("gepubliceerd");
        assertThat(fieldNames(extras)).containsExactly("document", "plooiIntern");
        assertThat(fieldNames((ObjectNode) extras.get("document")))
                .containsExactly("publisher", "titelcollectie", "omschrijvingen", "documenthandelingen",
                        "vertrouwelijkheid"); // in the order they were delivered in
        // the model read what it has a place for, in the form it has it
        assertThat(read.metadata().descriptions()).containsExactly("één omschrijving, geen lijst");
        assertThat(read.metadata().publisher().label()).isNull();
        assertThat(PlooiMetadataMapping.write(read.metadata(), read.extras())).isEqualTo(wire);
    }

    @Test
    void extraMetadataKeepsOneValueAsTextAndSeveralAsAList() {
        PublicationMetadata m = PlooiMetadataMapping.read(example()).metadata();
        PublicationMetadata several = new PublicationMetadata(m.pid(), m.published(), m.created(), m.publisher(),
                m.responsible(), m.author(), m.authorName(), m.identifiers(), m.language(), m.titles(),
                m.descriptions(), m.documentTypes(), m.themes(), m.informationCategories(), m.format(), m.subjects(),
                m.aggregationKey(), m.actions(), m.validity(), m.webLocation(),
                List.of(new PublicationMetadata.ExtraMetadata(null,
                        List.of(new PublicationMetadata.Field("wijk", List.of("Centrum", "Segbroek"))))),
                new PublicationMetadata.Relation("https://open.overheid.nl/documenten/hoofd", "https://role"));
        ObjectNode written = PlooiMetadataMapping.write(several, Json.object());
        assertThat(written.at("/document/extraMetadata").toString())
                .isEqualTo("[{\"velden\":[{\"key\":\"wijk\",\"values\":[\"Centrum\",\"Segbroek\"]}]}]");
        assertThat(written.at("/document/publisher/label").asText()).isEqualTo("gemeente Den Haag");
        assertThat(written.at("/documentrelaties").toString())
                .isEqualTo("{\"relation\":\"https://open.overheid.nl/documenten/hoofd\",\"role\":\"https://role\"}");
        assertThat(PlooiMetadataMapping.read(written).metadata()).isEqualTo(several);
        assertThat(PlooiMetadataMapping.read(written).extras()).isEmpty();
    }

    /**
     * What a delivery stores goes through the model, and is what it was before it did: the delivered metadata as the
     * client ordered it, with the pid and the day set in place (or added at the end of the document).
     */
    @Test
    void aDeliveryStoresTheMetadataThroughTheModelAsItWasDelivered() {
        List<ObjectNode> deliveries = new ArrayList<>();
        for (ObjectNode sample : samples()) {
            deliveries.add(sample);
            deliveries.add(reversed(sample));
        }
        ObjectNode withUnknown = reversed(example());
        ((ObjectNode) withUnknown.get("document")).put("pid", "https://open.overheid.nl/documenten/oud");
        ((ObjectNode) withUnknown.get("document")).putArray("eigenVeld").add(1);
        deliveries.add(withUnknown);
        for (ObjectNode delivered : deliveries) {
            String pid = "https://open.overheid.nl/documenten/" + deliveries.indexOf(delivered);
            ObjectNode asBefore = delivered.deepCopy();
            ((ObjectNode) asBefore.get("document")).put("pid", pid).put("openbaarmakingsdatum", "2026-12-07");

            ObjectNode stored = PlooiMetadataMapping.throughModel(delivered, pid, "2026-12-07");

            assertThat(Json.write(stored)).isEqualTo(Json.write(asBefore));
        }
    }

    /** The same JSON with every object's keys in reverse order. */
    private static ObjectNode reversed(ObjectNode node) {
        ObjectNode out = Json.object();
        List<String> keys = fieldNames(node);
        for (String key : keys.reversed()) {
            JsonNode value = node.get(key);
            if (value instanceof ObjectNode object) {
                out.set(key, reversed(object));
            } else if (value.isArray()) {
                var items = out.putArray(key);
                value.forEach(v -> items.add(v instanceof ObjectNode o ? reversed(o) : v));
            } else {
                out.set(key, value);
            }
        }
        return out;
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aHarvestedAttachmentHoldsItsRelationInTheModel() {
        PublicationMetadata m = PlooiMetadataMapping.read(harvested()).metadata();
        assertThat(m.relation().role()).isEqualTo(DiwooMapping.IS_ATTACHMENT_OF);
        assertThat(m.relation().mainDocument()).startsWith("https://");
        assertThat(m.informationCategories()).extracting(PublicationMetadata.Concept::uri)
                .containsExactly("https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532");
    }

    /**
     * PLOOI's example delivery, the metadata of every stored document version in the upgrade fixture, and the metadata
     * a DiWoo harvest reads from open.minvws.nl's sitemap entry.
     */
    private static List<ObjectNode> samples() {
        List<ObjectNode> samples = new ArrayList<>();
        samples.add(example());
        FixtureBodies.of("document").forEach(b -> samples.add((ObjectNode) b.get("metadata")));
        samples.add(harvested());
        return samples;
    }

    private static ObjectNode harvested() {
        try {
            ObjectNode read = DiwooSitemapReaderTest.minvwsMetadata();
            MetadataValidator.Result result = new MetadataValidator(ValueLists.shared().join()).validateHarvested(read);
            assertThat(result.errors()).isEmpty();
            return result.metadata();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode example() {
        try (InputStream in = PlooiMetadataMappingTest.class.getClassLoader()
                .getResourceAsStream("plooi/metadata-example.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

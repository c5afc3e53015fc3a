package nl.vindplaats.datasets.dcat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.datasets.CkanDatasetMapping;
import nl.vindplaats.datasets.Dataset;
import nl.vindplaats.datasets.DatasetSamples;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DCAT RDF from the model: the RDF → model → RDF round trip through the harvest's reading of DCAT
 * ({@link DcatMapping}) gives the same graph, and text is written as stored.
 */
class DcatDatasetRdfTest {
    private static final String SITE = "https://data.vindplaats.example";
    private final DcatDatasetRdf rdf = new DcatDatasetRdf(SITE, id -> "Organisatie " + id.substring(id.lastIndexOf('/') + 1));

    @Test
    void rdfToModelToRdfGivesTheSameGraph() {
        for (ObjectNode stored : DatasetSamples.all()) {
            for (DcatApi.Profile profile : DcatApi.Profile.values()) {
                Model first = model(CkanDatasetMapping.dataset(stored), profile);
                Resource ds = first.getResource(SITE + "/dataset/" + stored.path("id").asText());
                DcatMapping.Mapped mapped = DcatMapping.dataset(ds);
                Model second = model(CkanDatasetMapping.dataset(asStored(mapped, stored)), profile);
                assertThat(second.isIsomorphicWith(first)).as(stored.path("name").asText() + " " + profile + "\n"
                        + turtle(first) + "\n---\n" + turtle(second)).isTrue();
            }
        }
    }

    @Test
    void textIsWrittenAsStored() {
        Model m = model(CkanDatasetMapping.dataset(DatasetSamples.complete()), DcatApi.Profile.DCAT_AP_3);
        assertThat(m.listObjectsOfProperty(org.apache.jena.vocabulary.DCTerms.title).toList().stream()
                .map(o -> o.asLiteral().getLexicalForm()))
                .contains("  Luchtkwaliteit: metingen per uur ", "  Metingen (CSV) ");
    }

    private Model model(Dataset d, DcatApi.Profile profile) {
        Model m = ModelFactory.createDefaultModel();
        rdf.add(m, d, profile);
        return m;
    }

    /**
     * The harvest's dict of the RDF with what a harvest run adds before it stores it: the dataset's id, its
     * owner (the RDF's publisher) and each resource's id (the last segment of the distribution's URI).
     */
    private static ObjectNode asStored(DcatMapping.Mapped mapped, ObjectNode original) {
        ObjectNode d = mapped.data();
        d.put("id", original.path("id").asText());
        d.put("owner_org", mapped.publisher());
        for (JsonNode r : d.path("resources")) {
            String uri = r.path("uri").asText();
            ((ObjectNode) r).put("id", uri.substring(uri.lastIndexOf('/') + 1));
        }
        return d;
    }

    private static String turtle(Model m) {
        StringWriter out = new StringWriter();
        RDFDataMgr.write(out, m, Lang.TURTLE);
        return out.toString();
    }
}

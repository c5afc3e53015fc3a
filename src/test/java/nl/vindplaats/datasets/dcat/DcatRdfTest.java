package nl.vindplaats.datasets.dcat;

import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.datasets.DonlValidationTest;
import nl.vindplaats.testing.Concurrently;
import nl.vindplaats.testing.TestService;
import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The DCAT RDF export, validated with DCAT-AP's own SHACL shapes (2.1.1 and 3.0.1). */
class DcatRdfTest {

    private static Model parse(HttpResponse<String> r, Lang lang) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(r.body(), lang).parse(model);
        return model;
    }

    private static List<String> violations(Model data, String... shapeFiles) {
        Graph shapesGraph = ModelFactory.createDefaultModel().getGraph();
        for (String file : shapeFiles) {
            RDFDataMgr.read(shapesGraph, DcatRdfTest.class.getClassLoader().getResource("dcat/" + file).toString());
        }
        // The published 3.0.1 shapes name a few property shapes they never define; Jena refuses those
        // dangling references (pySHACL ignores them), so they are dropped before parsing.
        var property = org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/ns/shacl#property");
        for (var t : shapesGraph.find(org.apache.jena.graph.Node.ANY, property, org.apache.jena.graph.Node.ANY).toList()) {
            if (!shapesGraph.contains(t.getObject(), org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY)) {
                shapesGraph.delete(t);
            }
        }
        ValidationReport report = ShaclValidator.get().validate(Shapes.parse(shapesGraph), data.getGraph());
        return report.getEntries().stream().filter(e -> e.severity() == Severity.Violation)
                .map(e -> e.focusNode() + " " + e.resultPath() + ": " + e.message()).toList();
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void completeDatasetValidatesAgainstDcatApShapes(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            String org = ckan.organization("org-a", "Organisatie A");
            Map<String, Object> complete = DonlValidationTest.complete("gemeenten", org);
            complete.put("tags", List.of("grenzen"));
            complete.put("url", "https://data.example.nl/gemeenten");
            complete.put("frequency", "http://publications.europa.eu/resource/authority/frequency/ANNUAL");
            complete.put("temporal_start", "2020-01-01");
            complete.put("issued", "2020-01-01T00:00:00");
            String id = ckan.call("package_create", complete, ckan.sysadmin()).path("id").asText();
            ckan.dataset("prive", "org-a", Map.of("private", true));

            Model two = parse(service.get("/dataset/gemeenten.ttl?profile=dcat-ap-2.1.1"), Lang.TURTLE);
            assertThat(two.listSubjectsWithProperty(RDF.type, DCAT.Dataset).toList()).hasSize(1);
            assertThat(two.listSubjectsWithProperty(RDF.type, DCAT.Distribution).toList()).hasSize(1);
            assertThat(violations(two, "dcat-ap_2.1.1_shacl_shapes.ttl", "dcat-ap_2.1.1_shacl_range.ttl")).isEmpty();
            Model untitled = ModelFactory.createDefaultModel().add(two);
            untitled.removeAll(null, DCTerms.title, null);
            assertThat(violations(untitled, "dcat-ap_2.1.1_shacl_shapes.ttl")).isNotEmpty();
            Model one = parse(service.get("/dataset/gemeenten.ttl"), Lang.TURTLE);
            assertThat(violations(one, "dcat-ap_3.0.1_shacl.ttl")).isEmpty();
            assertThat(service.get("/dataset/gemeenten.ttl?profile=dcat-ap-9").statusCode()).isEqualTo(400);

            Model catalog = parse(service.get("/catalog.ttl?profile=dcat-ap-2.1.1"), Lang.TURTLE);
            assertThat(catalog.listSubjectsWithProperty(RDF.type, DCAT.Catalog).toList()).hasSize(1);
            assertThat(catalog.listSubjectsWithProperty(RDF.type, DCAT.Dataset).toList()).hasSize(1);
            assertThat(violations(catalog, "dcat-ap_2.1.1_shacl_shapes.ttl", "dcat-ap_2.1.1_shacl_range.ttl")).isEmpty();
            assertThat(violations(parse(service.get("/catalog.ttl"), Lang.TURTLE), "dcat-ap_3.0.1_shacl.ttl")).isEmpty();

            assertThat(parse(service.get("/catalog.rdf?profile=dcat-ap-2.1.1"), Lang.RDFXML).size()).isEqualTo(catalog.size());
            assertThat(parse(service.get("/catalog.jsonld?profile=dcat-ap-2.1.1"), Lang.JSONLD).size()).isEqualTo(catalog.size());
            assertThat(parse(service.get("/dataset/" + id + ".jsonld"), Lang.JSONLD).size()).isEqualTo(one.size());
            assertThat(service.get("/dataset/prive.ttl").statusCode()).isEqualTo(404);
            assertThat(service.get("/dataset/gemeenten.txt").statusCode()).isEqualTo(404);
            assertThat(parse(service.get("/catalog.ttl?modified_since=2999-01-01T00:00:00"), Lang.TURTLE)
                    .listSubjectsWithProperty(RDF.type, DCAT.Dataset).toList()).isEmpty();
            assertThat(parse(service.get("/catalog.ttl?q=" + Ckan.enc("title:gemeentelijke")), Lang.TURTLE)
                    .listSubjectsWithProperty(RDF.type, DCAT.Dataset).toList()).hasSize(1);
            assertThat(service.get("/catalog.ttl?page=0").statusCode()).isEqualTo(400);
        }
    }

    /**
     * Catalogue pages link each other with Hydra's current terms and the deprecated ones, as ckanext-dcat's serializer
     * writes them ({@code hydra:next} and {@code hydra:nextPage}, and so on), and the harvester's reader finds the
     * next page either way.
     */
    @org.junit.jupiter.api.Test
    void cataloguePagesLinkWithHydraNextAndTheDeprecatedNextPage() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            String org = ckan.organization("org-a", "Organisatie A");
            // one more than a page holds
            Concurrently.map(DcatApi.PAGE_SIZE + 1, i -> ckan.dataset("pagina-" + i, org, Map.of()));
            Model first = parse(service.get("/catalog.ttl"), Lang.TURTLE);
            var page1 = first.listSubjectsWithProperty(RDF.type,
                    first.createResource(DcatPage.HYDRA + "PagedCollection")).toList().getFirst();
            assertThat(page1.getURI()).endsWith("/catalog.ttl?page=1");
            String self = page1.getURI().substring(0, page1.getURI().length() - 1);
            assertThat(hydra(first, page1, "next")).isEqualTo(self + 2);
            assertThat(hydra(first, page1, "nextPage")).isEqualTo(self + 2);
            assertThat(hydra(first, page1, "first")).isEqualTo(hydra(first, page1, "firstPage")).isEqualTo(self + 1);
            assertThat(hydra(first, page1, "last")).isEqualTo(hydra(first, page1, "lastPage")).isEqualTo(self + 2);
            assertThat(hydra(first, page1, "previous")).isNull();
            assertThat(DcatPage.next(first)).isEqualTo(self + 2);

            Model second = parse(service.get("/catalog.ttl?page=2"), Lang.TURTLE);
            var page2 = second.createResource(self + 2);
            assertThat(hydra(second, page2, "previous")).isEqualTo(hydra(second, page2, "previousPage"))
                    .isEqualTo(self + 1);
            assertThat(hydra(second, page2, "next")).isNull();
            assertThat(hydra(second, page2, "nextPage")).isNull();
            assertThat(DcatPage.next(second)).isNull();

            // The harvester's reader takes hydra:next alone, and hydra:nextPage alone.
            Model onlyNext = ModelFactory.createDefaultModel().add(first);
            onlyNext.removeAll(null, onlyNext.createProperty(DcatPage.HYDRA, "nextPage"), null);
            assertThat(DcatPage.next(onlyNext)).isEqualTo(self + 2);
            Model onlyNextPage = ModelFactory.createDefaultModel().add(first);
            onlyNextPage.removeAll(null, onlyNextPage.createProperty(DcatPage.HYDRA, "next"), null);
            assertThat(DcatPage.next(onlyNextPage)).isEqualTo(self + 2);
        }
    }

    private static String hydra(Model model, org.apache.jena.rdf.model.Resource page, String term) {
        var statement = page.getProperty(model.createProperty(DcatPage.HYDRA, term));
        return statement == null ? null : statement.getObject().isLiteral()
                ? statement.getString() : statement.getResource().getURI();
    }
}

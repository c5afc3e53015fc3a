package nl.vindplaats.documents.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares Vindplaats' open data XML with the real Rijksoverheid responses in
 * /work/shared/data/rijksoverheid (KOOP's PLOOI fixtures): element names, order, nesting, emptiness and
 * date formats. Documents are delivered through the PLOOI delivery API first, with the same kind of
 * content as the samples.
 */
class OpenDataCompatibilityTest {
    static final Path SAMPLES = Path.of("/work/shared/data/rijksoverheid");
    static final Pattern UTC_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final Pattern OFFSET_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2}");
    static final List<String> UTC_DATES = List.of("lastmodified", "issued", "available", "frontenddate");

    static TestService service;
    static final Map<String, String> delivered = new LinkedHashMap<>();

    @BeforeAll
    static void deliverDocumentsLikeTheSamples() {
        service = TestService.start(TestService.Store.SQLITE);
        delivered.put("mediatekst", deliver(service, Spec.of("Letterlijke tekst persconferentie na ministerraad", AZ,
                MEDIATEKST).description("Letterlijke tekst van de persconferentie na afloop van de ministerraad.")
                .withoutFile()));
        delivered.put("rapport", deliver(service, Spec.of("Advies nieuwe media", JENV, RAPPORT)
                .description("Advies over auteursrecht, naburige rechten en de nieuwe media.")));
        delivered.put("beleidsnota", deliver(service, Spec.of("Beslisnota studiesucces mbo", OCW, BELEIDSNOTA)
                .themas(ONDERWIJS)));
        delivered.put("publicatie", deliver(service, Spec.of("Akte van aanstelling 001474", DEFENSIE, PUBLICATIE)
                .description("").themas(ARBEIDSVERHOUDINGEN)));
        delivered.put("brief", deliver(service, Spec.of("Antwoord van Kenniscoalitie", OCW, BRIEF).responsible(AZ)
                .themas(ONDERWIJS, ARBEIDSVERHOUDINGEN).withoutFile()));
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    static String sample(String name) {
        try {
            return Files.readString(SAMPLES.resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The real single-document samples that are well-formed (one fixture was redacted into malformed XML). */
    static List<Element> sampleDetails() throws IOException {
        List<Element> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES.resolve("documents"))) {
            for (Path p : files.sorted().toList()) {
                try {
                    var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                    out.add(factory.newDocumentBuilder().parse(p.toFile()).getDocumentElement());
                } catch (Exception malformed) {
                    assertThat(p.getFileName().toString()).startsWith("02dbce21"); // the known redacted one
                }
            }
        }
        assertThat(out).hasSize(6);
        return out;
    }

    static List<String> names(List<Element> elements) {
        return elements.stream().map(Element::getTagName).toList();
    }

    /** Child names with runs of the same name collapsed: file,file → file. */
    static List<String> collapsed(Element e) {
        List<String> out = new ArrayList<>();
        for (String n : names(children(e))) {
            if (out.isEmpty() || !out.getLast().equals(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Path → the collapsed child names seen in the samples (empty list = always a leaf or always empty). */
    static void learn(Element e, String path, Map<String, List<String>> shape) {
        List<String> kids = collapsed(e);
        List<String> known = shape.get(path);
        if (known == null || known.isEmpty()) {
            shape.put(path, kids);
        } else if (!kids.isEmpty()) {
            assertThat(kids).as("samples disagree at " + path).isEqualTo(known);
        }
        children(e).forEach(c -> learn(c, path + "/" + c.getTagName(), shape));
    }

    /** Every element of ours exists in the samples at the same path, with the same children in the same order. */
    static void assertShape(Element ours, String path, Map<String, List<String>> shape) {
        assertThat(shape).as("element %s is not in the real responses", path).containsKey(path);
        List<String> expected = shape.get(path);
        List<String> kids = collapsed(ours);
        if (!kids.isEmpty() || expected.isEmpty()) {
            assertThat(kids).as("children of " + path).isEqualTo(expected);
        } else {
            // An empty wrapper (<files/>, <subjects/>): the samples show these empty as well.
            assertThat(ours.getTextContent().strip()).as(path + " is empty").isEmpty();
        }
        children(ours).forEach(c -> assertShape(c, path + "/" + c.getTagName(), shape));
    }

    static void assertDates(Element document) {
        for (String name : UTC_DATES) {
            if (!children(document, name).isEmpty()) {
                assertThat(text(document, name)).as(name).matches(UTC_MILLIS);
            }
        }
        assertThat(text(document, "initialdate")).as("initialdate").matches(OFFSET_MILLIS);
    }

    @Test
    void samplesUseTheDateFormatsWeCheck() throws IOException {
        for (Element sample : sampleDetails()) {
            assertDates(sample);
        }
        for (Element item : children(xml(sample("documents.xml")).getDocumentElement(), "document")) {
            assertDates(item);
        }
    }

    @Test
    void listItemsHaveTheSampleElementsInTheSampleOrder() {
        Element sampleList = xml(sample("documents.xml")).getDocumentElement();
        List<String> sampleItem = names(children(children(sampleList, "document").getFirst()));
        for (Element item : children(sampleList, "document")) {
            assertThat(names(children(item))).isEqualTo(sampleItem);
        }
        for (String path : List.of("/v1/sources/rijksoverheid/documents", "/v1/documents")) {
            HttpResponse<String> r = service.get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
            assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            Element list = xml(r.body()).getDocumentElement();
            assertThat(list.getTagName()).isEqualTo("documents");
            assertThat(names(children(list))).containsOnly("document").hasSize(delivered.size());
            for (Element item : children(list, "document")) {
                assertThat(names(children(item))).isEqualTo(sampleItem);
                assertThat(names(children(children(item, "locations").getFirst()))).containsExactly("location");
                assertThat(text(item, "subtype")).isEmpty();
                assertDates(item);
                assertThat(text(item, "dataurl")).isEqualTo(service.url("/v1/sources/rijksoverheid/documents/"
                        + text(item, "id")));
            }
            assertThat(r.body()).contains("<introduction><![CDATA[<p>Advies over auteursrecht");
        }
    }

    @Test
    void emptyPageIsExactlyTheSamplesEmptyDocuments() {
        HttpResponse<String> r = service.get("/v1/documents?offset=100");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().strip()).isEqualTo(sample("documents_empty.xml").strip());
    }

    @Test
    void detailHasEveryElementOfTheSamplesInTheirOrderAndNesting() throws IOException {
        Map<String, List<String>> shape = new HashMap<>();
        List<Element> samples = sampleDetails();
        samples.forEach(s -> learn(s, "document", shape));
        List<String> top = names(children(samples.getFirst()));
        for (Element s : samples) {
            assertThat(names(children(s))).isEqualTo(top);
        }
        for (String uuid : delivered.values()) {
            HttpResponse<String> r = service.get("/v1/sources/rijksoverheid/documents/" + uuid);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Element ours = xml(r.body()).getDocumentElement();
            assertThat(names(children(ours))).isEqualTo(top);
            assertShape(ours, "document", shape);
            assertDates(ours);
            assertThat(text(ours, "license")).isEqualTo("CC0 1.0 Universal");
            assertThat(text(children(ours, "languages").getFirst(), "language")).isEqualTo("nl-NL");
            assertThat(text(children(ours, "locations").getFirst(), "location")).isEqualTo("Nederland");
        }
    }

    @Test
    void emptyFieldsTakeTheSamplesEmptyForms() {
        String mediatekst = service.get("/v1/documents/" + delivered.get("mediatekst")).body();
        assertThat(mediatekst).contains("<subtype></subtype>", "<files/>", "<content/>",
                "<additionalcontent><![CDATA[]]></additionalcontent>");
        String publicatie = service.get("/v1/documents/" + delivered.get("publicatie")).body();
        assertThat(publicatie).contains("<introduction></introduction>", "<filetitle></filetitle>");
        // Empty text is an empty element; an empty CDATA section only where the samples always have one.
        for (String xml : List.of(mediatekst, publicatie, service.get("/v1/documents?rows=200").body())) {
            assertThat(xml.replace("<additionalcontent><![CDATA[]]></additionalcontent>", "")
                    .replace("<paragraphtitle><![CDATA[]]></paragraphtitle>", "")).doesNotContain("<![CDATA[]]>");
        }
        // every form used here occurs in the samples
        String samples = sample("documents/0acb97b8-b3cf-4654-92c2-0fa4199c100c.xml")
                + sample("documents/5afce6ec-a4ed-4c62-a6d5-168a59247678.xml")
                + sample("documents/3cd2285c-b7bc-46e7-9fcf-9bf3c9a3c20d.xml");
        assertThat(samples).contains("<subtype></subtype>", "<content/>", "<filetitle></filetitle>",
                "<numberofpages>0</numberofpages>", "<introduction></introduction>", "<![CDATA[]]>");
    }

    @Test
    void valuesAreDisplayNamesAndFilesPointAtTheService() {
        Element brief = xml(service.get("/v1/documents/" + delivered.get("brief")).body()).getDocumentElement();
        assertThat(text(brief, "type")).isEqualTo("brief");
        assertThat(text(children(brief, "authorities").getFirst(), "department"))
                .isEqualTo("ministerie van Algemene Zaken");
        assertThat(names(children(children(brief, "organisationalunits").getFirst()))).hasSize(2);
        assertThat(children(children(brief, "subjects").getFirst(), "subject")).extracting(Element::getTextContent)
                .containsExactly("onderwijs en wetenschap", "arbeidsverhoudingen");
        assertThat(children(children(brief, "subjectids").getFirst(), "id")).extracting(Element::getTextContent)
                .containsExactly(ONDERWIJS, ARBEIDSVERHOUDINGEN);
        assertThat(text(brief, "issued")).isEqualTo("2022-03-31T22:00:00.000Z"); // 1 April 2022, Dutch midnight

        Element rapport = xml(service.get("/v1/documents/" + delivered.get("rapport")).body()).getDocumentElement();
        Element file = children(children(rapport, "files").getFirst(), "file").getFirst();
        assertThat(path(text(file, "fileurl"))).startsWith("/binaries/rijksoverheid/documenten/rapport/")
                .endsWith("/" + delivered.get("rapport") + "/advies-nieuwe-media.pdf");
        assertThat(text(file, "mimetype")).isEqualTo("application/pdf");
        assertThat(text(file, "filesize")).isEqualTo(Integer.toString(PDF.length));
        assertThat(text(file, "filename")).isEqualTo("advies-nieuwe-media.pdf");
    }

    /** The XPaths KOOP's PLOOI harvester (RonlApiRoute) reads from a document. */
    @Test
    void everyXPathOfPlooisHarvesterResolves() throws Exception {
        var xpath = XPathFactory.newInstance().newXPath();
        List<String> paths = List.of("/document/id", "/document/dataurl", "/document/title", "/document/issued",
                "/document/available", "/document/introduction", "/document/type", "/document/languages/language",
                "/document/creators/*", "/document/authorities/*", "/document/subjects/subject",
                "/document/files/file/fileurl", "/document/files/file/filename", "/document/files/file/filetitle",
                "/document/content");
        String uuid = delivered.get("beleidsnota");
        var document = xml(service.get("/v1/sources/rijksoverheid/documents/" + uuid).body());
        for (String path : paths) {
            NodeList found = (NodeList) xpath.evaluate(path, document, XPathConstants.NODESET);
            assertThat(found.getLength()).as(path).isPositive();
        }
        // and the list's dataurl leads to that document
        String dataurl = (String) xpath.evaluate("/document/dataurl", document, XPathConstants.STRING);
        assertThat(path(dataurl)).isEqualTo("/v1/sources/rijksoverheid/documents/" + uuid);
    }

    @Test
    void jsonHasTheSameFieldsInTheSameOrder() {
        HttpResponse<String> list = service.get("/v1/documents?output=json");
        assertThat(list.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode array = TestService.json(list);
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(delivered.size());
        Element sampleItem = children(xml(sample("documents.xml")).getDocumentElement(), "document").getFirst();
        List<String> itemNames = new ArrayList<>();
        array.get(0).fieldNames().forEachRemaining(itemNames::add);
        assertThat(itemNames).isEqualTo(names(children(sampleItem)));
        assertThat(array.get(0).path("locations").get(0).asText()).isEqualTo("Nederland");

        String uuid = delivered.get("rapport");
        JsonNode detail = TestService.json(service.get("/v1/documents/" + uuid + "?output=json"));
        Element xmlDetail = xml(service.get("/v1/documents/" + uuid).body()).getDocumentElement();
        List<String> fields = new ArrayList<>();
        detail.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isEqualTo(names(children(xmlDetail)));
        assertThat(detail.path("files").get(0).path("filesize").asLong()).isEqualTo(PDF.length);
        assertThat(detail.path("authorities").get(0).asText()).isEqualTo("ministerie van Justitie en Veiligheid");
        assertThat(detail.path("content").isArray()).isTrue();
        assertThat(detail.path("lastmodified").asText()).matches(UTC_MILLIS);
        assertThat(TestService.json(service.get("/v1/documents?output=json&offset=50")).isEmpty()).isTrue();
    }
}

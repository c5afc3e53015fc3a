package nl.vindplaats.documents;

import nl.vindplaats.documents.plooi.PlooiApiTest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivering documents through the PLOOI delivery API, and reading the open data API's XML, for tests. */
public final class OpenDataFixtures {
    public static final String PLOOI = "/overheid/openbaarmaken/api/v0";
    public static final String AZ = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1010";
    public static final String DEFENSIE = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1018";
    public static final String OCW = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1109";
    public static final String JENV = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058";
    public static final String FINANCIEN = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1090";
    public static final String MEDIATEKST = "https://identifier.overheid.nl/tooi/def/thes/kern/c_6604fe5b";
    public static final String RAPPORT = "https://identifier.overheid.nl/tooi/def/thes/kern/c_3300f29a";
    public static final String BELEIDSNOTA = "https://identifier.overheid.nl/tooi/def/thes/kern/c_9376c730";
    public static final String PUBLICATIE = "https://identifier.overheid.nl/tooi/def/thes/kern/c_6bbc9177";
    public static final String BRIEF = "https://identifier.overheid.nl/tooi/def/thes/kern/c_7652d853";
    public static final String WOO_REQUEST = "https://identifier.overheid.nl/tooi/def/thes/kern/c_8ec8e5e7";
    public static final String ARBEIDSVERHOUDINGEN = "https://identifier.overheid.nl/tooi/def/thes/top/c_1f37c612";
    public static final String ONDERWIJS = "https://identifier.overheid.nl/tooi/def/thes/top/c_c232ae4a";
    public static final String ZORG = "https://identifier.overheid.nl/tooi/def/thes/top/c_d0463fb7";
    public static final String PRIVACY = "https://identifier.overheid.nl/tooi/def/thes/kern/c_098c1346";
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    private OpenDataFixtures() {
    }

    /** What a test document is made of; null fields keep the PLOOI example's value. */
    public record Spec(String title, String description, String publisher, String responsible, String documentsoort,
                List<String> themas, String created, boolean withFile, String visibleFrom) {
        public static Spec of(String title, String publisher, String documentsoort) {
            return new Spec(title, null, publisher, publisher, documentsoort, List.of(), "2022-04-01", true, null);
        }

        public Spec description(String text) {
            return new Spec(title, text, publisher, responsible, documentsoort, themas, created, withFile, visibleFrom);
        }

        public Spec responsible(String organisation) {
            return new Spec(title, description, publisher, organisation, documentsoort, themas, created, withFile,
                    visibleFrom);
        }

        public Spec themas(String... ids) {
            return new Spec(title, description, publisher, responsible, documentsoort, List.of(ids), created, withFile,
                    visibleFrom);
        }

        public Spec withoutFile() {
            return new Spec(title, description, publisher, responsible, documentsoort, themas, created, false,
                    visibleFrom);
        }

        public Spec embargoUntil(String at) {
            return new Spec(title, description, publisher, responsible, documentsoort, themas, created, withFile, at);
        }
    }

    /** Delivers metadata (and a PDF) through the PLOOI API as the platform admin; returns the document's UUID. */
    public static String deliver(TestService service, Spec spec) {
        return deliver(service, spec, PDF);
    }

    /** Delivers with this PDF as the file, and waits until its text extraction has finished. */
    public static String deliver(TestService service, Spec spec, byte[] pdf) {
        ObjectNode metadata = (ObjectNode) Json.read(PlooiApiTest.example());
        ObjectNode doc = (ObjectNode) metadata.get("document");
        ((ArrayNode) doc.get("identifiers")).removeAll().add("https://example.org/doc/" + UUID.randomUUID());
        ((ObjectNode) doc.get("titelcollectie")).put("officieleTitel", spec.title());
        if (spec.description() != null && spec.description().isEmpty()) {
            doc.remove("omschrijvingen");
        } else if (spec.description() != null) {
            ((ArrayNode) doc.get("omschrijvingen")).removeAll().add(spec.description());
        }
        doc.remove("onderwerpen"); // the example's "kapvergunning" would match every test document
        doc.putObject("publisher").put("id", spec.publisher());
        doc.putObject("verantwoordelijke").put("id", spec.responsible());
        doc.putObject("opsteller").put("id", AZ).put("label", "ministerie van Algemene Zaken");
        doc.put("creatiedatum", spec.created());
        ObjectNode classification = (ObjectNode) doc.get("classificatiecollectie");
        classification.putArray("documentsoorten").addObject().put("id", spec.documentsoort());
        ArrayNode themas = classification.putArray("themas");
        spec.themas().forEach(t -> themas.addObject().put("id", t));
        if (spec.themas().isEmpty()) {
            themas.addObject().put("id", ZORG); // PLOOI requires at least one thema
        }
        String query = spec.visibleFrom() == null ? "" : "?zichtbaarheidsdatumtijd=" + spec.visibleFrom();
        HttpResponse<String> created = service.post(PLOOI + "/metadata" + query, metadata.toString(),
                service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uuid = PlooiApiTest.uuidOf(created);
        if (spec.withFile()) {
            HttpResponse<String> file = PlooiApiTest.sendBytes(service, "POST", PLOOI + "/documenten/" + uuid,
                    "application/pdf", pdf, service.asAdmin());
            assertThat(file.statusCode()).as(file.body()).isEqualTo(202);
            awaitTextExtraction(service, uuid); // a technical version: it changes lastmodified
        }
        return uuid;
    }

    /** Waits until the PLOOI API reports the file's text extraction done (as the admin: embargoes too). */
    public static void awaitTextExtraction(TestService service, String uuid) {
        Eventually.value("text extraction finished for " + uuid, java.time.Duration.ofSeconds(60),
                () -> TestService.json(service.get(PLOOI + "/metadata/" + uuid, service.asAdmin()))
                        .path("plooiIntern").path("tekstextractie").path("status").asText(),
                status -> !status.isEmpty() && !status.equals("wachtend"));
        // The store has the extraction's version; search has it once the index has reopened, a moment
        // later (read-your-writes holds for the writer, here the extraction worker, not for us).
        service.app().index().awaitVisible(service.app().store().lastSeq());
    }

    /** A real PDF with one page per text, made with PDFBox. */
    public static byte[] pdfWithPages(String... pages) {
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument();
             var out = new java.io.ByteArrayOutputStream()) {
            var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                var page = new org.apache.pdfbox.pdmodel.PDPage();
                document.addPage(page);
                try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void withdraw(TestService service, String uuid) {
        HttpResponse<String> r = service.delete(PLOOI + "/documenten/" + uuid + "?redenVerwijderingVervanging="
                + PRIVACY, service.asAdmin());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    public static Document xml(String text) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setCoalescing(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + text, e);
        }
    }

    public static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    public static List<Element> children(Node parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).toList();
    }

    public static String text(Node parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<" + name + ">").hasSize(1);
        return found.getFirst().getTextContent().strip();
    }

    /** The path of a URL the service made, to fetch it from the test service. */
    public static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }

    public static List<String> ids(String listXml) {
        return children(xml(listXml).getDocumentElement(), "document").stream().map(d -> text(d, "id")).toList();
    }
}

package nl.vindplaats.documents.diwoo;

import nl.vindplaats.documents.PublicationMetadata;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.documents.PublicationDeliveries;
import nl.vindplaats.documents.PublicationFile;
import nl.vindplaats.documents.plooi.PlooiApi;
import nl.vindplaats.documents.plooi.PlooiApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DiWoo adapter's mapping of stored PLOOI metadata to DiWoo 0.9.8: its tables against both value
 * lists, and entries checked against the official schema, values DiWoo lacks mapped or kept in
 * extraMetadata.
 */
class DiwooMappingTest {
    static final String DIWOO_NS = DiwooMapping.DIWOO_NS;
    static final String KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/";
    static final ValueLists LISTS = ValueLists.shared().join();
    static final DiwooLists DIWOO = DiwooLists.shared();
    final DiwooMapping mapping = new DiwooMapping(LISTS, DIWOO);

    @Test
    void everyPlooiDocumentsoortIsInDiwoosListOrMappedByTheTable() {
        List<String> missing = new ArrayList<>();
        for (ValueItem soort : LISTS.list(ValueLists.DOCUMENTSOORTEN).orElseThrow().items()) {
            String target = DiwooMapping.DOCUMENTSOORTEN.get(soort.identifier());
            if (target != null) {
                assertThat(DIWOO.contains(DiwooLists.DOCUMENTSOORTEN, soort.identifier()))
                        .as("mapped although DiWoo has it: " + soort).isFalse();
                assertThat(DIWOO.contains(DiwooLists.DOCUMENTSOORTEN, target)).as(target).isTrue();
            } else if (!DIWOO.contains(DiwooLists.DOCUMENTSOORTEN, soort.identifier())) {
                missing.add(soort.identifier() + " " + soort.label());
            }
        }
        assertThat(missing).as("PLOOI documentsoorten neither in DiWoo's list nor in the table").isEmpty();
        // the one PLOOI type DiWoo lacks: a request under Woo art. 4.1 is a Woo request
        assertThat(DiwooMapping.DOCUMENTSOORTEN).containsEntry(KERN + "c_8ec8e5e7", KERN + "c_1cf18f83");
        assertThat(DIWOO.label(DiwooLists.DOCUMENTSOORTEN, KERN + "c_1cf18f83")).contains("Wob-/Woo-verzoek");
    }

    @Test
    void everyOrganisationAPlooiDeliveryMayNameIsOneDiwooKnows() {
        List<String> missing = new ArrayList<>();
        for (ValueItem organisation : LISTS.organisations()) {
            if (mapping.organisation(coded(organisation.identifier(), organisation.label())).isEmpty()) {
                missing.add(organisation.identifier() + " " + organisation.label());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(DiwooMapping.ORGANISATIONS.values()).allMatch(DIWOO::isOrganisation);
        // PLOOI's own id of the Sociale Verzekeringsbank is TOOI's zb000143
        assertThat(mapping.organisation(coded("https://identifier.overheid.nl/tooi/id/zbo/zbo10000", "")))
                .map(ValueItem::identifier).contains("https://identifier.overheid.nl/tooi/id/zbo/zb000143");
        // a historical version is its current organisation
        String historical = "https://identifier.overheid.nl/tooi/id/ministerie/hv_04793043";
        assertThat(DIWOO.isOrganisation(historical)).isFalse();
        assertThat(mapping.organisation(coded(historical, ""))).map(ValueItem::identifier)
                .hasValueSatisfying(uri -> assertThat(DIWOO.isOrganisation(uri)).isTrue());
        assertThat(mapping.organisation(coded("https://www.koopoverheid.nl/", "KOOP"))).isEmpty();
    }

    @Test
    void everyThemeLanguageHandlingAndCategoryOfOurListsIsInDiwoos() {
        Map<String, String> pairs = Map.of(ValueLists.THEMAS, DiwooLists.THEMAS, ValueLists.TALEN, DiwooLists.TALEN,
                ValueLists.DOCUMENTHANDELINGEN, DiwooLists.SOORTEN_HANDELING,
                ValueLists.INFORMATIECATEGORIEEN, DiwooLists.INFORMATIECATEGORIEEN,
                ValueLists.REDENEN_INTREKKING_VERVANGING, DiwooLists.REDENEN_VERWIJDERING_VERVANGING);
        pairs.forEach((ours, theirs) -> assertThat(LISTS.list(ours).orElseThrow().items())
                .as(ours).allMatch(item -> DIWOO.contains(theirs, item.identifier())));
    }

    /** The three demo deliveries, as stored with a PDF: valid DiWoo, the demo's odd values mapped, nothing lost. */
    @Test
    void theDemoDeliveriesValidateWithWhatDiwooCannotHoldInExtraMetadata() throws Exception {
        JsonNode demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/plooi-documents.json")) {
            demo = Json.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        MetadataValidator validator = new MetadataValidator(LISTS);
        List<StoredRecord> records = new ArrayList<>();
        for (JsonNode delivery : demo) {
            MetadataValidator.Result result = validator.validate(delivery);
            assertThat(result.valid()).as(result.errors().toString()).isTrue();
            records.add(record(PublicationDeliveries.delivered(result.metadata(),
                    "https://example.org/pid/" + records.size(), Instant.parse("2024-01-01T10:00:00Z"), null, "session")));
        }
        String sitemap = sitemap(records);
        assertThat(DiwooSchemas.errorsOfSitemap(sitemap)).isEmpty();

        // the PLOOI example: opsteller KOOP is not a TOOI organisation, its documentsoort not in DiWoo's list
        Element first = (Element) parse(sitemap).getElementsByTagNameNS(DIWOO_NS, "Document").item(0);
        assertThat(first.getElementsByTagNameNS(DIWOO_NS, "opsteller").getLength()).isZero();
        assertThat(only(first, "naamOpsteller").getTextContent()).isEqualTo("Klaas"); // as delivered
        Element soort = only(first, "documentsoort");
        assertThat(soort.getAttribute("resource")).isEqualTo(KERN + "c_1cf18f83");
        assertThat(soort.getTextContent()).isEqualTo("Wob-/Woo-verzoek");
        Map<String, Map<String, List<String>>> extra = extraMetadata(first);
        assertThat(extra.get(DiwooMapping.EXTRA_NAMESPACE))
                .containsEntry("opsteller", List.of("https://www.koopoverheid.nl/", "KOOP"))
                .containsEntry("documentsoort", List.of(KERN + "c_8ec8e5e7", "aanvraag ex art. 4.1 Woo"));
        // the publication system's own extraMetadata, passed on
        assertThat(extra.get("https://denhaag.nl/concepten")).containsEntry("isVerwerkt", List.of("waarden"));
    }

    @Test
    void valuesDiwooCannotHoldAreMappedOrKeptAndNeverMakeAnEntryInvalid() throws Exception {
        MetadataValidator.Result example = new MetadataValidator(LISTS).validate(Json.read(PlooiApiTest.example()));
        StoredPublication delivered = PublicationDeliveries.delivered(example.metadata(),
                "https://example.org/pid/x", Instant.parse("2024-01-01T10:00:00Z"), null, "s");
        ObjectNode metadata = delivered.plooiMetadata();
        ObjectNode doc = (ObjectNode) metadata.path("document");
        doc.put("creatiedatum", "2022-04-01T10:00:00Z"); // PLOOI's pattern only asks that it starts with a date
        doc.set("verantwoordelijke", coded("https://www.example.org/afdeling", "Een afdeling"));
        doc.remove("naamOpsteller");
        doc.set("format", coded("http://publications.europa.eu/resource/authority/file-type/DOCX", "DOCX"));
        ((ArrayNode) doc.path("classificatiecollectie").path("themas")).add(coded("https://example.org/thema", "x"));
        ((ObjectNode) doc.path("titelcollectie")).put("officieleTitel", "Titel met \u0001stuurteken");
        doc.putObject("geldigheid").put("begindatum", "2022-01-01t00:00:00z").put("einddatum", "morgen");
        doc.put("weblocatie", "https://example.org/pagina");
        metadata.putObject("documentrelaties").put("relation", "https://example.org/pid/y")
                .put("role", DiwooMapping.IS_ATTACHMENT_OF);
        StoredRecord record = record(delivered.withPlooiMetadata(metadata).withVersion(new StoredPublication.Version(
                null, null, null, null, new PublicationMetadata.Concept(KERN + "c_098c1346", "correctie"))));

        String sitemap = sitemap(List.of(record));
        assertThat(DiwooSchemas.errorsOfSitemap(sitemap)).isEmpty();
        Element document = (Element) parse(sitemap).getElementsByTagNameNS(DIWOO_NS, "Document").item(0);
        assertThat(only(document, "creatiedatum").getTextContent()).isEqualTo("2022-04-01");
        assertThat(document.getElementsByTagNameNS(DIWOO_NS, "verantwoordelijke").getLength()).isZero();
        // opsteller KOOP without a delivered naamOpsteller: its label becomes the name
        assertThat(only(document, "naamOpsteller").getTextContent()).isEqualTo("KOOP");
        assertThat(only(document, "format").getAttribute("resource")).endsWith("/file-type/PDF"); // the file's type
        assertThat(only(document, "officieleTitel").getTextContent()).isEqualTo("Titel met stuurteken");
        assertThat(only(document, "begindatum").getTextContent()).isEqualTo("2022-01-01T00:00:00Z");
        assertThat(only(document, "isPartOf").getAttribute("resource")).isEqualTo("https://example.org/pid/y");
        assertThat(only(document, "redenVerwijderingVervanging").getAttribute("resource"))
                .isEqualTo(KERN + "c_098c1346");
        assertThat(document.getElementsByTagNameNS(DIWOO_NS, "thema").getLength()).isEqualTo(1);
        assertThat(extraMetadata(document).get(DiwooMapping.EXTRA_NAMESPACE))
                .containsEntry("verantwoordelijke", List.of("https://www.example.org/afdeling", "Een afdeling"))
                .containsEntry("format", List.of("http://publications.europa.eu/resource/authority/file-type/DOCX",
                        "DOCX"))
                .containsEntry("thema", List.of("https://example.org/thema", "x"))
                .containsEntry("geldigheid.einddatum", List.of("morgen"))
                .containsEntry("weblocatie", List.of("https://example.org/pagina"))
                .containsEntry("opsteller", List.of("https://www.koopoverheid.nl/", "KOOP"));

        // a publisher DiWoo does not know cannot be listed (DiWoo requires one)
        doc.set("publisher", coded("https://www.example.org/", "Geen overheid"));
        record = record(delivered.withPlooiMetadata(metadata));
        assertThat(mapping.unlistable(record)).hasValueSatisfying(why -> assertThat(why).contains("publisher"));
    }

    // --- helpers ---

    static ObjectNode coded(String id, String label) {
        return Json.object().put("id", id).put("label", label);
    }

    static StoredRecord record(StoredPublication document) {
        Instant at = Instant.parse("2024-01-01T10:00:00Z");
        ObjectNode body = document.withFile(new StoredPublication.StoredFile("0".repeat(64), 10, PublicationFile.PDF,
                at, null)).body();
        return new StoredRecord(Documents.KIND, java.util.UUID.randomUUID().toString(), null, 1, "org",
                Documents.PUBLISHED, at, at, body);
    }

    /** A sitemap of these records, each {@code <url>} with a made-up file URL and the mapped DiWoo metadata. */
    String sitemap(List<StoredRecord> records) throws Exception {
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("", "urlset", WooSitemaps.SITEMAP_NS);
        xml.writeDefaultNamespace(WooSitemaps.SITEMAP_NS);
        xml.writeNamespace(DiwooMapping.DIWOO, DIWOO_NS);
        for (StoredRecord record : records) {
            assertThat(mapping.unlistable(record)).isEmpty();
            xml.writeStartElement("", "url", WooSitemaps.SITEMAP_NS);
            xml.writeStartElement("", "loc", WooSitemaps.SITEMAP_NS);
            xml.writeCharacters("https://example.org/binaries/" + record.id() + "/bestand.pdf");
            xml.writeEndElement();
            mapping.write(xml, record, DiwooMapping.Detail.FULL);
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        return out.toString();
    }

    static org.w3c.dom.Document parse(String xml) throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static Element only(Element parent, String name) {
        NodeList found = parent.getElementsByTagNameNS(DIWOO_NS, name);
        assertThat(found.getLength()).as("<" + name + ">").isEqualTo(1);
        return (Element) found.item(0);
    }

    /** namespace → key → values, of every {@code diwoo:extraMetadata} of a document. */
    static Map<String, Map<String, List<String>>> extraMetadata(Element document) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        NodeList groups = document.getElementsByTagNameNS(DIWOO_NS, "extraMetadata");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            NodeList ns = group.getElementsByTagNameNS(DIWOO_NS, "namespace");
            Map<String, List<String>> fields = out.computeIfAbsent(
                    ns.getLength() == 0 ? "" : ns.item(0).getTextContent(), k -> new LinkedHashMap<>());
            NodeList velden = group.getElementsByTagNameNS(DIWOO_NS, "extraMetadataveld");
            for (int j = 0; j < velden.getLength(); j++) {
                Element veld = (Element) velden.item(j);
                List<String> values = new ArrayList<>();
                NodeList v = veld.getElementsByTagNameNS(DIWOO_NS, "value");
                for (int k = 0; k < v.getLength(); k++) {
                    values.add(v.item(k).getTextContent());
                }
                fields.put(veld.getElementsByTagNameNS(DIWOO_NS, "key").item(0).getTextContent(), values);
            }
        }
        return out;
    }
}

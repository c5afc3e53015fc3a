package nl.vindplaats.documents.plooi;

import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.Documents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;

import static nl.vindplaats.documents.plooi.PlooiApiTest.BASE;
import static nl.vindplaats.documents.plooi.PlooiApiTest.PDF;
import static nl.vindplaats.documents.plooi.PlooiApiTest.PRIVACY;
import static nl.vindplaats.documents.plooi.PlooiApiTest.PROCEDURE;
import static nl.vindplaats.documents.plooi.PlooiApiTest.aanleverToken;
import static nl.vindplaats.documents.plooi.PlooiApiTest.assertPlooiError;
import static nl.vindplaats.documents.plooi.PlooiApiTest.exampleWithIdentifier;
import static nl.vindplaats.documents.plooi.PlooiApiTest.sendBytes;
import static nl.vindplaats.documents.plooi.PlooiApiTest.uuidOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes and withdrawals as PLOOI's aanlever-API takes them (no reason), reasons where a client gives
 * them, and labels of coded values taken from the value lists.
 */
class PlooiVersionsTest {
    private static TestService service;
    private static String token;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
        token = service.createToken("organisation", "gm0518", "write", null);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    private static String deliver(String identifier) {
        HttpResponse<String> created = service.post(BASE + "/metadata", exampleWithIdentifier(identifier).toString(),
                aanleverToken(token));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return uuidOf(created);
    }

    private static JsonNode versions(String uuid) {
        return TestService.json(service.get(BASE + "/metadata/" + uuid + "/versies", aanleverToken(token)))
                .path("versies");
    }

    private static JsonNode lastVersion(String uuid) {
        JsonNode all = versions(uuid);
        return all.get(all.size() - 1);
    }

    @Test
    void replacingMetadataTakesTheMetadataAloneAndAnswersAsPlooi() {
        String uuid = deliver("zonder-reden-1");
        ObjectNode changed = exampleWithIdentifier("zonder-reden-1");
        ((ObjectNode) changed.path("document").path("titelcollectie")).put("officieleTitel", "Gecorrigeerd");

        HttpResponse<String> r = service.put(BASE + "/metadata/" + uuid, changed.toString(), aanleverToken(token));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location").orElseThrow()).isEqualTo(service.url(BASE + "/documenten/" + uuid));
        assertThat(r.headers().firstValue("X-Session-ID").orElseThrow()).isNotBlank();
        JsonNode document = TestService.json(r).path("document");
        assertThat(document.path("pid").asText()).isEqualTo(service.url(BASE + "/documenten/" + uuid));
        assertThat(document.path("titelcollectie").path("officieleTitel").asText()).isEqualTo("Gecorrigeerd");
        JsonNode version = lastVersion(uuid);
        assertThat(version.path("oorzaak").asText()).isEqualTo("wijziging");
        assertThat(version.path("nummer").asInt()).isEqualTo(2);
        assertThat(version.has("redenVerwijderingVervanging")).isFalse();
    }

    @Test
    void withdrawalTakesNoReasonAndAnswers200WithAnEmptyBody() {
        String uuid = deliver("intrekken-1");

        HttpResponse<String> r = service.delete(BASE + "/documenten/" + uuid, aanleverToken(token));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertPlooiError(service.get(BASE + "/metadata/" + uuid), 404, "Niet-gevonden-fout");
        JsonNode version = lastVersion(uuid);
        assertThat(version.path("oorzaak").asText()).isEqualTo("intrekking");
        assertThat(version.has("redenVerwijderingVervanging")).isFalse();
        // Again: still 200 and empty, and no second withdrawal version.
        HttpResponse<String> again = service.delete(BASE + "/documenten/" + uuid, aanleverToken(token));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEmpty();
        assertThat(versions(uuid)).hasSize(2);
    }

    @Test
    void replacingTheFileTakesNoReason() {
        String uuid = deliver("bestand-zonder-reden-1");
        assertThat(sendBytes(service, "POST", BASE + "/documenten/" + uuid, "application/pdf", PDF,
                aanleverToken(token)).statusCode()).isEqualTo(202);
        byte[] second = Arrays.copyOf(PDF, PDF.length + 3);

        HttpResponse<String> r = sendBytes(service, "PUT", BASE + "/documenten/" + uuid, "application/pdf", second,
                aanleverToken(token));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode version = lastVersion(uuid);
        assertThat(version.path("oorzaak").asText()).isEqualTo("wijziging");
        assertThat(version.path("bestanden").path(0).path("size").asInt()).isEqualTo(second.length);
        assertThat(version.has("redenVerwijderingVervanging")).isFalse();
    }

    @Test
    void aReasonIsRecordedFromTheQueryOrTheBodyAsListItemOrFreeText() {
        String uuid = deliver("redenen-1");
        String path = BASE + "/metadata/" + uuid;
        ObjectNode metadata = exampleWithIdentifier("redenen-1");

        // a TOOI URI in the query parameter
        assertThat(service.put(path + "?redenVerwijderingVervanging=" + PROCEDURE, metadata.toString(),
                aanleverToken(token)).statusCode()).isEqualTo(201);
        assertThat(lastVersion(uuid).path("redenVerwijderingVervanging").toString())
                .isEqualTo("{\"id\":\"" + PROCEDURE + "\",\"label\":\"correctie procedurele fout\"}");

        // free text at the top of the body, with oorzaak, as PLOOI's internal request part carries it
        ObjectNode withText = metadata.deepCopy().put("oorzaak", "wijziging")
                .put("redenVerwijderingVervanging", "Verkeerd adres opgegeven");
        HttpResponse<String> text = service.put(path, withText.toString(), aanleverToken(token));
        assertThat(text.statusCode()).as(text.body()).isEqualTo(201);
        assertThat(TestService.json(text).has("redenVerwijderingVervanging")).isFalse(); // not part of the metadata
        assertThat(TestService.json(text).has("oorzaak")).isFalse();
        assertThat(lastVersion(uuid).path("redenVerwijderingVervanging").toString())
                .isEqualTo("{\"label\":\"Verkeerd adres opgegeven\"}");

        // the label of a list item as text is that item
        ObjectNode withLabel = metadata.deepCopy().put("redenVerwijderingVervanging", "Correctie privacygevoelige gegevens");
        assertThat(service.put(path, withLabel.toString(), aanleverToken(token)).statusCode()).isEqualTo(201);
        assertThat(lastVersion(uuid).path("redenVerwijderingVervanging").path("id").asText()).isEqualTo(PRIVACY);

        // refused: a URI that is not in the list, an oorzaak that does not fit, two different reasons
        assertPlooiError(service.put(path + "?redenVerwijderingVervanging=https://identifier.overheid.nl/tooi/def/"
                + "thes/kern/c_00000000", metadata.toString(), aanleverToken(token)), 400, "Validatiefout");
        assertPlooiError(service.put(path, metadata.deepCopy().put("oorzaak", "intrekking").toString(),
                aanleverToken(token)), 400, "Validatiefout");
        assertPlooiError(service.put(path + "?redenVerwijderingVervanging=" + PRIVACY,
                metadata.deepCopy().put("redenVerwijderingVervanging", PROCEDURE).toString(), aanleverToken(token)),
                400, "Validatiefout");
        assertThat(versions(uuid)).hasSize(4);

        // a withdrawal with its reason in a JSON body
        HttpResponse<String> withdrawn = service.method("DELETE", "/overheid/openbaarmaken/api/v0/documenten/" + uuid,
                "{\"oorzaak\": \"intrekking\", \"redenVerwijderingVervanging\": \"" + PRIVACY + "\"}",
                aanleverToken(token));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.body()).isEmpty();
        JsonNode last = lastVersion(uuid);
        assertThat(last.path("oorzaak").asText()).isEqualTo("intrekking");
        assertThat(last.path("redenVerwijderingVervanging").path("id").asText()).isEqualTo(PRIVACY);
    }

    @Test
    void labelsOfCodedValuesAreTheValueListsInEverythingStoredAndServed() {
        ObjectNode metadata = exampleWithIdentifier("labels-lijst-1");
        ObjectNode document = (ObjectNode) metadata.get("document");
        ((ObjectNode) document.get("publisher")).put("label", "Gemeente Nergenshuizen");
        ((ObjectNode) document.get("verantwoordelijke")).put("label", "<b>vet</b>");
        document.putObject("opsteller").put("id", "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034")
                .put("label", "niet BZK");
        ((ObjectNode) document.get("language")).put("label", "Klingon");
        ((ObjectNode) document.path("classificatiecollectie").path("documentsoorten").get(0)).put("label", "iets anders");
        ((ObjectNode) document.path("classificatiecollectie").path("themas").get(0)).put("label", "ruimtevaart");
        ((ObjectNode) document.get("classificatiecollectie")).putArray("informatiecategorieen").addObject()
                .put("id", "https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532").put("label", "geheim");
        ((ObjectNode) document.path("documenthandelingen").get(0).get("soortHandeling")).put("label", "vernietiging");
        ((ObjectNode) document.path("documenthandelingen").get(0).get("wasAssociatedWith")).put("label", "Overheid");
        ((ObjectNode) document.get("format")).put("label", "Word");

        HttpResponse<String> created = service.post(BASE + "/metadata", metadata.toString(), aanleverToken(token));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uuid = uuidOf(created);

        assertListLabels(TestService.json(created).path("document"));
        assertListLabels(TestService.json(service.get(BASE + "/metadata/" + uuid)).path("document"));
        JsonNode found = TestService.json(service.get(BASE + "/_zoek?publisher=" + PlooiApiTest.DEN_HAAG
                + "&aantal=100")).path("_embedded").path("resultaten");
        for (JsonNode result : found) {
            if (result.path("document").path("pid").asText().endsWith(uuid)) {
                assertListLabels(result.path("document"));
            }
        }
        HttpResponse<String> replaced = service.put(BASE + "/metadata/" + uuid, metadata.toString(), aanleverToken(token));
        assertThat(replaced.statusCode()).isEqualTo(201);
        assertListLabels(TestService.json(replaced).path("document"));

        // An opsteller that is in no list keeps the label sent (PLOOI allows any URI there).
        assertThat(TestService.json(service.post(BASE + "/metadata", exampleWithIdentifier("labels-lijst-2").toString(),
                aanleverToken(token))).path("document").path("opsteller").path("label").asText()).isEqualTo("KOOP");
    }

    private static void assertListLabels(JsonNode document) {
        assertThat(document.path("publisher").path("label").asText()).isEqualTo("gemeente Den Haag");
        assertThat(document.path("verantwoordelijke").path("label").asText()).isEqualTo("gemeente Den Haag");
        assertThat(document.path("opsteller").path("label").asText())
                .isEqualTo("ministerie van Binnenlandse Zaken en Koninkrijksrelaties");
        assertThat(document.path("language").path("label").asText()).isEqualTo("Nederlands");
        JsonNode classification = document.path("classificatiecollectie");
        assertThat(classification.path("documentsoorten").get(0).path("label").asText())
                .isEqualTo("aanvraag ex art. 4.1 Woo");
        assertThat(classification.path("themas").get(0).path("label").asText()).isEqualTo("afval");
        assertThat(classification.path("informatiecategorieen").get(0).path("label").asText())
                .isEqualTo("Woo-verzoek of -besluit");
        JsonNode handeling = document.path("documenthandelingen").get(0);
        assertThat(handeling.path("soortHandeling").path("label").asText()).isEqualTo("ondertekening");
        assertThat(handeling.path("wasAssociatedWith").path("label").asText()).isNotEqualTo("Overheid");
        assertThat(document.path("format").path("label").asText()).isEqualTo("PDF");
        assertThat(document.toString()).doesNotContain("Nergenshuizen", "<b>", "niet BZK", "Klingon", "iets anders",
                "ruimtevaart", "geheim", "vernietiging", "Word");
    }

    @Test
    void aLabelStoredBeforeLabelsCameFromTheListsIsServedWithTheListsLabel() {
        TestService own = TestService.start(TestService.Store.SQLITE);
        try {
            String key = own.createToken("organisation", "gm0518", "write", null);
            String uuid = uuidOf(own.post(BASE + "/metadata", exampleWithIdentifier("oud-label-1").toString(),
                    aanleverToken(key)));
            own.close();
            // As an older version stored it: the client's label kept.
            try (nl.vindplaats.store.Database database = nl.vindplaats.store.Database.open(own.config().store())) {
                var store = new nl.vindplaats.store.RecordStore(database, java.time.Clock.systemUTC());
                var record = store.get(Documents.KIND, uuid).orElseThrow();
                StoredPublication stored = StoredPublication.of(record);
                ObjectNode metadata = stored.plooiMetadata();
                ((ObjectNode) metadata.path("document").path("publisher")).put("label", "<b>oud</b>");
                ObjectNode body = stored.withPlooiMetadata(metadata).body();
                store.update(new nl.vindplaats.store.NewVersion(Documents.KIND, uuid, null, record.organisation(),
                        record.state(), body, "wijziging"), record.version());
            }
            own = own.restart();
            assertThat(TestService.json(own.get(BASE + "/metadata/" + uuid)).path("document").path("publisher")
                    .path("label").asText()).isEqualTo("gemeente Den Haag");
            assertThat(own.get(BASE + "/_zoek?publisher=" + PlooiApiTest.DEN_HAAG).body()).doesNotContain("<b>oud</b>")
                    .contains("gemeente Den Haag");
        } finally {
            own.destroy();
        }
    }

    @Test
    void aScriptTagAnywhereInTheMetadataIsRefusedAsPlooiDoes() {
        ObjectNode metadata = exampleWithIdentifier("script-1");
        ((ObjectNode) metadata.path("document").path("publisher")).put("label", "<script>alert(1)</script>");

        assertPlooiError(service.post(BASE + "/metadata", metadata.toString(), aanleverToken(token)), 400, "Parsefout");

        String uuid = deliver("script-1");
        assertPlooiError(service.put(BASE + "/metadata/" + uuid, metadata.toString(), aanleverToken(token)), 400,
                "Parsefout");
        assertThat(service.get(BASE + "/metadata/" + uuid).body()).doesNotContain("<script");
        assertThat(Json.read(service.get(BASE + "/metadata/" + uuid).body()).path("document").path("publisher")
                .path("label").asText()).isEqualTo("gemeente Den Haag");
    }
}

package nl.vindplaats.documents.plooi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

public class PlooiApiTest {
    public static final String BASE = "/overheid/openbaarmaken/api/v0";
    public static final String DEN_HAAG = "https://identifier.overheid.nl/tooi/id/gemeente/gm0518";
    static final String PRIVACY = "https://identifier.overheid.nl/tooi/def/thes/kern/c_098c1346";
    static final String PROCEDURE = "https://identifier.overheid.nl/tooi/def/thes/kern/c_c77c86e0";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static TestService shared;
    private static String denHaagToken;

    @BeforeAll
    static void start() {
        shared = TestService.start(TestService.Store.SQLITE);
        denHaagToken = shared.createToken("organisation", "gm0518", "write", null);
    }

    @AfterAll
    static void stop() {
        shared.destroy();
    }

    public static String example() {
        try {
            return Files.readString(Path.of("src/test/resources/plooi/metadata-example.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static ObjectNode exampleWithIdentifier(String identifier) {
        ObjectNode metadata = (ObjectNode) Json.read(example());
        ((ArrayNode) metadata.path("document").path("identifiers")).removeAll().add(identifier);
        return metadata;
    }

    public static String[] aanleverToken(String token) {
        return new String[] {"Aanlever-Token", token};
    }

    public static HttpResponse<String> sendBytes(TestService service, String method, String path, String contentType,
                                          byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path)))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] getBytes(TestService service, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    public static String uuidOf(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public static void assertPlooiError(HttpResponse<String> r, int status, String title) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = TestService.json(r);
        assertThat(body.path("title").asText()).isEqualTo(title);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("type").asText()).startsWith("https://koop.gitlab.io/plooi/aanleveren/openapi-spec/");
        assertThat(body.path("detail").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void deliverySequenceMetadataFileUpdateWithdrawalRepublication(TestService.Store store) throws Exception {
        TestService service = TestService.start(store);
        try {
            String token = service.createToken("organisation", "gm0518", "write", null);

            // 1. metadata: the PLOOI example as it is
            HttpResponse<String> created = service.post(BASE + "/metadata", example(), aanleverToken(token));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String uuid = uuidOf(created);
            assertThat(UUID.fromString(uuid)).isNotNull();
            assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith(BASE + "/documenten/" + uuid);
            assertThat(created.headers().firstValue("X-Session-ID")).isPresent();
            JsonNode document = TestService.json(created).path("document");
            assertThat(document.path("pid").asText()).endsWith("/documenten/" + uuid);
            assertThat(document.path("openbaarmakingsdatum").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            // derived from documentsoort "aanvraag ex art. 4.1 Woo": Woo category 2i
            assertThat(document.path("classificatiecollectie").path("informatiecategorieen").path(0).path("id").asText())
                    .isEqualTo("https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532");

            HttpResponse<String> shown = service.get(BASE + "/metadata/" + uuid);
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(TestService.json(shown).path("document").path("titelcollectie").path("officieleTitel").asText())
                    .isEqualTo("Kapvergunning voor Dorpsstraat 16");

            // 2. the file
            HttpResponse<String> file = sendBytes(service, "POST", BASE + "/documenten/" + uuid, "application/pdf", PDF,
                    aanleverToken(token));
            assertThat(file.statusCode()).as(file.body()).isEqualTo(202);
            assertThat(TestService.json(file).path("document").path("pid").asText()).endsWith(uuid);
            assertThat(getBytes(service, BASE + "/documenten/" + uuid)).isEqualTo(PDF);

            // 3. an update, here with a reason from the TOOI list (PlooiVersionsTest: without one)
            ObjectNode changed = (ObjectNode) Json.read(example());
            ((ObjectNode) changed.path("document").path("titelcollectie")).put("officieleTitel", "Kapvergunning (gecorrigeerd)");
            HttpResponse<String> updated = service.put(BASE + "/metadata/" + uuid
                    + "?redenVerwijderingVervanging=" + PRIVACY, changed.toString(), aanleverToken(token));
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(201);
            assertThat(updated.headers().firstValue("Location").orElseThrow()).endsWith(uuid);
            assertThat(TestService.json(service.get(BASE + "/metadata/" + uuid)).path("document")
                    .path("titelcollectie").path("officieleTitel").asText()).isEqualTo("Kapvergunning (gecorrigeerd)");

            byte[] second = Arrays.copyOf(PDF, PDF.length + 10);
            HttpResponse<String> replaced = sendBytes(service, "PUT", BASE + "/documenten/" + uuid
                    + "?redenVerwijderingVervanging=" + PROCEDURE, "application/pdf", second, aanleverToken(token));
            assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(202);
            assertThat(getBytes(service, BASE + "/documenten/" + uuid)).isEqualTo(second);

            // 4. withdrawal hides it from the public but keeps every version
            HttpResponse<String> withdrawn = service.delete(BASE + "/documenten/" + uuid
                    + "?redenVerwijderingVervanging=" + PRIVACY, aanleverToken(token));
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
            assertThat(withdrawn.body()).isEmpty(); // as PLOOI's deleteDocumentInstance
            assertPlooiError(service.get(BASE + "/metadata/" + uuid), 404, "Niet-gevonden-fout");
            assertPlooiError(service.get(BASE + "/documenten/" + uuid), 404, "Niet-gevonden-fout");
            assertThat(service.get(BASE + "/metadata/" + uuid, aanleverToken(token)).statusCode()).isEqualTo(200);

            JsonNode versions = TestService.json(service.get(BASE + "/metadata/" + uuid + "/versies",
                    aanleverToken(token))).path("versies");
            assertThat(versions.findValuesAsText("oorzaak"))
                    .containsExactly("aanlevering", "aanlevering", "wijziging", "wijziging", "intrekking");
            assertThat(versions.get(0).path("nummer").asInt()).isEqualTo(1);
            assertThat(versions.get(2).path("nummer").asInt()).isEqualTo(2);
            assertThat(versions.get(3).path("nummer").asInt()).isEqualTo(3);
            assertThat(versions.get(4).has("nummer")).isFalse();
            assertThat(versions.get(2).path("redenVerwijderingVervanging").path("id").asText()).isEqualTo(PRIVACY);
            assertThat(versions.get(3).path("redenVerwijderingVervanging").path("label").asText())
                    .isEqualTo("correctie procedurele fout");
            assertThat(versions.get(1).path("bestanden").path(0).path("size").asInt()).isEqualTo(PDF.length);
            assertThat(versions.get(0).path("datumtijd").asText()).isNotBlank();

            // 5. delivering the metadata again republishes it, with the last version number
            HttpResponse<String> again = service.put(BASE + "/metadata/" + uuid
                    + "?redenVerwijderingVervanging=" + PROCEDURE, changed.toString(), aanleverToken(token));
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(service.get(BASE + "/metadata/" + uuid).statusCode()).isEqualTo(200);
            JsonNode last = TestService.json(service.get(BASE + "/metadata/" + uuid + "/versies")).path("versies").get(5);
            assertThat(last.path("oorzaak").asText()).isEqualTo("herpublicatie");
            assertThat(last.path("nummer").asInt()).isEqualTo(3);
        } finally {
            service.destroy();
        }
    }

    @Test
    void labelsAreFilledInAndHistoricalPublisherResolvesToTheCurrentOrganisation() {
        String justitie = shared.createToken("organisation", "mnre1058", "write", null);
        ObjectNode metadata = exampleWithIdentifier("labels-1");
        ObjectNode document = (ObjectNode) metadata.get("document");
        document.putObject("publisher").put("id", "https://identifier.overheid.nl/tooi/id/ministerie/hv_04793043");
        document.remove("verantwoordelijke");
        ((ObjectNode) document.path("language")).remove("label");
        ((ObjectNode) document.path("classificatiecollectie").path("themas").path(0)).remove("label");

        HttpResponse<String> r = shared.post(BASE + "/metadata", metadata.toString(), TestService.withKey(justitie));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode stored = TestService.json(r).path("document");
        assertThat(stored.path("publisher").path("id").asText())
                .isEqualTo("https://identifier.overheid.nl/tooi/id/ministerie/mnre1058");
        assertThat(stored.path("publisher").path("label").asText()).isNotBlank();
        assertThat(stored.path("language").path("label").asText()).isEqualTo("Nederlands");
        assertThat(stored.path("classificatiecollectie").path("themas").path(0).path("label").asText()).isEqualTo("afval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/document/publisher", "/document/identifiers", "/document/language",
            "/document/titelcollectie/officieleTitel", "/document/classificatiecollectie/documentsoorten",
            "/document/classificatiecollectie/themas", "/document/documenthandelingen",
            "/document/documenthandelingen/0/atTime", "/document/titelcollectie", "/document"})
    void removingARequiredFieldIsRefusedNamingIt(String pointer) {
        ObjectNode metadata = exampleWithIdentifier("remove" + pointer);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        ((ObjectNode) metadata.at(parent.isEmpty() ? "" : parent)).remove(field);

        HttpResponse<String> r = shared.post(BASE + "/metadata", metadata.toString(), aanleverToken(denHaagToken));

        assertPlooiError(r, 400, "ValidatieMetadatafout");
        JsonNode messages = TestService.json(r).path("messages");
        assertThat(messages.findValuesAsText("content")).anyMatch(c -> c.contains(field));
        assertThat(messages.findValues("dataPointers").stream().flatMap(n -> n.findValuesAsText("").stream()).toList())
                .isNotNull();
        assertThat(messages.toString()).contains(pointer);
        assertThat(messages.get(0).path("schemaPointers").get(0).asText()).startsWith("#");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/document/publisher", "/document/verantwoordelijke", "/document/language",
            "/document/format", "/document/classificatiecollectie/documentsoorten/0",
            "/document/classificatiecollectie/themas/0", "/document/documenthandelingen/0/soortHandeling",
            "/document/documenthandelingen/0/wasAssociatedWith"})
    void anUnknownUriInACodedValueIsRefusedNamingIt(String pointer) {
        ObjectNode metadata = exampleWithIdentifier("unknown" + pointer);
        ((ObjectNode) metadata.at(pointer)).put("id", "https://identifier.overheid.nl/tooi/def/thes/kern/c_00000000");

        HttpResponse<String> r = shared.post(BASE + "/metadata", metadata.toString(), aanleverToken(denHaagToken));

        assertPlooiError(r, 400, "ValidatieMetadatafout");
        JsonNode message = TestService.json(r).path("messages").get(0);
        assertThat(message.path("dataPointers").get(0).asText()).isEqualTo(pointer + "/id");
        assertThat(message.path("content").asText()).contains(pointer).contains("c_00000000");
    }

    @Test
    void malformedJsonAndUnknownFieldsAreRefusedNamingWhere() {
        String broken = example().replace("\"naamOpsteller\": \"Klaas\",", "\"naamOpsteller\": Klaas,");
        HttpResponse<String> r = shared.post(BASE + "/metadata", broken, aanleverToken(denHaagToken));
        assertPlooiError(r, 400, "Parsefout");
        assertThat(TestService.json(r).path("detail").asText()).contains("/document/naamOpsteller").contains("regel");

        ObjectNode extra = exampleWithIdentifier("extra-field");
        ((ObjectNode) extra.get("document")).put("kleur", "rood");
        HttpResponse<String> unknown = shared.post(BASE + "/metadata", extra.toString(), aanleverToken(denHaagToken));
        assertPlooiError(unknown, 400, "ValidatieMetadatafout");
        assertThat(TestService.json(unknown).path("messages").toString()).contains("kleur");

        HttpResponse<String> notJson = sendBytes(shared, "POST", BASE + "/metadata", "text/plain",
                example().getBytes(StandardCharsets.UTF_8), aanleverToken(denHaagToken));
        assertPlooiError(notJson, 415, "MediatypeMetadatafout");
        assertThat(TestService.json(notJson).path("supportedMediaTypes").toString()).contains("application/json");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void anOrganisationsTokenCanNeverActForAnother(TestService.Store store) {
        TestService service = TestService.start(store);
        try {
            String denHaag = service.createToken("organisation", "gm0518", "write", null);
            String amsterdam = service.createToken("organisation", "gm0363", "write", null);
            String denHaagRead = service.createToken("organisation", "gm0518", "read", null);

            HttpResponse<String> anonymous = service.post(BASE + "/metadata", example());
            assertPlooiError(anonymous, 401, "Identificatiefout");
            assertThat(TestService.json(anonymous).path("detail").asText()).contains("Aanlever-Token");
            assertPlooiError(service.post(BASE + "/metadata", example(), aanleverToken("vp_wrong")), 401,
                    "Identificatiefout");
            assertPlooiError(service.post(BASE + "/metadata", example(), aanleverToken(amsterdam)), 403,
                    "Autorisatiefout");
            assertPlooiError(service.post(BASE + "/metadata", example(), aanleverToken(denHaagRead)), 403,
                    "Autorisatiefout");

            HttpResponse<String> created = service.post(BASE + "/metadata", example(),
                    "Authorization", "Bearer " + denHaag);
            assertThat(created.statusCode()).isEqualTo(201);
            String uuid = uuidOf(created);
            String reason = "?redenVerwijderingVervanging=" + PRIVACY;

            assertPlooiError(sendBytes(service, "POST", BASE + "/documenten/" + uuid, "application/pdf", PDF,
                    aanleverToken(amsterdam)), 403, "Autorisatiefout");
            assertPlooiError(service.put(BASE + "/metadata/" + uuid + reason, example(), aanleverToken(amsterdam)),
                    403, "Autorisatiefout");
            assertPlooiError(service.delete(BASE + "/documenten/" + uuid + reason, aanleverToken(amsterdam)), 403,
                    "Autorisatiefout");
            // Moving the document to another publisher is a conflict, even for the right token.
            ObjectNode moved = (ObjectNode) Json.read(example());
            ((ObjectNode) moved.path("document").path("publisher")).put("id",
                    "https://identifier.overheid.nl/tooi/id/gemeente/gm0363");
            assertPlooiError(service.put(BASE + "/metadata/" + uuid + reason, moved.toString(), TestService.withKey(denHaag)),
                    409, "Conflictfout");
            ObjectNode otherPid = (ObjectNode) Json.read(example());
            ((ObjectNode) otherPid.get("document")).put("pid", "https://example.org/documenten/x");
            assertPlooiError(service.put(BASE + "/metadata/" + uuid + reason, otherPid.toString(),
                    TestService.withKey(denHaag)), 409, "Conflictfout");

            assertThat(service.get(BASE + "/metadata/" + uuid).statusCode()).isEqualTo(200);
            assertThat(TestService.json(service.get(BASE + "/metadata/" + uuid + "/versies")).path("versies"))
                    .hasSize(1);
        } finally {
            service.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void deliveringTheSameIdentifiersAgainPointsAtTheExistingDocument(TestService.Store store) {
        TestService service = TestService.start(store);
        try {
            String denHaag = service.createToken("organisation", "gm0518", "write", null);
            HttpResponse<String> first = service.post(BASE + "/metadata", example(), aanleverToken(denHaag));
            HttpResponse<String> second = service.post(BASE + "/metadata", example(), aanleverToken(denHaag));
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
            assertThat(TestService.json(second).path("document").path("pid").asText())
                    .isEqualTo(TestService.json(first).path("document").path("pid").asText());

            JsonNode found = TestService.json(service.get(BASE + "/_zoek?publisher=" + DEN_HAAG));
            assertThat(found.path("totaal").asInt()).isEqualTo(1);

            // The same identifier from another publisher is another document.
            String utrecht = service.createToken("organisation", "gm0344", "write", null);
            ObjectNode other = (ObjectNode) Json.read(example());
            ((ObjectNode) other.path("document").path("publisher")).put("id",
                    "https://identifier.overheid.nl/tooi/id/gemeente/gm0344").remove("label");
            HttpResponse<String> third = service.post(BASE + "/metadata", other.toString(), aanleverToken(utrecht));
            assertThat(third.statusCode()).isEqualTo(201);
            assertThat(third.headers().firstValue("Location")).isNotEqualTo(first.headers().firstValue("Location"));
        } finally {
            service.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void simultaneousIdenticalDeliveriesMakeOneDocument(TestService.Store store) throws Exception {
        TestService service = TestService.start(store);
        try {
            String key = service.createToken("organisation", "gm0518", "write", null);
            String body = exampleWithIdentifier("tegelijk-1").toString();
            assertOneDocumentMade(deliverAtOnce(service, key, java.util.Collections.nCopies(8, body)));
            assertThat(TestService.json(service.get(BASE + "/_zoek?publisher=" + DEN_HAAG)).path("totaal").asInt())
                    .isEqualTo(1);
        } finally {
            service.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void simultaneousDeliveriesSharingAnyIdentifierMakeOneDocument(TestService.Store store) throws Exception {
        TestService service = TestService.start(store);
        try {
            String key = service.createToken("organisation", "gm0518", "write", null);
            java.util.List<String> bodies = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // Each has a first identifier of its own; they share only the second.
                ObjectNode metadata = exampleWithIdentifier("eigen-" + i);
                ((ArrayNode) metadata.path("document").path("identifiers")).add("gedeeld-1");
                bodies.add(metadata.toString());
            }
            java.util.List<HttpResponse<String>> answers = deliverAtOnce(service, key, bodies);
            assertOneDocumentMade(answers);
            java.util.Set<String> locations = new java.util.HashSet<>();
            answers.forEach(r -> locations.add(r.headers().firstValue("Location").orElseThrow()));
            // Delivered again later with only the shared identifier: still the same document.
            HttpResponse<String> again = service.post(BASE + "/metadata", exampleWithIdentifier("gedeeld-1").toString(),
                    aanleverToken(key));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("Location").orElseThrow()).isEqualTo(locations.iterator().next());
            assertThat(TestService.json(service.get(BASE + "/_zoek?publisher=" + DEN_HAAG)).path("totaal").asInt())
                    .isEqualTo(1);
        } finally {
            service.destroy();
        }
    }

    /** Posts every body at the same moment, each from a thread of its own. */
    private static java.util.List<HttpResponse<String>> deliverAtOnce(TestService service, String key,
                                                                     java.util.List<String> bodies) throws Exception {
        java.util.List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (String body : bodies) {
                answers.add(pool.submit(() -> service.post(BASE + "/metadata", body, aanleverToken(key))));
            }
        }
        java.util.List<HttpResponse<String>> done = new java.util.ArrayList<>();
        for (var answer : answers) {
            done.add(answer.get());
        }
        return done;
    }

    /** Exactly one answer created a document (201); the others point at it (200, same Location). */
    private static void assertOneDocumentMade(java.util.List<HttpResponse<String>> answers) {
        java.util.Set<String> locations = new java.util.HashSet<>();
        int created = 0;
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
            created += r.statusCode() == 201 ? 1 : 0;
            locations.add(r.headers().firstValue("Location").orElseThrow());
        }
        assertThat(created).isEqualTo(1);
        assertThat(locations).hasSize(1);
    }

    @Test
    void filesAreCheckedByTypeAndMagicBytes() throws Exception {
        HttpResponse<String> created = shared.post(BASE + "/metadata", exampleWithIdentifier("files-1").toString(),
                aanleverToken(denHaagToken));
        String uuid = uuidOf(created);
        String path = BASE + "/documenten/" + uuid;

        HttpResponse<String> word = sendBytes(shared, "POST", path, "application/msword", PDF, aanleverToken(denHaagToken));
        assertPlooiError(word, 415, "Mediatypefout");
        assertThat(TestService.json(word).path("supportedMediaTypes").toString()).contains("application/pdf", "application/zip");
        assertPlooiError(sendBytes(shared, "POST", path, "application/pdf", "hello, not a pdf".getBytes(StandardCharsets.UTF_8),
                aanleverToken(denHaagToken)), 415, "Mediatypefout");
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0};
        assertPlooiError(sendBytes(shared, "POST", path, "application/pdf", zip, aanleverToken(denHaagToken)), 400,
                "Bestandstype-fout");
        assertPlooiError(shared.get(path), 404, "Niet-gevonden-fout");

        HttpResponse<String> ok = sendBytes(shared, "POST", path, "application/zip", zip, aanleverToken(denHaagToken));
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(getBytes(shared, path)).isEqualTo(zip);
        // A second POST is refused; replacing is PUT.
        assertPlooiError(sendBytes(shared, "POST", path, "application/zip", zip, aanleverToken(denHaagToken)), 409,
                "Conflictfout");
    }

    @Test
    void openApiDocumentIsServed() {
        HttpResponse<String> r = shared.get(BASE + "/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestService.json(r).path("paths").has("/documenten/{uuid}")).isTrue();
    }

    @Test
    void badAndUnknownIdsAreValidationAndNotFoundErrors() {
        assertPlooiError(shared.get(BASE + "/metadata/not-a-uuid"), 400, "Validatiefout");
        assertPlooiError(shared.get(BASE + "/metadata/" + UUID.randomUUID()), 404, "Niet-gevonden-fout");
        assertPlooiError(shared.put(BASE + "/metadata/not-a-uuid", example(), aanleverToken(denHaagToken)), 400,
                "Validatiefout");
        assertPlooiError(shared.delete(BASE + "/documenten/" + UUID.randomUUID(), aanleverToken(denHaagToken)), 404,
                "Niet-gevonden-fout");
        assertPlooiError(shared.get(BASE + "/_zoek"), 400, "Validatiefout");
    }

    @Test
    void tooLargeFilesAreRefusedAndNotStored() {
        TestService small = TestService.start(TestService.Store.SQLITE, c -> c.with(c.documents().withMaxDocumentBytes(100)));
        try {
            String token = small.createToken("organisation", "gm0518", "write", null);
            String uuid = uuidOf(small.post(BASE + "/metadata", example(), aanleverToken(token)));
            byte[] big = Arrays.copyOf(PDF, 5000);
            assertPlooiError(sendBytes(small, "POST", BASE + "/documenten/" + uuid, "application/pdf", big,
                    aanleverToken(token)), 413, "BestandTeGrootFout");
            assertPlooiError(small.get(BASE + "/documenten/" + uuid), 404, "Niet-gevonden-fout");
            assertThat(TestService.json(small.get(BASE + "/metadata/" + uuid + "/versies")).path("versies")).hasSize(1);
        } finally {
            small.destroy();
        }
    }

    @Test
    void embargoKeepsADocumentOutOfPublicReadsUntilItsMoment() throws Exception {
        Instant moment = Instant.now().plusSeconds(3);
        HttpResponse<String> created = shared.post(BASE + "/metadata?zichtbaarheidsdatumtijd=" + moment,
                exampleWithIdentifier("embargo-1").toString(), aanleverToken(denHaagToken));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uuid = uuidOf(created);
        String search = BASE + "/_zoek?publisher=" + DEN_HAAG + "&aantal=100";

        assertPlooiError(shared.get(BASE + "/metadata/" + uuid), 404, "Niet-gevonden-fout");
        assertThat(shared.get(BASE + "/metadata/" + uuid, aanleverToken(denHaagToken)).statusCode()).isEqualTo(200);
        assertThat(TestService.json(shared.get(search)).toString()).doesNotContain(uuid);
        assertThat(TestService.json(shared.get(search, aanleverToken(denHaagToken))).toString()).contains(uuid);

        while (Instant.now().isBefore(moment.plusMillis(100))) {
            Thread.sleep(100);
        }
        assertThat(shared.get(BASE + "/metadata/" + uuid).statusCode()).isEqualTo(200);
        assertThat(TestService.json(shared.get(search)).toString()).contains(uuid);
    }

    @Test
    void searchPagesWithHalLinks() {
        TestService service = TestService.start(TestService.Store.SQLITE);
        try {
            String token = service.createToken("organisation", "gm0518", "write", null);
            for (int i = 0; i < 5; i++) {
                assertThat(service.post(BASE + "/metadata", exampleWithIdentifier("zoek-" + i).toString(),
                        aanleverToken(token)).statusCode()).isEqualTo(201);
            }
            HttpResponse<String> r = service.get(BASE + "/_zoek?publisher=" + DEN_HAAG + "&start=2&aantal=2");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/hal+json");
            JsonNode page = TestService.json(r);
            assertThat(page.path("totaal").asInt()).isEqualTo(5);
            assertThat(page.path("_embedded").path("resultaten")).hasSize(2);
            assertThat(page.path("_links").path("self").path("href").asText()).contains("start=2");
            assertThat(page.path("_links").path("next").path("href").asText()).contains("start=4");
            assertThat(page.path("_links").path("first").path("href").asText()).contains("start=0");
            assertThat(page.path("_links").path("last").path("href").asText()).contains("start=4");
            JsonNode lastPage = TestService.json(service.get(BASE + "/_zoek?publisher=" + DEN_HAAG + "&pagina=3&aantal=2"));
            assertThat(lastPage.path("_embedded").path("resultaten")).hasSize(1);
            assertThat(lastPage.path("_links").has("next")).isFalse();
            assertThat(lastPage.path("_embedded").path("resultaten").get(0).path("document").path("identifiers").get(0)
                    .asText()).isEqualTo("zoek-0");
        } finally {
            service.destroy();
        }
    }

    @Test
    void demoDataIncludesDeliveredDocumentsAndRestartingAddsNone() {
        TestService demo = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
        try {
            JsonNode found = TestService.json(demo.get(BASE + "/_zoek?publisher=" + DEN_HAAG));
            assertThat(found.path("totaal").asInt()).isEqualTo(1);
            String pid = found.path("_embedded").path("resultaten").get(0).path("document").path("pid").asText();
            assertThat(pid).startsWith(demo.url(BASE + "/documenten/"));
            JsonNode amsterdam = TestService.json(demo.get(BASE
                    + "/_zoek?publisher=https://identifier.overheid.nl/tooi/id/gemeente/gm0363"));
            assertThat(amsterdam.path("_embedded").path("resultaten").get(0).path("document")
                    .path("classificatiecollectie").path("informatiecategorieen").get(0).path("label").asText())
                    .isEqualTo("convenant");

            TestService again = demo.restart();
            demo = again;
            assertThat(TestService.json(again.get(BASE + "/_zoek?publisher=" + DEN_HAAG)).path("totaal").asInt())
                    .isEqualTo(1);
        } finally {
            demo.destroy();
        }
    }
}

package nl.vindplaats.documents.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.documents.OpenDataFixtures;
import nl.vindplaats.testing.Concurrently;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Filters, paging, sources, visibility, infotype lists and errors of the open data API, over real HTTP. */
class OpenDataApiTest {
    static TestService service;
    static String defensieBrief;
    static String defensieRapport;
    static String ocwBrief;
    static String azNota;
    static String ocwByDefensie;

    @BeforeAll
    static void deliver() {
        service = TestService.start(TestService.Store.SQLITE);
        defensieBrief = OpenDataFixtures.deliver(service, Spec.of("Brief over de krijgsmacht", DEFENSIE, BRIEF)
                .themas(ARBEIDSVERHOUDINGEN));
        defensieRapport = OpenDataFixtures.deliver(service, Spec.of("Rapport over materieel", DEFENSIE, RAPPORT)
                .themas(ZORG));
        ocwBrief = OpenDataFixtures.deliver(service, Spec.of("Brief over leraren", OCW, BRIEF).themas(ONDERWIJS));
        azNota = OpenDataFixtures.deliver(service, Spec.of("Nota over de ministerraad", AZ, BELEIDSNOTA)
                .themas(ONDERWIJS, ZORG));
        // published by OCW, Defensie responsible: found under both organisational units
        ocwByDefensie = OpenDataFixtures.deliver(service, Spec.of("Brief over defensieonderwijs", OCW, BRIEF)
                .responsible(DEFENSIE).themas(ONDERWIJS));
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    static List<String> list(String path) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ids(r.body());
    }

    @Test
    void listsOrderedByLastModificationMostRecentLast() {
        assertThat(list("/v1/documents")).containsExactly(defensieBrief, defensieRapport, ocwBrief, azNota,
                ocwByDefensie);
        // a change makes a document the most recently modified
        String metadata = service.get(PLOOI + "/metadata/" + defensieBrief).body();
        HttpResponse<String> changed = service.put(PLOOI + "/metadata/" + defensieBrief
                + "?redenVerwijderingVervanging=" + PRIVACY, metadata, service.asAdmin());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(201);
        assertThat(list("/v1/documents")).containsExactly(defensieRapport, ocwBrief, azNota, ocwByDefensie,
                defensieBrief);
    }

    @Test
    void filtersBySlugsAsTheInfotypeListsNameThem() {
        assertThat(list("/v1/documents?type=brief")).containsExactlyInAnyOrder(defensieBrief, ocwBrief, ocwByDefensie);
        assertThat(list("/v1/documents?subject=onderwijs-en-wetenschap"))
                .containsExactlyInAnyOrder(ocwBrief, azNota, ocwByDefensie);
        assertThat(list("/v1/documents?organisationalunit=ministerie-van-defensie"))
                .containsExactlyInAnyOrder(defensieBrief, defensieRapport, ocwByDefensie);
        // the platform slug of the organisation works too
        assertThat(list("/v1/documents?organisationalunit=mnre1018"))
                .containsExactlyInAnyOrder(defensieBrief, defensieRapport, ocwByDefensie);
        // combinations
        assertThat(list("/v1/documents?type=brief&organisationalunit=ministerie-van-defensie"))
                .containsExactlyInAnyOrder(defensieBrief, ocwByDefensie);
        assertThat(list("/v1/sources/rijksoverheid/documents?type=brief&subject=onderwijs-en-wetenschap"
                + "&organisationalunit=ministerie-van-onderwijs-cultuur-en-wetenschap"))
                .containsExactlyInAnyOrder(ocwBrief, ocwByDefensie);
        // a slug no document uses: an empty list, not an error
        assertThat(service.get("/v1/documents?type=kaart").body().strip()).endsWith("<documents/>");
    }

    @Test
    void lastModifiedSinceInQueryAndPathForm() {
        String today = LocalDate.now(ZoneId.of("Europe/Amsterdam")).format(DateTimeFormatter.BASIC_ISO_DATE);
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(1)
                .format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(list("/v1/documents?lastmodifiedsince=" + today)).hasSize(5);
        assertThat(list("/v1/documents?lastmodifiedsince=" + tomorrow)).isEmpty();
        assertThat(list("/v1/documents/lastmodifiedsince/" + today)).hasSize(5);
        assertThat(list("/v1/documents/lastmodifiedsince/" + today + "/")).hasSize(5);
        assertThat(list("/v1/sources/rijksoverheid/documents/lastmodifiedsince/" + tomorrow + "?type=brief")).isEmpty();
        assertThat(list("/v1/documents?lastmodifiedsince=20000101&type=rapport")).containsExactly(defensieRapport);
    }

    @Test
    void organisationSourcesHoldTheirPublishedDocuments() {
        assertThat(list("/v1/sources/mnre1018/documents")).containsExactlyInAnyOrder(defensieBrief, defensieRapport);
        assertThat(service.get("/v1/sources/mnre1018/documents/" + defensieRapport).statusCode()).isEqualTo(200);
        assertThat(service.get("/v1/sources/mnre1018/documents/" + ocwBrief).statusCode()).isEqualTo(404);
        Element doc = xml(service.get("/v1/sources/mnre1018/documents/" + defensieRapport).body())
                .getDocumentElement();
        assertThat(path(text(doc, "dataurl"))).isEqualTo("/v1/sources/mnre1018/documents/" + defensieRapport);

        HttpResponse<String> unknown = service.get("/v1/sources/nergens/documents");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(xml(unknown.body()).getDocumentElement(), "message")).contains("'nergens'", "rijksoverheid");
        assertThat(service.get("/v1/sources/nergens/documents/" + ocwBrief).statusCode()).isEqualTo(404);
        assertThat(service.get("/v1/documents/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void aDocumentsCanonicalIsItsPageOnThePortal() {
        String page = service.url("/documenten/" + defensieRapport);
        Element detail = xml(service.get("/v1/documents/" + defensieRapport).body()).getDocumentElement();
        assertThat(text(detail, "canonical")).isEqualTo(page);
        JsonNode listed = TestService.json(service.get("/v1/documents?type=rapport&output=json")).get(0);
        assertThat(listed.path("canonical").asText()).isEqualTo(page);

        HttpResponse<String> shown = service.get(path(page), "Accept", "text/html");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Rapport over materieel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lastmodifiedsince=2022-04-01", "lastmodifiedsince=20221301", "offset=-1",
            "offset=tien", "rows=abc", "rows=0", "output=html"})
    void invalidParametersGetA400NamingTheParameter(String parameter) {
        HttpResponse<String> r = service.get("/v1/documents?" + parameter);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        Element error = xml(r.body()).getDocumentElement();
        assertThat(error.getTagName()).isEqualTo("error");
        assertThat(text(error, "message")).contains(parameter.substring(0, parameter.indexOf('=')));

        HttpResponse<String> path = service.get("/v1/documents/lastmodifiedsince/gisteren");
        assertThat(path.statusCode()).isEqualTo(400);
    }

    @Test
    void errorsInJsonWhenJsonIsAsked() {
        HttpResponse<String> r = service.get("/v1/documents?output=json&offset=-5");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(TestService.json(r).path("message").asText()).contains("offset", "-5");
    }

    @Test
    void infotypeListsNameTheFilterValues() {
        Element types = xml(service.get("/v1/documents/infotypes").body()).getDocumentElement();
        assertThat(types.getTagName()).isEqualTo("infotypes");
        List<Element> items = children(types, "infotype");
        assertThat(items).extracting(e -> text(e, "name")).containsExactly("beleidsnota", "brief", "rapport");
        assertThat(OpenDataCompatibilityTest.names(children(items.getFirst())))
                .containsExactly("informationtype", "id", "name", "namesingular", "lastmodified");
        assertThat(text(items.get(1), "id")).isEqualTo(BRIEF);
        assertThat(text(items.get(1), "lastmodified")).matches(OpenDataCompatibilityTest.UTC_MILLIS);

        JsonNode subjects = TestService.json(service.get("/v1/sources/rijksoverheid/infotypes/subject?output=json"));
        assertThat(subjects.findValuesAsText("name")).containsExactly("arbeidsverhoudingen", "onderwijs-en-wetenschap",
                "zorg-en-gezondheid");
        assertThat(subjects.get(1).path("title").asText()).isEqualTo("onderwijs en wetenschap");
        Element ministries = xml(service.get("/v1/infotypes/ministry").body()).getDocumentElement();
        assertThat(children(ministries, "ministry")).extracting(e -> text(e, "name")).containsExactly(
                "ministerie-van-algemene-zaken", "ministerie-van-defensie",
                "ministerie-van-onderwijs-cultuur-en-wetenschap");
        // within one source only its documents' values; paging like the lists
        assertThat(TestService.json(service.get("/v1/sources/mnre1018/documents/infotypes?output=json"))
                .findValuesAsText("name")).containsExactly("brief", "rapport");
        assertThat(TestService.json(service.get("/v1/infotypes/ministry?output=json&rows=1&offset=1"))
                .findValuesAsText("name")).containsExactly("ministerie-van-defensie");
        // every name filters
        for (String name : subjects.findValuesAsText("name")) {
            assertThat(list("/v1/documents?subject=" + name)).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void withdrawnAndEmbargoedDocumentsAreNotThere(TestService.Store store) {
        TestService own = TestService.start(store);
        try {
            String shown = OpenDataFixtures.deliver(own, Spec.of("Openbaar besluit", FINANCIEN, BRIEF));
            String embargoed = OpenDataFixtures.deliver(own, Spec.of("Besluit onder embargo", FINANCIEN, BRIEF)
                    .embargoUntil("2099-01-01T09:00:00%2B01:00"));
            String withdrawn = OpenDataFixtures.deliver(own, Spec.of("Ingetrokken besluit", FINANCIEN, BRIEF));
            String fileOfWithdrawn = path(text(children(children(xml(own.get("/v1/documents/" + withdrawn).body())
                    .getDocumentElement(), "files").getFirst(), "file").getFirst(), "fileurl"));
            assertThat(own.get(fileOfWithdrawn).statusCode()).isEqualTo(200);
            withdraw(own, withdrawn);

            assertThat(ids(own.get("/v1/documents").body())).containsExactly(shown);
            assertThat(ids(own.get("/v1/sources/mnre1090/documents").body())).containsExactly(shown);
            for (String hidden : List.of(embargoed, withdrawn)) {
                assertThat(own.get("/v1/documents/" + hidden).statusCode()).isEqualTo(404);
                assertThat(own.get("/v1/sources/mnre1090/documents/" + hidden + "?output=json").statusCode())
                        .isEqualTo(404);
            }
            assertThat(own.get(fileOfWithdrawn).statusCode()).isEqualTo(404);
            assertThat(TestService.json(own.get("/v1/documents/infotypes?output=json"))).hasSize(1);
        } finally {
            own.destroy();
        }
    }

    /** PLOOI's harvester pages with rows and offset until an empty {@code <documents/>}; so do we. */
    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void harvestLoopCollectsEveryPublicDocumentExactlyOnce(TestService.Store store) {
        TestService own = TestService.start(store);
        try {
            Set<String> deliveredIds = new HashSet<>(Concurrently.map(205, i -> OpenDataFixtures.deliver(own,
                    Spec.of("Document " + i, i % 2 == 0 ? AZ : OCW, i % 3 == 0 ? RAPPORT : BRIEF).withoutFile())));
            // rows above 200 are capped at 200
            assertThat(ids(own.get("/v1/documents?rows=1000").body())).hasSize(200);
            assertThat(TestService.json(own.get("/v1/documents?output=json")).size()).isEqualTo(25);

            List<String> harvested = new ArrayList<>();
            int offset = 0;
            while (true) {
                String page = own.get("/v1/sources/rijksoverheid/documents?rows=30"
                        + (offset == 0 ? "" : "&offset=" + offset) + "&lastmodifiedsince=20000101").body();
                List<String> ids = ids(page);
                if (ids.isEmpty()) {
                    assertThat(page.strip()).endsWith("<documents/>");
                    break;
                }
                harvested.addAll(ids);
                offset += 30;
            }
            assertThat(harvested).hasSize(205).doesNotHaveDuplicates();
            assertThat(new HashSet<>(harvested)).isEqualTo(deliveredIds);
        } finally {
            own.destroy();
        }
    }
}

package nl.vindplaats.valuelists;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ValueListApiTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE);
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    @Test
    void listsEveryValueListWithItsSize() {
        HttpResponse<String> r = service.get("/waardelijsten/v1/lists");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("API-Version")).contains("1.0.0");
        JsonNode lists = TestService.json(r).path("lists");
        assertThat(lists.findValuesAsText("name")).contains("gemeenten", "ministeries", "provincies", "waterschappen",
                "caribische-openbare-lichamen", "overige-overheidsorganisaties", "documentsoorten", "themas", "talen",
                "bestandstypen", "documenthandelingen", "documentrelaties", "redenen-intrekking-vervanging",
                "informatiecategorieen");
        for (JsonNode list : lists) {
            if (list.path("name").asText().equals("informatiecategorieen")) {
                assertThat(list.path("itemCount").asInt()).isEqualTo(18);
            }
            if (list.path("name").asText().equals("provincies")) {
                assertThat(list.path("itemCount").asInt()).isEqualTo(12);
            }
        }
    }

    @Test
    void itemsArePagedAndFoundByLabelPrefix() {
        JsonNode page = TestService.json(service.get("/waardelijsten/v1/lists/gemeenten?pageSize=5&page=2"));
        assertThat(page.path("items")).hasSize(5);
        assertThat(page.path("total").asInt()).isGreaterThan(500);
        assertThat(page.path("page").asInt()).isEqualTo(2);

        HttpResponse<String> r = service.get("/waardelijsten/v1/lists/gemeenten?label=Utrecht");
        JsonNode found = TestService.json(r);
        assertThat(found.path("items").findValuesAsText("identifier"))
                .contains("https://identifier.overheid.nl/tooi/id/gemeente/gm0344");
        assertThat(found.path("items").findValuesAsText("label")).allMatch(l -> l.toLowerCase().contains("utrecht"));
        assertThat(r.headers().firstValue("Total-Count")).contains(Integer.toString(found.path("total").asInt()));
        assertThat(r.headers().firstValue("Link").orElseThrow()).contains("?label=Utrecht&page=1");

        JsonNode themes = TestService.json(service.get("/waardelijsten/v1/lists/themas?label=afv"));
        assertThat(themes.path("items").findValuesAsText("identifier"))
                .contains("https://identifier.overheid.nl/tooi/def/thes/top/c_d96f9cd3");
    }

    @Test
    void unknownListAndBadPagingAreClearErrors() {
        HttpResponse<String> missing = service.get("/waardelijsten/v1/lists/kleuren");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<String> bad = service.get("/waardelijsten/v1/lists/talen?pageSize=1000");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestService.json(bad).path("invalidParams").findValuesAsText("name")).contains("pageSize");
    }

    @Test
    void openApiDocumentIsServed() {
        HttpResponse<String> r = service.get("/waardelijsten/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestService.json(r).path("paths").has("/lists/{name}")).isTrue();
    }

    @Test
    void historicalOrganisationResolvesToTheCurrentOne() {
        ValueLists lists = service.app().valueLists();
        // hv_04793043 is a historical version of the ministry mnre1058 (Justitie en Veiligheid).
        assertThat(lists.organisation("https://identifier.overheid.nl/tooi/id/ministerie/hv_04793043"))
                .map(ValueItem::identifier).contains("https://identifier.overheid.nl/tooi/id/ministerie/mnre1058");
        assertThat(lists.organisation("https://identifier.overheid.nl/tooi/id/gemeente/gm9999")).isEmpty();
        assertThat(lists.list("gemeenten").orElseThrow().items()).noneMatch(i -> i.identifier().contains("/hv_"));
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void everyListedOrganisationIsAPlatformOrganisationOnce(TestService.Store store) {
        TestService first = TestService.start(store);
        try {
            int count = service.app().valueLists().organisations().size();
            HttpResponse<String> one = first.get("/platform/v1/organisations/gm0518");
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(TestService.json(one).path("id").asText())
                    .isEqualTo("https://identifier.overheid.nl/tooi/id/gemeente/gm0518");
            JsonNode all = TestService.json(first.get("/platform/v1/organisations?pageSize=1"));
            // Besides them there is one: the instance's own, which owns its own APIs in the API register.
            HttpResponse<String> own = first.get("/platform/v1/organisations/vindplaats");
            assertThat(TestService.json(own).path("id").asText())
                    .isEqualTo(first.config().instanceOrganisationUriOrDefault());
            assertThat(all.path("total").asLong()).isEqualTo(count + 1);

            TestService again = first.restart();
            first = again;
            assertThat(TestService.json(again.get("/platform/v1/organisations?pageSize=1")).path("total").asLong())
                    .isEqualTo(count + 1);
            // A token can be scoped to a listed organisation by its slug.
            String token = again.createToken("organisation", "gm0518", "write", null);
            assertThat(token).startsWith("vp_");
        } finally {
            first.destroy();
        }
    }
}

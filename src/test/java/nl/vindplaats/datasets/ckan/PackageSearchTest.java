package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** package_search as CKAN's own tests pin it down (behaviours 9–23 of ckan-behaviours.md). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackageSearchTest {
    // The tests of refused requests write nothing, so they share one service; every other test counts what the
    // whole store holds, and starts its own.
    private TestService refusing;

    private TestService refusing() {
        if (refusing == null) {
            refusing = TestService.start(TestService.Store.SQLITE);
        }
        return refusing;
    }

    @AfterAll
    void stop() {
        if (refusing != null) {
            refusing.destroy();
        }
    }

    private static List<String> names(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("results").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b09_qMatchesTitleAndCountIsTheTotal(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("ds-1", "org-a", Map.of("title", "Luchtkwaliteit Rotterdam"));
            ckan.dataset("ds-2", "org-a", Map.of("title", "Luchtkwaliteit Utrecht"));
            ckan.dataset("ds-3", "org-a", Map.of("title", "Parkeerplaatsen"));
            JsonNode r = ckan.read("package_search", "q=luchtkwaliteit&rows=1");
            assertThat(r.path("count").asInt()).isEqualTo(2);
            assertThat(r.path("results").size()).isEqualTo(1);
            assertThat(ckan.read("package_search", "q=" + Ckan.enc("title:parkeerplaatsen")).path("count").asInt())
                    .isEqualTo(1);
        }
    }

    /**
     * Facet counts and the total come from matching the words in `text` alone, the page from every searched
     * field: a word found only in a name, a title, a tag or a group's name must be counted there too.
     */
    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void countsAndFacetsMatchWhatThePageMatches(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.call("group_create", Map.of("name", "stadsbomen", "title", "Groen in de stad"), ckan.sysadmin());
            ckan.dataset("stikstofdepositie-2024", "org-a", Map.of("title", "Neerslag"));
            ckan.dataset("ds-2", "org-a", Map.of("title", "Grondwaterstanden", "tags", List.of(Map.of("name", "peilbuis"))));
            ckan.dataset("ds-3", "org-a", Map.of("title", "Kapvergunningen", "groups", List.of(Map.of("name", "stadsbomen"))));
            ckan.dataset("ds-4", "org-a", Map.of("title", "Stikstofdepositie en peilbuis",
                    "groups", List.of(Map.of("name", "stadsbomen"))));
            for (String q : List.of("stikstofdepositie", "peilbuis", "stadsbomen", "grondwaterstanden",
                    "peilbuis stadsbomen", "stikstofdepositie neerslag", "de stadsbomen", "stadsbomen -peilbuis")) {
                JsonNode r = ckan.read("package_search", "q=" + Ckan.enc(q) + "&facet.field="
                        + Ckan.enc("[\"organization\"]"));
                long counted = r.path("facets").path("organization").path("org-a").asLong();
                assertThat(r.path("count").asInt()).as(q).isEqualTo(r.path("results").size()).isPositive();
                assertThat(counted).as(q).isEqualTo(r.path("results").size());
                JsonNode byName = ckan.read("package_search", "q=" + Ckan.enc(q) + "&sort=" + Ckan.enc("name asc"));
                assertThat(names(byName)).as(q).containsExactlyInAnyOrderElementsOf(names(r));
            }
        }
    }

    /**
     * CKAN's Solr schema keeps name, tags and groups as string fields, so a plain word earns their boosts only when
     * it is a whole value; inside a longer value it counts in `text` alone.
     */
    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void plainWordsEarnTheBoostsOfNameTagsAndGroupsOnlyAsWholeValues(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.call("group_create", Map.of("name", "water", "title", "Water"), ckan.sysadmin());
            ckan.call("group_create", Map.of("name", "water-en-bodem", "title", "Bodem"), ckan.sysadmin());
            ckan.dataset("water-meting", "org-a", Map.of("title", "Meting",
                    "tags", List.of(Map.of("name", "water kwaliteit"))));
            ckan.dataset("meting-b", "org-a", Map.of("title", "Meting", "tags", List.of(Map.of("name", "water"))));
            assertThat(names(ckan.read("package_search", "q=water"))).containsExactly("meting-b", "water-meting");

            ckan.dataset("meting-c", "org-a", Map.of("title", "Meting", "groups", List.of(Map.of("name", "water"))));
            ckan.dataset("meting-d", "org-a", Map.of("title", "Meting",
                    "groups", List.of(Map.of("name", "water-en-bodem"))));
            JsonNode r = ckan.read("package_search", "q=" + Ckan.enc("water meting") + "&rows=2");
            assertThat(names(r)).containsExactlyInAnyOrder("meting-b", "meting-c");
            assertThat(r.path("count").asInt()).isEqualTo(4);
        }
    }

    /**
     * Lists answer from the dicts kept in the index, with the organisation and groups joined when asked: each
     * must be package_show's dict, also after the dataset, its group and its organisation change.
     */
    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void everyListShowsWhatPackageShowShows(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.call("group_create", Map.of("name", "stadsbomen", "title", "Groen in de stad"), ckan.sysadmin());
            ckan.dataset("bomen", "org-a", Map.of("title", "Bomen in Groningen \u00e9\u00e9n",
                    "tags", List.of(Map.of("name", "boom"), Map.of("name", "stad")),
                    "groups", List.of(Map.of("name", "stadsbomen")),
                    "extras", List.of(Map.of("key", "bron", "value", "gemeente")),
                    "resources", List.of(Map.of("url", "https://example.org/bomen.csv", "format", "CSV"))));
            assertListsShowTheDataset(ckan);

            ckan.call("package_patch", Map.of("id", "bomen", "notes", "Elke boom \u2014 met soort"), ckan.sysadmin());
            ckan.call("group_patch", Map.of("id", "stadsbomen", "title", "Bomen in de stad"), ckan.sysadmin());
            ckan.call("organization_patch", Map.of("id", "org-a", "title", "Gemeente A"), ckan.sysadmin());
            assertListsShowTheDataset(ckan);
            assertThat(ckan.read("package_search", "q=bomen").path("results").get(0)
                    .path("groups").get(0).path("title").asText()).isEqualTo("Bomen in de stad");
        }
    }

    private static void assertListsShowTheDataset(Ckan ckan) {
        JsonNode shown = ckan.read("package_show", "id=bomen");
        assertThat(ckan.read("package_search", "q=bomen").path("results").get(0)).isEqualTo(shown);
        assertThat(ckan.read("current_package_list_with_resources", "").get(0)).isEqualTo(shown);
        assertThat(ckan.read("group_show", "id=stadsbomen&include_datasets=true").path("packages").get(0))
                .isEqualTo(shown);
        assertThat(ckan.read("tag_show", "id=boom&include_datasets=true").path("packages").get(0)).isEqualTo(shown);
        assertThat(ckan.read("organization_show", "id=org-a&include_datasets=true").path("packages").get(0))
                .isEqualTo(shown);
        // JSONP writes the answer as text first: the kept dicts must come out the same that way.
        String jsonp = ckan.get("package_search", "q=bomen&callback=cb").body();
        assertThat(jsonp).startsWith("cb(").endsWith(");");
        assertThat(nl.vindplaats.base.Json.read(jsonp.substring(3, jsonp.length() - 2))
                .path("result").path("results").get(0)).isEqualTo(shown);
    }

    @Test
    void b10_flReturnsOnlyTheNamedKeys() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("ds-1", "org-a", Map.of("title", "Een"));
            JsonNode asText = ckan.read("package_search", "fl=" + Ckan.enc("id,name"));
            assertThat(asText.path("results").get(0).properties().stream().map(Map.Entry::getKey).toList())
                    .containsExactly("id", "name");
            JsonNode asList = ckan.call("package_search", Map.of("fl", List.of("name", "title")));
            assertThat(asList.path("results").get(0).properties().stream().map(Map.Entry::getKey).toList())
                    .containsExactly("name", "title");
            assertThat(asList.path("results").get(0).path("title").asText()).isEqualTo("Een");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b11_noQFindsEverything(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            for (int i = 0; i < 3; i++) {
                ckan.dataset("ds-" + i, "org-a", Map.of());
            }
            assertThat(ckan.read("package_search", "").path("count").asInt()).isEqualTo(3);
            assertThat(ckan.read("package_search", "q=").path("count").asInt()).isEqualTo(3);
            assertThat(ckan.read("package_search", "q=" + Ckan.enc("*:*")).path("count").asInt()).isEqualTo(3);
        }
    }

    @Test
    void b12_unknownParameterIsASearchQueryError() {
        TestService service = refusing();
        HttpResponse<String> r = new Ckan(service).get("package_search", "q=x&foo=bar");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = TestService.json(r).path("error");
        assertThat(error.path("__type").asText()).isEqualTo("Search Query Error");
        assertThat(error.path("message").asText()).contains("Invalid search parameters: ['foo']");
    }

    @Test
    void b13_sortWithoutDirectionIsASearchQueryError() {
        TestService service = refusing();
        HttpResponse<String> r = new Ckan(service).get("package_search", "sort=metadata_modified");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = TestService.json(r).path("error");
        assertThat(error.path("__type").asText()).isEqualTo("Search Query Error");
        assertThat(error.path("message").asText()).contains("Invalid \"sort\" parameter");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b15_facetFieldGivesSearchFacetsWithOrganisationTitles(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Gemeente Aalten");
            ckan.organization("org-b", "Gemeente Borne");
            ckan.dataset("ds-1", "org-a", Map.of("tags", List.of(Map.of("name", "water"))));
            ckan.dataset("ds-2", "org-a", Map.of("tags", List.of(Map.of("name", "water"), Map.of("name", "wegen"))));
            ckan.dataset("ds-3", "org-b", Map.of());
            JsonNode r = ckan.read("package_search", "facet.field=" + Ckan.enc("[\"organization\",\"tags\"]"));
            JsonNode org = r.path("search_facets").path("organization");
            assertThat(org.path("title").asText()).isEqualTo("organization");
            assertThat(org.path("items").toString()).isEqualTo(
                    "[{\"name\":\"org-b\",\"display_name\":\"Gemeente Borne\",\"count\":1},"
                            + "{\"name\":\"org-a\",\"display_name\":\"Gemeente Aalten\",\"count\":2}]");
            assertThat(r.path("facets").path("tags").path("water").asInt()).isEqualTo(2);
            assertThat(r.path("facets").path("tags").path("wegen").asInt()).isEqualTo(1);
        }
    }

    @Test
    void b16_facetLimitTruncatesAndMinusOneIsUnlimited() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("ds-1", "org-a", Map.of("tags", List.of("aa", "bb", "cc")));
            ckan.dataset("ds-2", "org-a", Map.of("tags", List.of("aa", "bb")));
            ckan.dataset("ds-3", "org-a", Map.of("tags", List.of("aa")));
            String field = "facet.field=" + Ckan.enc("[\"tags\"]");
            JsonNode one = ckan.read("package_search", field + "&facet.limit=1");
            assertThat(one.path("search_facets").path("tags").path("items").size()).isEqualTo(1);
            assertThat(one.path("search_facets").path("tags").path("items").get(0).path("name").asText()).isEqualTo("aa");
            JsonNode all = ckan.read("package_search", field + "&facet.limit=-1");
            assertThat(all.path("search_facets").path("tags").path("items").size()).isEqualTo(3);
            JsonNode min = ckan.read("package_search", field + "&facet.mincount=2");
            assertThat(min.path("facets").path("tags").size()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b17_sortByMetadataCreatedDescendingIsNewestFirst(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("eerste", "org-a", Map.of());
            ckan.dataset("tweede", "org-a", Map.of());
            ckan.dataset("derde", "org-a", Map.of());
            assertThat(names(ckan.read("package_search", "sort=" + Ckan.enc("metadata_created desc"))))
                    .containsExactly("derde", "tweede", "eerste");
            assertThat(names(ckan.read("package_search", "sort=" + Ckan.enc("name asc"))))
                    .containsExactly("derde", "eerste", "tweede");
        }
    }


    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b18_resourceNamesAreSearchable(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("ds-1", "org-a", Map.of("resources", List.of(Map.of("url", "https://x.nl/a.csv",
                    "name", "Grondwaterstanden meetpunten"))));
            ckan.dataset("ds-2", "org-a", Map.of());
            JsonNode r = ckan.read("package_search", "q=grondwaterstanden");
            assertThat(names(r)).containsExactly("ds-1");
            assertThat(names(ckan.read("package_search", "q=" + Ckan.enc("res_name:meetpunten")))).containsExactly("ds-1");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b19_privateDraftAndDeletedAreHiddenByDefault(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("open", "org-a", Map.of());
            ckan.dataset("prive", "org-a", Map.of("private", true));
            ckan.dataset("concept", "org-a", Map.of("state", "draft"));
            ckan.dataset("weg", "org-a", Map.of());
            ckan.call("package_delete", Map.of("id", "weg"), ckan.sysadmin());
            assertThat(names(ckan.read("package_search", ""))).containsExactly("open");
            assertThat(names(ckan.read("package_search", "", ckan.sysadmin()))).containsExactly("open");
            assertThat(ckan.read("package_search", "fq=" + Ckan.enc("capacity:private"), ckan.sysadmin())
                    .path("count").asInt()).isZero();
            assertThat(ckan.read("package_search", "fq=" + Ckan.enc("state:draft"), ckan.sysadmin())
                    .path("count").asInt()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b20_includePrivateShowsOwnOrganisationsPrivateOnlyAndSysadminAll(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.organization("org-b", "Organisatie B");
            ckan.dataset("prive-a", "org-a", Map.of("private", true));
            ckan.dataset("prive-b", "org-b", Map.of("private", true));
            ckan.dataset("open-a", "org-a", Map.of());
            String memberA = ckan.member("org-a");
            assertThat(names(ckan.read("package_search", "include_private=true&sort=" + Ckan.enc("name asc"),
                    Ckan.auth(memberA)))).containsExactly("open-a", "prive-a");
            assertThat(names(ckan.read("package_search", "include_private=true&sort=" + Ckan.enc("name asc"))))
                    .containsExactly("open-a");
            assertThat(names(ckan.read("package_search", "include_private=true&sort=" + Ckan.enc("name asc"),
                    ckan.sysadmin()))).containsExactly("open-a", "prive-a", "prive-b");
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void b21_includeDraftsAnonymousNoneUserOwnSysadminAll(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.organization("org-b", "Organisatie B");
            String editorA = ckan.editor("org-a");
            String editorB = ckan.editor("org-b");
            ckan.call("package_create", Map.of("name", "concept-a", "owner_org", "org-a", "state", "draft"),
                    Ckan.auth(editorA));
            ckan.call("package_create", Map.of("name", "concept-b", "owner_org", "org-b", "state", "draft"),
                    Ckan.auth(editorB));
            ckan.dataset("open", "org-a", Map.of());
            String q = "include_drafts=true&sort=" + Ckan.enc("name asc");
            assertThat(names(ckan.read("package_search", q))).containsExactly("open");
            assertThat(names(ckan.read("package_search", q, Ckan.auth(editorA)))).containsExactly("concept-a", "open");
            assertThat(names(ckan.read("package_search", q, ckan.sysadmin())))
                    .containsExactly("concept-a", "concept-b", "open");
        }
    }

    @Test
    void b22_localParametersInQAreASearchQueryError() {
        TestService service = refusing();
        HttpResponse<String> r = new Ckan(service).get("package_search", "q=" + Ckan.enc("{!child of=type:dataset}x"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestService.json(r).path("error").path("__type").asText()).isEqualTo("Search Query Error");
        assertThat(TestService.json(r).path("error").path("message").asText())
                .contains("Local parameters are not supported");
    }

    @Test
    void b23_facetFieldThatIsNotJsonIsAValidationError() {
        TestService service = refusing();
        HttpResponse<String> r = new Ckan(service).get("package_search", "facet.field=notjson");
        assertThat(r.statusCode()).isEqualTo(409);
        JsonNode error = TestService.json(r).path("error");
        assertThat(error.path("__type").asText()).isEqualTo("Validation Error");
        assertThat(error.path("facet.field").get(0).asText()).isEqualTo("Could not parse as valid JSON");
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void fieldedQueriesFiltersAndDateRanges(TestService.Store store) {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.organization("org-b", "Organisatie B");
            ckan.dataset("ds-1", "org-a", Map.of("tags", List.of("water"), "resources",
                    List.of(Map.of("url", "https://x.nl/a.csv", "format", "CSV"))));
            ckan.dataset("ds-2", "org-b", Map.of("tags", List.of("water")));
            ckan.dataset("ds-3", "org-b", Map.of("tags", List.of("lucht")));
            assertThat(names(ckan.read("package_search", "fq=" + Ckan.enc("tags:water organization:org-b"))))
                    .containsExactly("ds-2");
            assertThat(ckan.read("package_search", "fq=" + Ckan.enc("res_format:CSV")).path("count").asInt()).isEqualTo(1);
            assertThat(ckan.read("package_search", "fq_list=" + Ckan.enc("tags:water") + "&fq_list="
                    + Ckan.enc("organization:org-a")).path("count").asInt()).isEqualTo(1);
            assertThat(ckan.read("package_search", "q=" + Ckan.enc("metadata_modified:[2000-01-01T00:00:00Z TO NOW]"))
                    .path("count").asInt()).isEqualTo(3);
            assertThat(ckan.read("package_search", "q=" + Ckan.enc("metadata_modified:[* TO 2000-01-01]"))
                    .path("count").asInt()).isZero();
            HttpResponse<String> unknownField = ckan.get("package_search", "fq=" + Ckan.enc("colour:blue"));
            assertThat(unknownField.statusCode()).isEqualTo(409);
            assertThat(TestService.json(unknownField).path("error").path("__type").asText()).isEqualTo("Search Error");
            HttpResponse<String> broken = ckan.get("package_search", "q=" + Ckan.enc("title:(unbalanced"));
            assertThat(broken.statusCode()).isEqualTo(400);
        }
    }
}

package nl.vindplaats.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.platform.Config;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared search building blocks, on a real store (SQLite and PostgreSQL) and a real Lucene index. */
@ParameterizedClass
@EnumSource(TestService.Store.class)
@Execution(ExecutionMode.CONCURRENT) // its tests share nothing (each its own store, index or service): side by side
class SearchIndexTest {
    @Parameter
    TestService.Store storeKind;

    static final String KIND = "note";
    static final Map<String, Float> TEXT = Map.of("title", 2f, "body", 1f);
    /** The index keeps notes by date, so date-sorted queries may stop reading a segment early. */
    static final List<SearchQuery.SortKey> ORDER = List.of(SearchQuery.SortKey.number("date", false));

    static final IndexProjection NOTES = new IndexProjection() {
        public String kind() {
            return KIND;
        }

        public Optional<IndexDocument> project(StoredRecord record) {
            if (record.state().equals("deleted")) {
                return Optional.empty();
            }
            ObjectNode b = record.body();
            IndexDocument.Builder doc = IndexDocument.builder(KIND, record.id())
                    .text("title", b.path("title").asText())
                    .text("body", b.path("body").asText())
                    .number("date", b.path("date").asLong())
                    .summary(b.path("title").asText().getBytes(StandardCharsets.UTF_8));
            b.path("tags").forEach(t -> doc.keyword("tag", t.asText()));
            doc.keyword("author", b.path("author").asText(null));
            return Optional.of(doc.build());
        }
    };

    Path dir;
    Database database;
    RecordStore store;
    SearchIndex index;

    @BeforeEach
    void open() {
        // Asked before anything is made: a skipped PostgreSQL variant leaves nothing to tear down.
        String postgresUrl = storeKind == TestService.Store.POSTGRES ? TestService.postgresUrl() : null;
        dir = TestService.newDataDir();
        Config config = Config.defaults(dir);
        if (postgresUrl != null) {
            config = config.with(config.store().withDatabase(postgresUrl, null, null,
                    "t_" + nl.vindplaats.base.Ids.uuid().replace("-", "").substring(0, 16)));
        }
        database = Database.open(config.store());
        store = new RecordStore(database, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        index = openIndex();
    }

    SearchIndex openIndex() {
        return openIndex(ORDER);
    }

    SearchIndex openIndex(List<SearchQuery.SortKey> order) {
        SearchIndex opened = SearchIndex.open(dir.resolve("index"), store, List.of(NOTES), order, Duration.ofHours(1),
                Duration.ofHours(1));
        store.listen(opened);
        return opened;
    }

    @AfterEach
    void close() throws java.io.IOException {
        // Tears down only what open() made: it stops early when a variant is skipped or fails.
        if (index != null) {
            index.close();
        }
        if (database != null) {
            database.close();
        }
        if (dir != null) {
            nl.vindplaats.base.FileTree.delete(dir);
        }
    }

    void note(String id, String title, String body, long date, String... tags) {
        ObjectNode json = Json.object().put("title", title).put("body", body).put("date", date);
        for (String tag : tags) {
            json.withArray("tags").add(tag);
        }
        store.create(new NewVersion(KIND, id, null, null, "active", json, "test"));
    }

    SearchResult search(SearchQuery.Builder query) {
        return index.search(query.build());
    }

    @Test
    void dutchStemmingFindsOtherFormsOfAWord() {
        note("1", "Omgevingsvergunning", "Aanvragen van vergunningen voor bouwwerken", 1);
        note("2", "Parkeren", "Over parkeerplaatsen in de binnenstad", 2);

        assertThat(search(SearchQuery.of(KIND).text("vergunning", TEXT)).ids()).containsExactly("1");
        assertThat(search(SearchQuery.of(KIND).text("bouwwerk", TEXT)).ids()).containsExactly("1");
    }

    @Test
    void accentsAreFoldedBothWays() {
        note("1", "Financiële verantwoording", "jaarverslag", 1);
        note("2", "Financiele planning", "begroting", 2);

        assertThat(search(SearchQuery.of(KIND).text("financiele", TEXT)).ids()).containsExactlyInAnyOrder("1", "2");
        assertThat(search(SearchQuery.of(KIND).text("financiële", TEXT)).ids()).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void stopWordsDoNotHaveToMatch() {
        note("1", "Besluit over de subsidie", "", 1);
        assertThat(search(SearchQuery.of(KIND).text("het besluit van de subsidie", TEXT)).ids()).containsExactly("1");
    }

    @Test
    void allWordsMustMatch() {
        note("1", "Besluit subsidie", "", 1);
        note("2", "Besluit parkeren", "", 2);
        assertThat(search(SearchQuery.of(KIND).text("besluit subsidie", TEXT)).ids()).containsExactly("1");
    }

    @Test
    void relevanceRanksTitleMatchesFirst() {
        note("body-match", "Jaarverslag", "Over de begroting en het water", 1);
        note("title-match", "Water", "Jaarverslag", 2);
        assertThat(search(SearchQuery.of(KIND).text("water", TEXT).sortBy(SearchQuery.SortKey.relevance())).ids())
                .containsExactly("title-match", "body-match");
    }

    @Test
    void filtersFacetsAndRangesCombine() {
        note("1", "a", "", 10, "water", "milieu");
        note("2", "b", "", 20, "water");
        note("3", "c", "", 30, "verkeer");

        SearchResult water = search(SearchQuery.of(KIND).filter("tag", "water").facets(List.of("tag"), 10));
        assertThat(water.ids()).containsExactlyInAnyOrder("1", "2");
        assertThat(water.facets().get("tag")).containsExactly(
                new SearchResult.FacetCount("water", 2), new SearchResult.FacetCount("milieu", 1));

        SearchResult anyOf = search(SearchQuery.of(KIND).filter("tag", List.of("milieu", "verkeer")));
        assertThat(anyOf.ids()).containsExactlyInAnyOrder("1", "3");

        SearchResult range = search(SearchQuery.of(KIND).range("date", 15L, null));
        assertThat(range.ids()).containsExactlyInAnyOrder("2", "3");
        assertThat(range.total()).isEqualTo(2);
    }

    @Test
    void facetCountsFollowEveryWriteAcrossSegments() {
        note("1", "Windmolens", "", 10, "water", "milieu");
        note("2", "Windmolens", "", 20, "water");
        SearchQuery.Builder counted = SearchQuery.of(KIND).text("windmolens", TEXT).facets(List.of("tag", "date"), 2);
        assertThat(search(counted).facets().get("tag")).containsExactly(
                new SearchResult.FacetCount("water", 2), new SearchResult.FacetCount("milieu", 1));

        // A new segment, and a new version of "1" that leaves its old one deleted in the first segment.
        note("3", "Windmolens", "", 30, "verkeer", "milieu");
        StoredRecord first = store.get(KIND, "1").orElseThrow();
        store.update(new NewVersion(KIND, "1", null, null, "active", Json.object().put("title", "Windmolens")
                .put("body", "").put("date", 10).set("tags", Json.MAPPER.createArrayNode().add("verkeer")), "test"),
                first.version());

        SearchResult result = search(counted);
        assertThat(result.total()).isEqualTo(3);
        // At most two values, the most frequent first, ties by value; "date" holds numbers, so no values.
        assertThat(result.facets().get("tag")).containsExactly(
                new SearchResult.FacetCount("verkeer", 2), new SearchResult.FacetCount("milieu", 1));
        assertThat(result.facets().get("date")).isEmpty();
    }

    /** Counts of a search without words are kept for their searcher (FacetCache): never past a write. */
    @Test
    void keptFacetCountsOfASearchWithoutWordsFollowEveryWrite() {
        note("1", "Windmolens", "", 10, "water", "milieu");
        SearchQuery.Builder browsing = SearchQuery.of(KIND).filter("tag", "milieu").facets(List.of("tag"), 10);
        SearchResult first = search(browsing);
        assertThat(search(browsing).facets()).isEqualTo(first.facets());
        assertThat(first.facets().get("tag")).containsExactly(
                new SearchResult.FacetCount("milieu", 1), new SearchResult.FacetCount("water", 1));

        note("2", "Zonneparken", "", 20, "milieu", "verkeer");
        SearchResult afterWrite = search(browsing);
        assertThat(afterWrite.total()).isEqualTo(2);
        assertThat(afterWrite.facets().get("tag")).containsExactly(new SearchResult.FacetCount("milieu", 2),
                new SearchResult.FacetCount("verkeer", 1), new SearchResult.FacetCount("water", 1));
        assertThat(afterWrite.hits()).hasSize(2);
    }

    /** Each write made a small segment; once no change comes for a tick, they are merged, and searches find the same. */
    @Test
    void theSmallSegmentsOfABurstOfWritesAreMergedOnceWritesAreQuiet() {
        for (int i = 0; i < QuietTailMerge.MIN_TAIL_SEGMENTS + 1; i++) {
            note("q" + i, "Windmolens " + i, "aan de kust", i, "t" + i % 2);
        }
        assertThat(index.segmentCount()).isGreaterThanOrEqualTo(QuietTailMerge.MIN_TAIL_SEGMENTS);
        SearchQuery.Builder query = SearchQuery.of(KIND).text("windmolens", TEXT).facets(List.of("tag"), 10);
        SearchResult before = search(query);

        index.quietTail().tick(); // sees where the index is
        index.quietTail().tick(); // nothing came since: asks for the merge
        nl.vindplaats.testing.Eventually.until("the small segments merged into one", Duration.ofSeconds(10), () -> {
            index.quietTail().tick(); // reopens the view once the merge is done
            return index.segmentCount() == 1;
        });
        SearchResult after = search(query);
        assertThat(after.ids()).containsExactlyElementsOf(before.ids());
        assertThat(after.total()).isEqualTo(QuietTailMerge.MIN_TAIL_SEGMENTS + 1);
        assertThat(after.facets()).isEqualTo(before.facets());
    }

    /**
     * Two words that many notes have apart and few together: a pass that counts the matches (for the facets, or for
     * the total) records them and they lead the ranking (RecordedMatches). The page is the one Lucene ranks alone
     * (a search that counts no total), score for score.
     */
    @Test
    void wordsThatAreCommonApartAndRareTogetherRankAsLuceneRanksThem() {
        for (int i = 0; i < 30; i++) {
            note("w" + i, "Windmolens " + i, "aan de kust", i, "wind");
            note("z" + i, "Zonneparken " + i, "op het land", i, "zon");
        }
        for (int i = 0; i < 5; i++) {
            note("b" + i, "Windmolens en zonneparken", "windmolens ".repeat(i) + "zonneparken ".repeat(4 - i), i, "beide");
        }
        List<org.assertj.core.groups.Tuple> luceneAlone = search(SearchQuery.of(KIND)
                .text("windmolens zonneparken", TEXT).page(0, 3).withoutTotal()).hits().stream()
                .map(hit -> org.assertj.core.groups.Tuple.tuple(hit.id(), hit.score())).toList();
        assertThat(luceneAlone).hasSize(3);

        SearchResult withTotal = search(SearchQuery.of(KIND).text("windmolens zonneparken", TEXT).page(0, 3));
        SearchResult withFacets = search(SearchQuery.of(KIND).text("windmolens zonneparken", TEXT).page(0, 3)
                .facets(List.of("tag"), 10));
        for (SearchResult led : List.of(withTotal, withFacets)) {
            assertThat(led.total()).isEqualTo(5);
            assertThat(led.hits()).extracting(SearchResult.Hit::id, SearchResult.Hit::score)
                    .containsExactlyElementsOf(luceneAlone);
        }
        assertThat(withFacets.facets().get("tag")).containsExactly(new SearchResult.FacetCount("beide", 5));
    }

    @Test
    void facetsOfSeveralFieldsCountEveryValueAlsoOfDocumentsWithMany() {
        Map<String, Map<String, Long>> expected = Map.of("tag", new java.util.TreeMap<>(), "author", new java.util.TreeMap<>());
        for (int i = 0; i < 120; i++) {
            // Every 40th note has more values than a document's row holds, so it is counted field by field.
            List<String> tags = i % 40 == 7 ? java.util.stream.IntStream.range(0, 20).mapToObj(t -> "t" + t).toList()
                    : List.of("t" + i % 5);
            String author = i % 3 == 0 ? null : "a" + i % 4;
            ObjectNode json = Json.object().put("title", "Windmolens").put("body", "").put("date", i);
            tags.forEach(json.withArray("tags")::add);
            if (author != null) {
                json.put("author", author);
                expected.get("author").merge(author, 1L, Long::sum);
            }
            tags.forEach(t -> expected.get("tag").merge(t, 1L, Long::sum));
            store.create(new NewVersion(KIND, "n" + i, null, null, "active", json, "test"));
        }
        for (List<String> fields : List.of(List.of("tag", "author"), List.of("author", "tag"), List.of("tag"))) {
            SearchResult result = search(SearchQuery.of(KIND).text("windmolens", TEXT).facets(fields, 100));
            for (String field : fields) {
                assertThat(result.facets().get(field))
                        .as(field + " of " + fields)
                        .containsExactlyInAnyOrderElementsOf(expected.get(field).entrySet().stream()
                                .map(e -> new SearchResult.FacetCount(e.getKey(), e.getValue())).toList());
            }
        }
    }

    /** CKAN's default sort begins with the score; without words every match has the same one, so the date decides. */
    @Test
    void withoutWordsARelevanceSortOrdersAsItsOtherKeys() {
        for (int i = 0; i < 30; i++) {
            note(String.format("n%02d", i), "t", "", (i * 11) % 13, i % 2 == 0 ? "even" : "odd");
        }
        for (int offset = 0; offset < 30; offset += 7) {
            SearchResult relevanceFirst = search(SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.relevance())
                    .sortBy(SearchQuery.SortKey.number("date", true)).facets(List.of("tag"), 10).page(offset, 7));
            SearchResult dateOnly = search(SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.number("date", true))
                    .facets(List.of("tag"), 10).page(offset, 7));
            assertThat(relevanceFirst.ids()).containsExactlyElementsOf(dateOnly.ids());
            assertThat(relevanceFirst.total()).isEqualTo(30);
            assertThat(relevanceFirst.facets()).isEqualTo(dateOnly.facets());
        }
        assertThat(search(SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.relevance()).page(0, 30)).ids())
                .as("ties by id").isSorted().hasSize(30);
    }

    @Test
    void sortsByDateEitherWayAndPagesWithoutGapsOrRepeats() {
        for (int i = 0; i < 30; i++) {
            note(String.format("n%02d", i), "t", "", i % 7);
        }
        SearchQuery.Builder byDate = SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.number("date", false));
        List<String> all = search(byDate.page(0, 100)).ids();
        List<String> paged = new java.util.ArrayList<>();
        for (int offset = 0; offset < 30; offset += 7) {
            paged.addAll(search(SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.number("date", false)).page(offset, 7)).ids());
        }
        assertThat(paged).containsExactlyElementsOf(all).doesNotHaveDuplicates().hasSize(30);
        assertThat(search(SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.number("date", true)).page(0, 1)).ids())
                .containsExactly("n06");
    }

    @Test
    void highlightsMarkMatchedWords() {
        note("1", "Woo-verzoek over windmolens", "Het verzoek betreft windmolens in de provincie.", 1);
        note("2", "Woo-verzoek over zonneparken", "Het verzoek betreft zonneparken.", 2);
        SearchResult r = search(SearchQuery.of(KIND).text("windmolens", TEXT).highlight(true));
        assertThat(r.hits().getFirst().highlights().get("body")).anyMatch(f -> f.contains("<em>windmolens</em>"));
        assertThat(r.hits().getFirst().highlights().get("title")).anyMatch(f -> f.contains("<em>windmolens</em>"));
    }

    /** The words are marked in the texts the feature reads from the summaries, as they are in the stored ones. */
    @Test
    void highlightsReadFromTheSummariesAreTheStoredTextsHighlights() {
        note("1", "Woo-verzoek over windmolens en windmolens", "Het verzoek betreft windmolens.", 1);
        note("2", "Windmolens", "Over windmolens op zee.", 2);
        note("3", "Zonneparken", "Geen windmolens hier.", 3);
        SearchResult stored = search(SearchQuery.of(KIND).text("windmolens", TEXT).highlight(true));
        IndexedTexts titleFromSummary = (summary, field) ->
                field.equals("title") ? new String(summary, StandardCharsets.UTF_8) : null;
        SearchResult fromSummaries = search(SearchQuery.of(KIND).text("windmolens", TEXT)
                .highlight(true, titleFromSummary));
        assertThat(fromSummaries.ids()).containsExactlyElementsOf(stored.ids());
        for (int i = 0; i < stored.hits().size(); i++) {
            assertThat(fromSummaries.hits().get(i).highlights().get("title"))
                    .isEqualTo(stored.hits().get(i).highlights().get("title"));
            // The summary gives no body: it is not marked, as a field without stored text is not.
            assertThat(fromSummaries.hits().get(i).highlights().get("body")).isNull();
        }
        assertThat(stored.hits().get(0).highlights().get("title")).isNotEmpty();
    }

    @Test
    void aFieldWithoutAMatchHasNoHighlight() {
        note("1", "Woo-verzoek over windmolens", "Het verzoek betreft zonneparken in de provincie.", 1);
        SearchResult r = search(SearchQuery.of(KIND).text("windmolens", TEXT).highlight(true));
        assertThat(r.hits().getFirst().highlights().get("title")).anyMatch(f -> f.contains("<em>windmolens</em>"));
        assertThat(r.hits().getFirst().highlights().get("body")).isNullOrEmpty();
    }

    @Test
    void writesAreSearchableOnReturnAndDeletesDisappear() {
        note("1", "zichtbaar", "", 1);
        assertThat(search(SearchQuery.of(KIND).text("zichtbaar", TEXT)).total()).isEqualTo(1);
        StoredRecord current = store.get(KIND, "1").orElseThrow();
        store.update(new NewVersion(KIND, "1", null, null, "deleted", current.body(), "test"), current.version());
        assertThat(search(SearchQuery.of(KIND).text("zichtbaar", TEXT)).total()).isZero();
    }

    /** Each version replaces the one before, also when it moves the record elsewhere in the index order. */
    @Test
    void everyVersionReplacesTheLastOneInTheIndexOrder() {
        note("1", "versie0", "", 100);
        note("2", "ander", "", 50);
        for (int v = 1; v <= 30; v++) {
            StoredRecord current = store.get(KIND, "1").orElseThrow();
            ObjectNode body = current.body().deepCopy().put("title", "versie" + v).put("date", v % 2 == 0 ? 100 - v : v);
            store.update(new NewVersion(KIND, "1", null, null, "active", body, "test"), current.version());
            assertThat(search(SearchQuery.of(KIND).text("versie" + v, TEXT)).ids()).containsExactly("1");
            assertThat(search(SearchQuery.of(KIND).text("versie" + (v - 1), TEXT)).ids()).isEmpty();
            List<String> inOrder = search(SearchQuery.of(KIND).sortBy(ORDER.getFirst()).withoutTotal()).ids();
            assertThat(inOrder).containsExactlyElementsOf(body.path("date").asLong() < 50 ? List.of("1", "2") : List.of("2", "1"));
        }
    }

    @Test
    void aRestartedIndexCatchesUpWithChangesItMissed() {
        note("1", "eerste", "", 1);
        index.close();
        store.listen(new RecordStore.ChangeListener() {
            public void committed(nl.vindplaats.store.Change change) {
            }

            public void awaitVisible(long seq) {
            }
        });
        note("2", "tweede", "", 2);

        index = openIndex();

        assertThat(search(SearchQuery.of(KIND).text("tweede", TEXT)).ids()).containsExactly("2");
        assertThat(index.appliedSeq()).isEqualTo(store.lastSeq());
    }

    @Test
    void aCorruptIndexIsRebuiltFromTheStore() throws IOException {
        note("1", "bewaard", "", 1);
        note("2", "ook bewaard", "", 2);
        index.close();
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }

        index = openIndex();

        assertThat(search(SearchQuery.of(KIND).text("bewaard", TEXT)).ids()).containsExactlyInAnyOrder("1", "2");
    }

    /**
     * Sorted as the index keeps its documents, a query stops reading each segment once its page is full
     * (after the first thousand matches). Paging through several segments must still give every match
     * once, in order, ties by id, with filters too.
     */
    @Test
    void queriesInTheIndexOrderPageThroughEverySegmentExactly() {
        record Note(long date, String id, boolean even) {
        }
        List<Note> all = new java.util.ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
            List<NewVersion> notes = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = batch * 400 + i;
                Note note = new Note(n % 6, Integer.toHexString(n * 40503 % 65536 + 65536), i % 2 == 0);
                ObjectNode json = Json.object().put("title", "t").put("body", "").put("date", note.date());
                json.withArray("tags").add(note.even() ? "even" : "odd");
                notes.add(new NewVersion(KIND, note.id(), null, null, "active", json, "test"));
                all.add(note);
            }
            store.createAll(notes); // one segment each
        }
        all.sort(java.util.Comparator.comparingLong(Note::date).thenComparing(Note::id));

        List<String> paged = new java.util.ArrayList<>();
        List<String> pagedEven = new java.util.ArrayList<>();
        for (int offset = 0; offset < 1700; offset += 97) {
            paged.addAll(search(SearchQuery.of(KIND).sortBy(ORDER.getFirst()).page(offset, 97).withoutTotal()).ids());
            pagedEven.addAll(search(SearchQuery.of(KIND).filter("tag", "even").sortBy(ORDER.getFirst())
                    .page(offset, 97).withoutTotal()).ids());
        }
        assertThat(paged).containsExactlyElementsOf(all.stream().map(Note::id).toList());
        assertThat(pagedEven).containsExactlyElementsOf(all.stream().filter(Note::even).map(Note::id).toList());
    }

    @Test
    void equalScoresAreOrderedByIdAcrossSegmentsAndPages() {
        List<String> ids = new java.util.ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<NewVersion> notes = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String id = Integer.toHexString((batch * 150 + i) * 40503 % 65536 + 65536);
                ObjectNode json = Json.object().put("title", "begroting").put("body", "").put("date", 1);
                notes.add(new NewVersion(KIND, id, null, null, "active", json, "test"));
                ids.add(id);
            }
            store.createAll(notes); // one segment each
        }
        note("beter", "begroting begroting", "begroting", 1);
        java.util.Collections.sort(ids);

        List<String> paged = new java.util.ArrayList<>();
        for (int offset = 0; offset < 451; offset += 40) {
            SearchResult page = search(SearchQuery.of(KIND).text("begroting", TEXT).sortBy(SearchQuery.SortKey.relevance())
                    .facets(List.of("tag"), 5).page(offset, 40));
            assertThat(page.total()).isEqualTo(451);
            paged.addAll(page.ids());
        }
        assertThat(paged.getFirst()).isEqualTo("beter");
        assertThat(paged.subList(1, paged.size())).containsExactlyElementsOf(ids);
    }

    @Test
    void everyHitCarriesTheSummaryOfItsRecordsLatestVersion() {
        note("1", "Windmolens op zee", "", 2);
        note("2", "Windmolens op land", "", 1);
        StoredRecord third = store.create(new NewVersion(KIND, "3", null, null, "active",
                Json.object().put("title", "Windmolens eerst").put("body", "").put("date", 3), "test"));
        store.update(new NewVersion(KIND, "3", null, null, "active",
                Json.object().put("title", "Windmolens later").put("body", "").put("date", 3), "test"), third.version());

        java.util.function.Function<SearchResult, List<String>> summaries = result -> result.hits().stream()
                .map(hit -> hit.id() + ":" + new String(hit.summary(), StandardCharsets.UTF_8)).toList();
        // The index order (read without Lucene's sort), another order, and relevance.
        assertThat(summaries.apply(search(SearchQuery.of(KIND).sortBy(ORDER.getFirst()).withoutTotal())))
                .containsExactly("2:Windmolens op land", "1:Windmolens op zee", "3:Windmolens later");
        assertThat(summaries.apply(search(SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.number("date", true))
                .page(1, 2)))).containsExactly("1:Windmolens op zee", "2:Windmolens op land");
        assertThat(summaries.apply(search(SearchQuery.of(KIND).text("zee", TEXT)))).containsExactly("1:Windmolens op zee");
    }

    @Test
    void anIndexKeptInAnotherOrderIsRebuiltAtStart() {
        note("1", "Windmolens op zee", "", 2);
        note("2", "Windmolens op land", "", 1);
        index.close();
        index = openIndex(List.of(SearchQuery.SortKey.number("date", true)));
        index.close();

        index = openIndex();
        note("3", "Windmolens in de lucht", "", 3);
        assertThat(search(SearchQuery.of(KIND).text("windmolens", TEXT).sortBy(ORDER.getFirst())).ids())
                .containsExactly("2", "1", "3");
    }

    @Test
    void anIndexOfAnOlderFormatIsRebuiltAtStart() throws IOException {
        note("1", "Windmolens op zee", "", 1);
        index.close();
        // An index as the first format wrote it: text without offsets, no format in the commit data.
        // Lucene refuses to add text with offsets to it, so it must be rebuilt rather than reused.
        try (var writer = new org.apache.lucene.index.IndexWriter(
                org.apache.lucene.store.FSDirectory.open(dir.resolve("index")),
                new org.apache.lucene.index.IndexWriterConfig().setOpenMode(
                        org.apache.lucene.index.IndexWriterConfig.OpenMode.CREATE))) {
            org.apache.lucene.document.Document old = new org.apache.lucene.document.Document();
            old.add(new org.apache.lucene.document.TextField("title", "oud", org.apache.lucene.document.Field.Store.YES));
            writer.addDocument(old);
            writer.setLiveCommitData(Map.of("seq", Long.toString(store.lastSeq())).entrySet());
            writer.commit();
        }

        index = openIndex();
        note("2", "Windmolens op land", "", 2);

        SearchResult found = search(SearchQuery.of(KIND).text("windmolens", TEXT).highlight(true));
        assertThat(found.ids()).containsExactlyInAnyOrder("1", "2");
        assertThat(found.hits().getFirst().highlights().get("title")).anyMatch(f -> f.contains("<em>Windmolens</em>"));
    }

    @Test
    void totalsAreExactUnlessAQueryAsksNotToCountThem() {
        List<NewVersion> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            ObjectNode json = Json.object().put("title", "Besluit " + i).put("body", "").put("date", i);
            json.withArray("tags").add(i < 5 ? "zeldzaam" : "gewoon");
            many.add(new NewVersion(KIND, "n" + i, null, null, "active", json, "test"));
        }
        store.createAll(many);
        SearchQuery.SortKey byDate = SearchQuery.SortKey.number("date", false);

        assertThat(search(SearchQuery.of(KIND).sortBy(byDate).page(0, 10)).total()).isEqualTo(1_500);
        assertThat(search(SearchQuery.of(KIND).sortBy(byDate).facets(List.of("tag"), 10).page(0, 10)).total())
                .isEqualTo(1_500);
        assertThat(search(SearchQuery.of(KIND).text("besluit", TEXT).page(0, 10)).total()).isEqualTo(1_500);
        // Uncounted: more than the page when more match, exact when the page holds them all.
        SearchResult uncounted = search(SearchQuery.of(KIND).sortBy(byDate).page(0, 10).withoutTotal());
        assertThat(uncounted.total()).isBetween(11L, 1_500L);
        assertThat(uncounted.ids()).containsExactly("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9");
        assertThat(search(SearchQuery.of(KIND).filter("tag", "zeldzaam").page(0, 2).withoutTotal()).total())
                .isBetween(3L, 5L);
        assertThat(search(SearchQuery.of(KIND).filter("tag", "zeldzaam").page(0, 5).withoutTotal()).total())
                .isEqualTo(5);
    }

    /** Ties by value in the order of the values' UTF-8 bytes, whether the counts come from one segment or many. */
    @Test
    void facetTiesAreOrderedByValueInOneSegmentAndInMany() {
        // By UTF-16 units, U+1F600 (a surrogate pair) would come before U+FF21; by bytes, as Lucene and Solr order
        // values, after it.
        note("1", "Windmolens", "", 1, "\uD83D\uDE00");
        note("2", "Windmolens", "", 2, "\uFF21");
        note("3", "Windmolens", "", 3, "b");
        SearchQuery query = SearchQuery.of(KIND).facets(List.of("tag"), 10).build();
        List<String> expected = List.of("b", "\uFF21", "\uD83D\uDE00");
        assertThat(index.search(query).facets().get("tag")).extracting(SearchResult.FacetCount::value)
                .containsExactlyElementsOf(expected);
        index.close();

        SearchIndex.rebuild(dir.resolve("index"), store, List.of(NOTES), ORDER);
        index = openIndex();
        assertThat(index.search(query).facets().get("tag")).extracting(SearchResult.FacetCount::value)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void rebuildAnswersEveryQueryAsBefore() {
        note("1", "Omgevingsvisie", "water en natuur", 5, "water");
        note("2", "Waterplan", "dijken", 3, "water", "veiligheid");
        note("3", "Verkeersplan", "fietsen", 9, "verkeer");
        List<SearchQuery> queries = List.of(
                SearchQuery.of(KIND).text("water", TEXT).facets(List.of("tag"), 10).highlight(true).build(),
                SearchQuery.of(KIND).sortBy(SearchQuery.SortKey.number("date", true)).facets(List.of("tag"), 10).build(),
                SearchQuery.of(KIND).filter("tag", "water").range("date", 4L, 10L).build());
        List<SearchResult> before = queries.stream().map(index::search).toList();
        index.close();

        SearchIndex.rebuild(dir.resolve("index"), store, List.of(NOTES), ORDER);
        index = openIndex();

        assertThat(queries.stream().map(index::search).toList()).isEqualTo(before);
    }
}

package nl.vindplaats.documents.diwoo;

import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.DocumentCorpus;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.documents.OpenDataFixtures;
import nl.vindplaats.documents.PublicationDeliveries;
import nl.vindplaats.documents.PublicationFile;
import nl.vindplaats.documents.plooi.PlooiApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.DutchVocabulary;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.TestService;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.vindplaats.documents.OpenDataFixtures.PDF;
import static nl.vindplaats.documents.OpenDataFixtures.PLOOI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code <url>} of every DiWoo sitemap validates against the official schemas (sitemaps.org 0.9
 * and DiWoo 0.9.8, {@link DiwooSchemas}): for the demo data, and for a generated corpus of several
 * thousand documents with every PLOOI documentsoort, every Woo category and every kind of organisation
 * in it, plus the values DiWoo's lists lack (non-TOOI opstellers, other file formats, historical
 * organisation ids, the publication system's own extraMetadata, a description too long for a
 * sitemap's share). Zero invalid entries, every listed document once per category, within the limits.
 */
class DiwooSitemapsValidityTest {
    static final int CORPUS = 3_000;
    static final int PAGE_SIZE = 100;
    static final Pattern FILE_LOC = Pattern.compile("/binaries/rijksoverheid/documenten/[^/]+/\\d{4}/\\d{2}/\\d{2}/"
            + "([0-9a-f-]{36})/[^/]+$");
    static final Pattern LOC = Pattern.compile("<loc>([^<]*)</loc>");

    @Test
    void theDemoDataHasOnlyValidEntries() {
        TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
        try {
            // the demo delivers metadata only; a document is listed once its file is there
            HttpResponse<String> list = service.get("/v1/sources/rijksoverheid/documents?rows=10");
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            Set<String> demo = new HashSet<>(OpenDataFixtures.ids(list.body()));
            assertThat(demo).hasSize(3);
            assertThat(walk(service).ids()).isEmpty();
            for (String uuid : demo) {
                HttpResponse<String> file = PlooiApiTest.sendBytes(service, "POST", PLOOI + "/documenten/" + uuid,
                        "application/pdf", PDF, service.asAdmin());
                assertThat(file.statusCode()).as(file.body()).isEqualTo(202);
                OpenDataFixtures.awaitTextExtraction(service, uuid);
            }
            Walk walk = walk(service);
            assertThat(walk.errors()).isEmpty();
            assertThat(walk.ids()).containsAll(demo);
        } finally {
            service.destroy();
        }
    }

    @Test
    void aCorpusWithEveryTypeCategoryAndOrganisationKindHasOnlyValidEntries() throws Exception {
        TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.documents().withSitemapPageSize(PAGE_SIZE)));
        try {
            ValueLists lists = service.app().valueLists();
            BlobStore.Blob blob = service.app().blobs().put(new ByteArrayInputStream(PDF), PDF.length);
            List<ValueItem> soorten = lists.list(ValueLists.DOCUMENTSOORTEN).orElseThrow().items();
            List<ValueItem> categories = lists.wooCategoriesInOrder();
            List<List<ValueItem>> organisationKinds = ValueLists.ORGANISATION_LISTS.stream()
                    .map(name -> lists.list(name).orElseThrow().items()).toList();
            DocumentCorpus corpus = new DocumentCorpus(CORPUS, lists, DutchVocabulary.load());
            MetadataValidator validator = new MetadataValidator(lists);

            List<NewVersion> records = new ArrayList<>();
            Map<String, List<String>> categoriesOf = new HashMap<>();
            for (int i = 0; i < CORPUS; i++) {
                ObjectNode metadata = corpus.metadata(i);
                ObjectNode doc = (ObjectNode) metadata.get("document");
                ObjectNode classification = (ObjectNode) doc.get("classificatiecollectie");
                classification.putArray("documentsoorten").add(coded(soorten.get(i % soorten.size())));
                classification.remove("informatiecategorieen");
                // every other round through the types a category is delivered, else derived from the type
                if (i / soorten.size() % 2 == 0) {
                    classification.putArray("informatiecategorieen").add(coded(categories.get(i % categories.size())));
                }
                List<ValueItem> kind = organisationKinds.get(i % organisationKinds.size());
                ValueItem publisher = kind.get(i / organisationKinds.size() % kind.size());
                doc.set("publisher", coded(publisher));
                doc.set("opsteller", coded(publisher));
                doc.set("verantwoordelijke", coded(publisher));
                ((ObjectNode) doc.path("documenthandelingen").get(0)).set("wasAssociatedWith", coded(publisher));
                if (i % 10 == 3) { // PLOOI accepts any URI as opsteller
                    doc.putObject("opsteller").put("id", "https://www.example.nl/bureau-" + i)
                            .put("label", "Bureau " + i);
                }
                if (i % 17 == 5) { // a historical version of a ministry
                    doc.putObject("verantwoordelijke")
                            .put("id", "https://identifier.overheid.nl/tooi/id/ministerie/hv_04793043");
                }
                if (i % 7 == 2) {
                    doc.putObject("format")
                            .put("id", "http://publications.europa.eu/resource/authority/file-type/DOCX");
                }
                if (i % 11 == 4) {
                    doc.putArray("extraMetadata").addObject().put("namespace", "https://example.org/zaken")
                            .putArray("velden").addObject().put("key", "zaaknummer").put("values", "Z-" + i);
                }
                if (i == 42) { // longer than its share of a sitemap (50 MB / 100): written compact
                    doc.putArray("omschrijvingen").add("lange omschrijving ".repeat(32_000));
                }
                MetadataValidator.Result result = validator.validate(metadata);
                assertThat(result.valid()).as(i + ": " + result.errors()).isTrue();
                String uuid = DocumentCorpus.uuid(i);
                StoredPublication document = PublicationDeliveries.delivered(result.metadata(),
                        service.url(PLOOI + "/documenten/" + uuid), corpus.deliveredAt(i), null, "corpus")
                        .withFile(new StoredPublication.StoredFile(blob.sha256(), blob.size(), PublicationFile.PDF,
                                corpus.deliveredAt(i), null));
                records.add(Documents.firstVersion(uuid, document.publisher(), document));
                List<String> ids = new ArrayList<>();
                result.metadata().path("document").path("classificatiecollectie").path("informatiecategorieen")
                        .forEach(c -> ids.add(c.path("id").asText()));
                categoriesOf.put(uuid, ids);
            }
            service.app().store().createAll(records);
            service.app().index().awaitVisible(service.app().store().lastSeq());

            Walk walk = walk(service);
            assertThat(walk.errors()).as("invalid entries").isEmpty();
            assertThat(walk.urlsPerSitemap()).allMatch(n -> n >= 1 && n <= PAGE_SIZE);
            assertThat(walk.bytesPerSitemap()).allMatch(n -> n <= WooSitemaps.MAX_SITEMAP_BYTES);
            assertThat(walk.urlsPerSitemap()).anyMatch(n -> n == PAGE_SIZE); // some categories span pages

            // every categorised document once in each of its categories; the corpus covers every value
            Map<String, Integer> expected = new HashMap<>();
            categoriesOf.forEach((uuid, ids) -> {
                if (!ids.isEmpty()) {
                    expected.put(uuid, ids.size());
                }
            });
            assertThat(walk.listings()).isEqualTo(expected);
            Set<String> listedSoorten = new TreeSet<>();
            Set<String> listedCategories = new TreeSet<>();
            Set<String> listedKinds = new TreeSet<>();
            for (StoredRecord record : service.app().store().getAll(Documents.KIND, List.copyOf(walk.ids()))) {
                StoredPublication stored = StoredPublication.of(record);
                JsonNode c = stored.plooiMetadata().path("document").path("classificatiecollectie");
                c.path("documentsoorten").forEach(s -> listedSoorten.add(s.path("id").asText()));
                c.path("informatiecategorieen").forEach(s -> listedCategories.add(s.path("id").asText()));
                listedKinds.add(stored.publisher().replaceAll("/[^/]+$", ""));
            }
            assertThat(listedSoorten).hasSize(soorten.size());
            assertThat(listedCategories).hasSize(categories.size());
            String tooi = "https://identifier.overheid.nl/tooi/id/";
            assertThat(listedKinds).contains(tooi + "ministerie", tooi + "gemeente", tooi + "provincie",
                    tooi + "waterschap", tooi + "col", tooi + "oorg", tooi + "zbo", tooi + "so");
            // every corpus document has a description; only the one too long for its share is written compact
            assertThat(walk.withoutDescription()).isEqualTo(walk.listings().get(DocumentCorpus.uuid(42)));
        } finally {
            service.destroy();
        }
    }

    // --- the walk ---

    /**
     * What a walk over every index in robots.txt and every sitemap in them found: the schema errors, the
     * listed documents (id → number of sitemaps it is in), sizes, and how many entries have no description.
     */
    record Walk(List<String> errors, Map<String, Integer> listings, List<Integer> urlsPerSitemap,
                List<Long> bytesPerSitemap, int withoutDescription) {
        Set<String> ids() {
            return listings.keySet();
        }
    }

    static Walk walk(TestService service) {
        List<String> errors = new ArrayList<>();
        Map<String, Integer> listings = new HashMap<>();
        List<Integer> urls = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        int withoutDescription = 0;
        List<String> indexes = service.get("/robots.txt").body().lines().filter(l -> l.startsWith("Sitemap: "))
                .map(l -> l.substring("Sitemap: ".length())).filter(WooSitemapsTest::isDiwooIndex).toList();
        for (String index : indexes) {
            String indexXml = get(service, index);
            errors.addAll(DiwooSchemas.errorsOfIndex(indexXml).stream().map(e -> index + " " + e).toList());
            Matcher sitemaps = LOC.matcher(indexXml);
            while (sitemaps.find()) {
                String sitemap = sitemaps.group(1);
                String xml = get(service, sitemap);
                bytes.add((long) xml.getBytes(StandardCharsets.UTF_8).length);
                errors.addAll(DiwooSchemas.errorsOfSitemap(xml).stream().map(e -> sitemap + " " + e).toList());
                int count = 0;
                Matcher locs = LOC.matcher(xml);
                while (locs.find()) {
                    Matcher file = FILE_LOC.matcher(locs.group(1));
                    assertThat(file.find()).as("loc is a file: " + locs.group(1)).isTrue();
                    listings.merge(file.group(1), 1, Integer::sum);
                    count++;
                }
                urls.add(count);
                withoutDescription += count - countOf(xml, "<diwoo:omschrijvingen>");
            }
        }
        return new Walk(errors, listings, urls, bytes, withoutDescription);
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String get(TestService service, String url) {
        HttpResponse<String> r = service.get(OpenDataFixtures.path(url));
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private static ObjectNode coded(ValueItem item) {
        return Json.object().put("id", item.identifier()).put("label", item.label());
    }
}

package nl.vindplaats.bench;

import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.StoredPublication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.DutchVocabulary;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.documents.DocumentCorpus;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.store.NewVersion;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DiWoo harvest (issue 19): instance B harvests instance A's DiWoo sitemaps. A holds generated documents
 * ({@link DocumentCorpus}, written in bulk through the store, each with a PDF in the blob store); B takes
 * {@code vp.bench.metadata} of them metadata only (option {@code files: false}) from one A, and
 * {@code vp.bench.files} with their PDFs from another, each through one full run. Prints documents per second of
 * each run (its startedAt to finishedAt); the file run is bounded by the politeness limit of 10 requests per second
 * per host. A's sitemaps list only the documents with a Woo information category, about three in five: a corpus of
 * 165,000 gives some 100,000 harvested. Off in normal builds; run by hand with
 * {@code ./mvnw -o test -Dvp.bench=true -Dtest=DiwooHarvestBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dvp.bench.metadata=2000 -Dvp.bench.files=200}.
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
class DiwooHarvestBench {
    private static final String SOURCES = "/platform/v1/harvest-sources";

    @Test
    void harvest() throws Exception {
        int metadataOnly = Integer.getInteger("vp.bench.metadata", 2000);
        int withFiles = Integer.getInteger("vp.bench.files", 200);
        try (TestService a1 = TestService.start(TestService.Store.SQLITE);
             TestService a2 = TestService.start(TestService.Store.SQLITE);
             TestService b = TestService.start(TestService.Store.SQLITE,
                     c -> c.with(c.register().withAllowPrivateAddresses(true)))) {
            DocumentCorpus corpus = new DocumentCorpus(metadataOnly + withFiles, a1.app().valueLists(),
                    DutchVocabulary.load());
            // A size of 0 leaves that run out (the two may then run as separate processes).
            if (metadataOnly > 0) {
                load(a1, corpus, 0, metadataOnly, false);
                report("metadata only", run(b, a1, "false"));
            }
            if (withFiles > 0) {
                load(a2, corpus, metadataOnly, metadataOnly + withFiles, true);
                report("with PDF files", run(b, a2, "true"));
            }
        }
    }

    /** Documents {@code from} to {@code to} of the corpus into A's store, each with a file (distinct PDFs or one). */
    private static void load(TestService a, DocumentCorpus corpus, int from, int to, boolean distinctFiles)
            throws Exception {
        MetadataValidator validator = new MetadataValidator(a.app().valueLists());
        BlobStore blobs = a.app().blobs();
        BlobStore.Blob shared = blobs.put(new ByteArrayInputStream(pdf("Gedeeld bestand")), Long.MAX_VALUE);
        Instant now = Instant.now();
        List<NewVersion> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            StoredPublication document = corpus.publication(i, validator, a.url(""), now);
            BlobStore.Blob blob = distinctFiles
                    ? blobs.put(new ByteArrayInputStream(pdf("Document " + i + " over " + DocumentCorpus.uuid(i))),
                    Long.MAX_VALUE)
                    : shared;
            batch.add(Documents.firstVersion(DocumentCorpus.uuid(i), document.publisher(), document.withFile(
                    new StoredPublication.StoredFile(blob.sha256(), blob.size(), "application/pdf", now, null))));
            if (batch.size() == 500 || i == to - 1) {
                a.app().store().createAll(batch);
                batch.clear();
            }
        }
        a.app().index().awaitVisible(a.app().store().lastSeq());
    }

    private static JsonNode run(TestService b, TestService a, String files) {
        HttpResponse<String> created = b.post(SOURCES, "{\"type\":\"diwoo\",\"url\":\"" + a.url("/")
                + "\",\"organisation\":\"gm0344\",\"options\":{\"files\":" + files + "}}", b.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String sourceId = TestService.json(created).path("id").asText();
        HttpResponse<String> started = b.post(SOURCES + "/" + sourceId + "/runs", "{\"full\":true}", b.asAdmin());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        return Eventually.value("run " + location + " ends", Duration.ofHours(2),
                () -> TestService.json(b.get(location, b.asAdmin())),
                run -> run.path("state").asText().equals("finished") || run.path("state").asText().equals("failed"));
    }

    private static void report(String what, JsonNode run) {
        long created = run.at("/counts/created").asLong();
        double seconds = Duration.between(Instant.parse(run.path("startedAt").asText()),
                Instant.parse(run.path("finishedAt").asText())).toMillis() / 1000.0;
        // A's sitemaps list only documents with a Woo information category (about three in five of the corpus),
        // and a document of two categories twice (counted unchanged the second time).
        System.out.printf("DiWoo harvest, %s: %d created, %d unchanged, %d failed, %d requests in %.1f s: %.0f"
                        + " documents/s%n", what, created, run.at("/counts/unchanged").asLong(),
                run.at("/counts/failed").asLong(), run.at("/requests/requests").asLong(), seconds, created / seconds);
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("finished");
    }

    private static byte[] pdf(String text) throws Exception {
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument();
             var out = new java.io.ByteArrayOutputStream()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}

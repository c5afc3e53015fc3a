package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static nl.vindplaats.documents.plooi.PlooiApiTest.BASE;
import static nl.vindplaats.documents.plooi.PlooiApiTest.DEN_HAAG;
import static nl.vindplaats.documents.plooi.PlooiApiTest.aanleverToken;
import static nl.vindplaats.documents.plooi.PlooiApiTest.exampleWithIdentifier;
import static nl.vindplaats.documents.plooi.PlooiApiTest.sendBytes;
import static nl.vindplaats.documents.plooi.PlooiApiTest.uuidOf;
import static org.assertj.core.api.Assertions.assertThat;

public class TextExtractionTest {
    private static TestService shared;
    private static String token;

    @BeforeAll
    static void start() {
        shared = TestService.start(TestService.Store.SQLITE);
        token = shared.createToken("organisation", "gm0518", "write", null);
    }

    @AfterAll
    static void stop() {
        shared.destroy();
    }

    static byte[] pdf(String... pages) throws IOException {
        return protectedPdf(null, pages);
    }

    static byte[] protectedPdf(String userPassword, String... pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            if (userPassword != null) {
                AccessPermission none = new AccessPermission();
                none.setCanExtractContent(false);
                StandardProtectionPolicy policy = new StandardProtectionPolicy("eigenaar", userPassword, none);
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    public static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                zip.write((byte[]) namesAndContents[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Delivers metadata and a file; returns the document's uuid. */
    static String deliver(TestService service, String key, String identifier, String type, byte[] file) {
        HttpResponse<String> created = service.post(BASE + "/metadata", exampleWithIdentifier(identifier).toString(),
                aanleverToken(key));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uuid = uuidOf(created);
        HttpResponse<String> sent = sendBytes(service, "POST", BASE + "/documenten/" + uuid, type, file, aanleverToken(key));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return uuid;
    }

    /** Waits until the processing status on the document is no longer "wachtend", and returns it. */
    static JsonNode processed(TestService service, String uuid) throws InterruptedException {
        return Eventually.value("text extraction finished for " + uuid, Duration.ofSeconds(60), () -> {
            JsonNode status = TestService.json(service.get(BASE + "/metadata/" + uuid)).path("plooiIntern")
                    .path("tekstextractie");
            assertThat(status.isMissingNode()).isFalse();
            return status;
        }, status -> !status.path("status").asText().equals("wachtend"));
    }

    static JsonNode search(TestService service, String words) {
        return TestService.json(service.get(BASE + "/_zoek?publisher=" + DEN_HAAG + "&q=" + words));
    }

    /**
     * Searches until {@code uuid} is found (or 5 s pass). The worker's write is searchable when the worker
     * gets its answer; another reader may see the stored status a moment before the index is refreshed.
     */
    static JsonNode searchFinding(TestService service, String words, String uuid) throws InterruptedException {
        return Eventually.value("a search for " + words + " finds " + uuid, Duration.ofSeconds(5),
                () -> search(service, words), found -> found.toString().contains(uuid));
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void theTextOfADeliveredPdfBecomesSearchable(TestService.Store store) throws Exception {
        TestService service = TestService.start(store);
        try {
            String key = service.createToken("organisation", "gm0518", "write", null);
            String uuid = deliver(service, key, "tekst-1", "application/pdf",
                    pdf("Boomkap aan de Dorpsstraat wegens essentaksterfte", "Tweede pagina over herplant"));

            JsonNode status = processed(service, uuid);
            assertThat(status.path("status").asText()).isEqualTo("klaar");
            assertThat(status.path("paginas").asInt()).isEqualTo(2);
            assertThat(searchFinding(service, "essentaksterfte", uuid).toString()).contains(uuid);
            assertThat(search(service, "herplant").path("totaal").asInt()).isEqualTo(1);
            assertThat(search(service, "vuurwerkverbod").path("totaal").asInt()).isZero();
        } finally {
            service.destroy();
        }
    }

    @Test
    void everyPdfInAZipIsRead() throws Exception {
        byte[] file = zip("bijlage-1.pdf", pdf("Verkeersbesluit Laan van Meerdervoort"),
                "leesmij.txt", "geen pdf".getBytes(StandardCharsets.UTF_8),
                "map/bijlage-2.pdf", pdf("Parkeervergunning Zeeheldenkwartier"));
        String uuid = deliver(shared, token, "zip-1", "application/zip", file);

        JsonNode status = processed(shared, uuid);
        assertThat(status.path("status").asText()).isEqualTo("klaar");
        assertThat(status.path("paginas").asInt()).isEqualTo(2);
        assertThat(searchFinding(shared, "Meerdervoort", uuid).toString()).contains(uuid);
        assertThat(search(shared, "Zeeheldenkwartier").toString()).contains(uuid);
    }

    @Test
    void encryptedBrokenAndBombFilesAreRecordedAsNoTextAndTheQueueGoesOn() throws Exception {
        String encrypted = deliver(shared, token, "bad-1", "application/pdf", protectedPdf("geheim", "Vertrouwelijke inhoud"));
        byte[] broken = "%PDF-1.7\nthis is not really a pdf at all\n".getBytes(StandardCharsets.US_ASCII);
        String brokenId = deliver(shared, token, "bad-2", "application/pdf", broken);
        String bomb = deliver(shared, token, "bad-3", "application/zip", zip("bom.pdf", new byte[50 * 1024 * 1024]));
        String good = deliver(shared, token, "bad-4", "application/pdf", pdf("Na de slechte bestanden gewoon verder"));

        JsonNode first = processed(shared, encrypted);
        assertThat(first.path("status").asText()).isEqualTo("geen tekst");
        assertThat(first.path("reden").asText()).contains("versleuteld");
        JsonNode second = processed(shared, brokenId);
        assertThat(second.path("status").asText()).isEqualTo("geen tekst");
        assertThat(second.path("reden").asText()).isNotBlank();
        JsonNode third = processed(shared, bomb);
        assertThat(third.path("status").asText()).isEqualTo("geen tekst");
        assertThat(third.path("reden").asText()).contains("zip-bom");
        assertThat(processed(shared, good).path("status").asText()).isEqualTo("klaar");
        assertThat(searchFinding(shared, "slechte", good).toString()).contains(good);
        assertThat(search(shared, "Vertrouwelijke").path("totaal").asInt()).isZero();
    }

    @Test
    void aFileReceivedBeforeAStopIsStillProcessedAfterTheRestart() throws Exception {
        TestService service = TestService.start(TestService.Store.SQLITE);
        try {
            String key = service.createToken("organisation", "gm0518", "write", null);
            String uuid = deliver(service, key, "herstart-1", "application/pdf", pdf("Tekst van voor de herstart"));
            processed(service, uuid);
            service.close();

            // As if the service stopped right after receiving the file: the text is still to be made.
            try (Database database = Database.open(service.config().store())) {
                RecordStore store = new RecordStore(database, Clock.systemUTC());
                StoredRecord record = store.get(Documents.KIND, uuid).orElseThrow();
                StoredPublication stored = StoredPublication.of(record);
                ObjectNode body = stored.withText(StoredPublication.ExtractedText.waiting(stored.file().sha256()))
                        .body();
                store.update(new nl.vindplaats.store.NewVersion(Documents.KIND, uuid, null, record.organisation(),
                        record.state(), body, "aanlevering"), record.version());
            }

            service = service.restart();
            JsonNode status = processed(service, uuid);
            assertThat(status.path("status").asText()).isEqualTo("klaar");
            assertThat(searchFinding(service, "herstart", uuid).toString()).contains(uuid);
        } finally {
            service.destroy();
        }
    }

    @Test
    void thePageCountIsTheFilesAlsoWhenItsTextIsCutShortOrMayNotBeTaken() throws Exception {
        java.nio.file.Path dir = TestService.newDataDir();
        nl.vindplaats.blobs.BlobStore blobs = new nl.vindplaats.blobs.FileBlobStore(dir.resolve("blobs"));
        String threePages = blobs.put(new java.io.ByteArrayInputStream(pdf("Eerste pagina met tekst",
                "Tweede pagina met tekst", "Derde pagina met tekst")), Long.MAX_VALUE).sha256();
        // opens without a password, but its owner forbids taking the text
        String locked = blobs.put(new java.io.ByteArrayInputStream(protectedPdf("", "Een", "Twee")),
                Long.MAX_VALUE).sha256();
        TextExtraction.Limits few = new TextExtraction.Limits(Duration.ofMinutes(1), 10, 1L << 30, 100, 100);
        TextExtraction.Limits noTime = new TextExtraction.Limits(Duration.ZERO, 2_000_000, 1L << 30, 100, 100);

        TextExtraction.Outcome cut = new TextExtraction(null, null, blobs, Clock.systemUTC(), dir.resolve("a"), few)
                .extract(threePages, "application/pdf");
        assertThat(cut.reason()).contains("ingekort");
        assertThat(cut.pages()).isEqualTo(3);
        TextExtraction.Outcome slow = new TextExtraction(null, null, blobs, Clock.systemUTC(), dir.resolve("b"), noTime)
                .extract(threePages, "application/pdf");
        assertThat(slow.reason()).contains("te traag");
        assertThat(slow.pages()).isEqualTo(3);
        TextExtraction.Outcome encrypted = new TextExtraction(null, null, blobs, Clock.systemUTC(), dir.resolve("c"),
                TextExtraction.Limits.DEFAULT).extract(locked, "application/pdf");
        assertThat(encrypted.reason()).contains("versleuteld");
        assertThat(encrypted.pages()).isEqualTo(2);
    }
}

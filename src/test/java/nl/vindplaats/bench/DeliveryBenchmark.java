package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PDF text extraction in pages per second (issue 3). Off in normal builds; {@code bench/run} runs it (it sets
 * {@code -Dvp.bench=true}) after {@code bench/deliveries.sh}, which measures metadata deliveries against the jar.
 * Prints its result as a table row.
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
class DeliveryBenchmark {
    private static final String BASE = "/overheid/openbaarmaken/api/v0";

    @ParameterizedTest
    @EnumSource(value = TestService.Store.class, names = "SQLITE")
    void textExtractionPagesPerSecond(TestService.Store store) throws Exception {
        TestService service = TestService.start(store, c -> c.with(c.server().withRateLimits(0, 0)));
        try {
            String token = service.createToken("organisation", "gm0518", "write", null);
            String example = Files.readString(Path.of("src/test/resources/plooi/metadata-example.json"));
            int documents = 20;
            int pagesEach = 50;
            byte[] pdf = pdf(pagesEach);
            List<String> ids = new ArrayList<>();
            Instant started = Instant.now();
            for (int i = 0; i < documents; i++) {
                ObjectNode metadata = (ObjectNode) Json.read(example);
                ((ArrayNode) metadata.path("document").path("identifiers")).removeAll().add("pages-" + i);
                String location = service.post(BASE + "/metadata", metadata.toString(), "Aanlever-Token", token)
                        .headers().firstValue("Location").orElseThrow();
                String uuid = location.substring(location.lastIndexOf('/') + 1);
                HttpRequest request = HttpRequest.newBuilder(URI.create(service.url(BASE + "/documenten/" + uuid)))
                        .header("Content-Type", "application/pdf").header("Aanlever-Token", token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build();
                assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
                        .isEqualTo(202);
                ids.add(uuid);
            }
            for (String uuid : ids) {
                while (!Json.read(service.get(BASE + "/metadata/" + uuid).body()).path("plooiIntern")
                        .path("tekstextractie").path("status").asText().equals("klaar")) {
                    Thread.sleep(20);
                }
            }
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            record(String.format("| PDF text extraction | %s | %d PDFs × %d pages | %.0f pages/s |",
                    store.name().toLowerCase(), documents, pagesEach, documents * pagesEach / seconds));
        } finally {
            service.destroy();
        }
    }

    private static byte[] pdf(int pages) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    content.newLineAtOffset(50, 750);
                    for (int line = 0; line < 40; line++) {
                        content.showText("Regel " + line + " van pagina " + p + ": besluit op bezwaar over de kapvergunning");
                        content.newLineAtOffset(0, -14);
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static void record(String row) {
        System.out.println(row + " " + Instant.now().toString().substring(0, 16) + " |");
    }
}

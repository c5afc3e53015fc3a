package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.platform.Json;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmarks of the delivery API (issue 3): metadata deliveries per second, each acknowledged
 * durably and searchable on return, and PDF text extraction in pages per second. Off in normal
 * builds; run with {@code bench/run} (sets {@code -Dvp.bench=true}). Results are appended to
 * {@code bench/RESULTS.md}.
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
class DeliveryBenchmark {
    private static final String BASE = "/overheid/openbaarmaken/api/v0";
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("vp.bench.seconds", 60));
    private static final int CLIENTS = Integer.getInteger("vp.bench.clients", 32);

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void metadataDeliveriesPerSecond(TestService.Store store) throws Exception {
        TestService service = TestService.start(store, c -> c.withRateLimits(0, 0));
        try {
            String token = service.createToken("organisation", "gm0518", "write", null);
            String example = Files.readString(Path.of("src/test/resources/plooi/metadata-example.json"));
            HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            AtomicLong delivered = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong sequence = new AtomicLong();
            Instant end = Instant.now().plus(RUN);
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> {
                        while (Instant.now().isBefore(end)) {
                            ObjectNode metadata = (ObjectNode) Json.read(example);
                            ((ArrayNode) metadata.path("document").path("identifiers")).removeAll()
                                    .add("bench-" + sequence.incrementAndGet());
                            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url(BASE + "/metadata")))
                                    .header("Content-Type", "application/json").header("Aanlever-Token", token)
                                    .POST(HttpRequest.BodyPublishers.ofString(metadata.toString())).build();
                            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                            (r.statusCode() == 201 ? delivered : failed).incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
            double perSecond = delivered.get() / (double) RUN.toSeconds();
            // Every acknowledged delivery is findable at once.
            long found = Json.read(service.get(BASE + "/_zoek?publisher=https://identifier.overheid.nl/tooi/id/gemeente/gm0518&aantal=1").body())
                    .path("totaal").asLong();
            assertThat(found).isEqualTo(delivered.get());
            record(String.format("| metadata deliveries | %s | %d s, %d clients | %.0f /s (%d delivered, %d failed) |",
                    store.name().toLowerCase(), RUN.toSeconds(), CLIENTS, perSecond, delivered.get(), failed.get()));
        } finally {
            service.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestService.Store.class, names = "SQLITE")
    void textExtractionPagesPerSecond(TestService.Store store) throws Exception {
        TestService service = TestService.start(store, c -> c.withRateLimits(0, 0));
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

    private static void record(String row) throws Exception {
        Path results = Path.of("bench/RESULTS.md");
        String line = row + " " + Instant.now().toString().substring(0, 16) + " |\n";
        Files.writeString(results, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

package nl.vindplaats.platform;

import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.DocumentCorpus;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.TextExtraction;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --demo} with its generated corpus: datasets and documents with real PDFs, written in the background. */
class DemoCorpusTest {
    private static final int SIZE = 30;

    @Test
    void theDemoCorpusFillsThePortalWithDatasetsAndDocumentsWhosePdfsDownloadAndAreRead() throws Exception {
        try (TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.instance().withDemo(true).withDemoCorpusSize(SIZE)))) {
            service.app().awaitDemoCorpus();
            Document home = Jsoup.parse(service.get("/").body());
            List<String> counts = home.select(".kind-counts a").eachText();
            assertThat(counts).contains((SIZE + 3) + " Datasets").anyMatch(t -> t.matches("\\d+ Documenten")
                    && Integer.parseInt(t.split(" ")[0]) >= SIZE);

            // a generated document: its page offers its PDF, which is a PDF whose text is the document's
            String id = DocumentCorpus.uuid(7);
            HttpResponse<String> page = service.get("/documenten/" + id);
            assertThat(page.statusCode()).isEqualTo(200);
            Document html = Jsoup.parse(page.body());
            String title = html.selectFirst("h1").text();
            String download = html.selectFirst("a.button[href]").attr("href");
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(service.url(download))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            String text;
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                text = new PDFTextStripper().getText(document);
            }
            assertThat(text.replaceAll("\\s+", " ")).contains(title.substring(0, Math.min(30, title.length())));
            assertThat(text.length()).isGreaterThan(500);

            // the text extraction reads every generated file
            Eventually.until("the demo PDFs' text extracted", Duration.ofSeconds(120), () -> {
                StoredRecord record = service.app().store().get(Documents.KIND, DocumentCorpus.uuid(SIZE - 1))
                        .orElseThrow();
                StoredPublication.ExtractedText extracted = StoredPublication.of(record).text();
                return extracted != null && TextExtraction.DONE.equals(extracted.status());
            });

            // a restart finds the corpus and writes nothing again
            long before = service.app().store().lastSeq();
            try (TestService again = service.restart()) {
                again.app().awaitDemoCorpus();
                assertThat(Jsoup.parse(again.get("/").body()).select(".kind-counts a").eachText())
                        .contains((SIZE + 3) + " Datasets");
                assertThat(again.app().store().get(Documents.KIND, DocumentCorpus.uuid(0))).isPresent();
                assertThat(again.app().store().lastSeq() - before).as("changes written by the restart")
                        .isLessThan(SIZE);
            }
        }
    }

    @Test
    void theSameDocumentGivesTheSamePdf() {
        byte[] one = DemoPdf.of("Besluit over de kapvergunning", "Gemeente Utrecht",
                List.of("Het college van burgemeester en wethouders besluit de vergunning te verlenen."), "demo-1");
        byte[] two = DemoPdf.of("Besluit over de kapvergunning", "Gemeente Utrecht",
                List.of("Het college van burgemeester en wethouders besluit de vergunning te verlenen."), "demo-1");
        assertThat(one).isEqualTo(two);
        assertThat(DemoPdf.of("Ander besluit", "Gemeente Utrecht", List.of("Tekst."), "demo-2")).isNotEqualTo(one);
    }
}

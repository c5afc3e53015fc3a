package nl.vindplaats.documents.plooi;

import nl.vindplaats.documents.OpenDataFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.S3Server;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PLOOI deliveries and open data downloads with the files in an S3-compatible bucket (s3rver, started here):
 * stored, extracted, served with Range and ETag; and a delivery while the store is down is refused with a 503 in
 * PLOOI's format, leaving nothing behind.
 */
class ObjectStoreDeliveryTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static S3Server s3;
    static TestService service;

    static String absent;

    @BeforeAll
    static void start() {
        absent = S3Server.absence();
        if (absent != null) {
            return; // each test is reported as skipped, with the reason
        }
        s3 = S3Server.start();
        service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.instance().withObjectStore(s3.location("vindplaats-files"))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void needsTheServer() {
        Assumptions.assumeTrue(absent == null, absent);
    }

    static HttpResponse<byte[]> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(path)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aDeliveredFileIsInTheBucketExtractedAndServedWithRangeAndEtag() throws Exception {
        byte[] pdf = pdfWithPages("Kapvergunning voor de Lindelaan in de emmer");
        // deliver() waits until the text is extracted, which reads the file back from the bucket
        String uuid = OpenDataFixtures.deliver(service, Spec.of("Kapvergunning Lindelaan", AZ, BRIEF), pdf);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertThat(service.app().blobs().describe()).startsWith("s3://vindplaats-files");
        assertThat(service.app().blobs().exists(sha)).isTrue();
        try (var local = Files.walk(service.dataDir())) { // nothing of it on the local disk
            assertThat(local.filter(p -> p.getFileName().toString().equals(sha))).isEmpty();
        }

        Element doc = xml(service.get("/v1/documents/" + uuid).body()).getDocumentElement();
        String fileurl = path(text(children(children(doc, "files").getFirst(), "file").getFirst(), "fileurl"));
        HttpResponse<byte[]> whole = fetch(fileurl);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(pdf);
        assertThat(whole.headers().firstValue("ETag")).contains("\"" + sha + "\"");
        HttpResponse<byte[]> tail = fetch(fileurl, "Range", "bytes=100-");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(pdf, 100, pdf.length));
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 100-" + (pdf.length - 1) + "/" + pdf.length);
        assertThat(fetch(fileurl, "If-None-Match", "\"" + sha + "\"").statusCode()).isEqualTo(304);
        assertThat(service.get("/v1/documents?q=emmer").body()).contains(uuid); // the extracted text is searchable

        HttpResponse<byte[]> plooi = fetch(PLOOI + "/documenten/" + uuid, service.asAdmin());
        assertThat(plooi.statusCode()).isEqualTo(200);
        assertThat(plooi.body()).isEqualTo(pdf);
    }

    @Test
    void aDeliveryWhileTheStoreIsDownIsRefusedWith503AndLeavesNothing() throws Exception {
        String uuid = OpenDataFixtures.deliver(service, Spec.of("Zonder bestand", AZ, BRIEF).withoutFile());
        byte[] pdf = pdfWithPages("Aangeleverd terwijl de opslag weg was");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        s3.stop();
        HttpResponse<String> refused;
        try {
            refused = PlooiApiTest.sendBytes(service, "POST", PLOOI + "/documenten/" + uuid, "application/pdf", pdf,
                    service.asAdmin());
        } finally {
            s3.startAgain();
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = TestService.json(refused);
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).contains("nothing was stored");
        assertThat(problem.path("detail").asText()).doesNotContain("S3RVER");

        // The document has no file; the bucket has no object; the local spool is empty.
        assertThat(service.get(PLOOI + "/documenten/" + uuid, service.asAdmin()).statusCode()).isEqualTo(404);
        assertThat(service.app().blobs().exists(sha)).isFalse();
        try (var spooled = Files.list(service.dataDir().resolve("blobs-incoming"))) {
            assertThat(spooled).isEmpty();
        }

        // With the store back, the same delivery is accepted.
        HttpResponse<String> accepted = PlooiApiTest.sendBytes(service, "POST", PLOOI + "/documenten/" + uuid,
                "application/pdf", pdf, service.asAdmin());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(service.app().blobs().exists(sha)).isTrue();
    }
}

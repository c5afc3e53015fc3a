package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files uploaded to resources as ckanapi ({@code resource_create package_id=… upload@file}) and CKAN's
 * resource form send them: stored, described as CKAN describes them, served at CKAN's download URL.
 */
class ResourceUploadTest {
    private static final byte[] CSV = "boom,soort,plantjaar\n1,eik,1990\n2,linde,2004\n".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void anUploadIsStoredDescribedAndServed(TestService.Store store) throws Exception {
        try (TestService service = TestService.start(store)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            String editor = ckan.editor("org-a");
            String datasetId = ckan.dataset("bomen", "org-a", Map.of()).path("id").asText();

            HttpResponse<String> r = ckan.postMultipart("resource_create",
                    Map.of("package_id", "bomen", "name", "Bomen"), "Bomen Lijst (2024).csv", CSV, Ckan.auth(editor));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode created = TestService.json(r).path("result");
            String id = created.path("id").asText();
            String url = service.url("/dataset/" + datasetId + "/resource/" + id + "/download/bomen-lijst-2024.csv");
            assertThat(created.path("url").asText()).isEqualTo(url);
            assertThat(created.path("url_type").asText()).isEqualTo("upload");
            assertThat(created.path("size").asLong()).isEqualTo(CSV.length);
            assertThat(created.path("mimetype").asText()).isEqualTo("text/csv");
            assertThat(created.path("hash").asText()).isEqualTo(sha256(CSV));
            assertThat(created.path("last_modified").isNull()).isFalse();
            assertThat(created.has("upload")).isFalse();
            JsonNode shown = ckan.read("package_show", "id=bomen").path("resources").get(0);
            assertThat(shown.path("url").asText()).isEqualTo(url);
            assertThat(shown.has("upload")).isFalse();

            HttpResponse<String> file = service.get(url.substring(service.url("").length()));
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(new String(CSV, StandardCharsets.UTF_8));
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            String etag = "\"" + sha256(CSV) + "\"";
            assertThat(file.headers().firstValue("ETag")).contains(etag);
            HttpResponse<String> part = service.get(url.substring(service.url("").length()), "Range", "bytes=0-3");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo("boom");
            assertThat(part.headers().firstValue("Content-Range")).contains("bytes 0-3/" + CSV.length);
            assertThat(service.get(url.substring(service.url("").length()), "If-None-Match", etag).statusCode())
                    .isEqualTo(304);
            // CKAN ignores the file name in the path.
            assertThat(service.get("/dataset/bomen/resource/" + id + "/download").body())
                    .isEqualTo(new String(CSV, StandardCharsets.UTF_8));

            // A new file through resource_patch replaces the old one; other fields stay.
            byte[] next = "boom,soort\n3,beuk\n".getBytes(StandardCharsets.UTF_8);
            JsonNode patched = TestService.json(ckan.postMultipart("resource_patch", Map.of("id", id), "nieuw.csv",
                    next, Ckan.auth(editor))).path("result");
            assertThat(patched.path("name").asText()).isEqualTo("Bomen");
            assertThat(patched.path("hash").asText()).isEqualTo(sha256(next));
            assertThat(patched.path("size").asLong()).isEqualTo(next.length);
            assertThat(service.get(patched.path("url").asText().substring(service.url("").length())).body())
                    .isEqualTo(new String(next, StandardCharsets.UTF_8));

            // resource_update with a file: the resource is replaced, the file described anew.
            JsonNode updated = TestService.json(ckan.postMultipart("resource_update", Map.of("id", id,
                    "name", "Vervangen"), "data.json", "[]".getBytes(StandardCharsets.UTF_8), Ckan.auth(editor)))
                    .path("result");
            assertThat(updated.path("mimetype").asText()).isEqualTo("application/json");
            assertThat(updated.path("url").asText()).endsWith("/download/data.json");
            assertThat(service.get(updated.path("url").asText().substring(service.url("").length())).body())
                    .isEqualTo("[]");

            // The DCAT distribution downloads from it.
            String turtle = service.get("/dataset/bomen.ttl").body();
            assertThat(turtle).contains("downloadURL").contains(updated.path("url").asText());
        }
    }

    @Test
    void aResourceCannotBePointedAtAnotherFileByItsFields() throws Exception {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.organization("org-b", "Organisatie B");
            ckan.dataset("geheim", "org-a", Map.of("private", true));
            JsonNode secret = TestService.json(ckan.postMultipart("resource_create", Map.of("package_id", "geheim"),
                    "geheim.csv", CSV, ckan.sysadmin())).path("result");
            String secretUrl = secret.path("url").asText().substring(service.url("").length());
            assertThat(service.get(secretUrl).statusCode()).isEqualTo(403);

            String other = ckan.editor("org-b");
            ckan.dataset("open", "org-b", Map.of());
            JsonNode forged = ckan.call("resource_create", Map.of("package_id", "open", "url_type", "upload",
                    "hash", sha256(CSV), "url", "geheim.csv"), Ckan.auth(other));
            assertThat(service.get("/dataset/open/resource/" + forged.path("id").asText() + "/download/geheim.csv")
                    .statusCode()).isEqualTo(404);
            // Nor by taking the id of a resource with a file in another dataset.
            HttpResponse<String> copied = ckan.post("resource_create", "{\"package_id\":\"open\",\"id\":\""
                    + secret.path("id").asText() + "\",\"url_type\":\"upload\"}", Ckan.auth(other));
            if (copied.statusCode() == 200) {
                assertThat(service.get("/dataset/open/resource/" + secret.path("id").asText() + "/download")
                        .statusCode()).isEqualTo(404);
            }
        }
    }

    @Test
    void aLinkedResourceRedirectsAndATooLargeFileIsRefused() {
        try (TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.documents().withMaxDocumentBytes(10)))) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("bomen", "org-a", Map.of());
            String id = ckan.call("resource_create", Map.of("package_id", "bomen", "url", "https://x.nl/a.csv"),
                    ckan.sysadmin()).path("id").asText();
            HttpResponse<String> redirect = service.get("/dataset/bomen/resource/" + id + "/download");
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location")).contains("https://x.nl/a.csv");

            HttpResponse<String> tooLarge = ckan.postMultipart("resource_create", Map.of("package_id", "bomen"),
                    "groot.csv", CSV, ckan.sysadmin());
            assertThat(tooLarge.statusCode()).isEqualTo(409);
            assertThat(TestService.json(tooLarge).path("error").path("upload").get(0).asText())
                    .isEqualTo("File upload too large");
            assertThat(ckan.read("package_show", "id=bomen").path("num_resources").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aFileLargerThanTheRequestLimitForDataDictsIsAccepted() throws Exception {
        byte[] large = new byte[12 * 1024 * 1024];
        new java.util.Random(7).nextBytes(large);
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            ckan.dataset("groot", "org-a", Map.of());
            HttpResponse<String> r = ckan.postMultipart("resource_create", Map.of("package_id", "groot"),
                    "kaart.tif", large, ckan.sysadmin());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode created = TestService.json(r).path("result");
            assertThat(created.path("size").asLong()).isEqualTo(large.length);
            assertThat(created.path("hash").asText()).isEqualTo(sha256(large));
            HttpResponse<String> tail = service.get(created.path("url").asText().substring(service.url("").length()),
                    "Range", "bytes=-10");
            assertThat(tail.statusCode()).isEqualTo(206);
            assertThat(tail.headers().firstValue("Content-Length")).contains("10");
        }
    }

    @Test
    void filenamesAreMungedAsCkanDoes() {
        assertThat(ResourceUploads.mungeFilename("C:\\Users\\x\\Überzicht 2024 (v2).CSV")).isEqualTo("uberzicht-2024-v2.csv");
        assertThat(ResourceUploads.mungeFilename("a")).isEqualTo("a__");
        assertThat(ResourceUploads.mungeFilename("../../etc/passwd")).isEqualTo("passwd");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

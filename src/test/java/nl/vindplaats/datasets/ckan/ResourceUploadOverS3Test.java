package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.S3Server;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A CKAN resource upload with the files in an S3-compatible bucket (s3rver, started here); and with it down. */
class ResourceUploadOverS3Test {
    private static final byte[] CSV = "boom,soort,plantjaar\n1,eik,1990\n2,linde,2004\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anUploadGoesToTheBucketAndIsServedFromIt() throws Exception {
        try (S3Server s3 = S3Server.start();
             TestService service = TestService.start(TestService.Store.SQLITE,
                     c -> c.with(c.instance().withObjectStore(s3.location("ckan-files"))))) {
            Ckan ckan = new Ckan(service);
            ckan.organization("org-a", "Organisatie A");
            String editor = ckan.editor("org-a");
            ckan.dataset("bomen", "org-a", Map.of());

            HttpResponse<String> r = ckan.postMultipart("resource_create",
                    Map.of("package_id", "bomen", "name", "Bomen"), "bomen.csv", CSV, Ckan.auth(editor));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode created = TestService.json(r).path("result");
            String hash = created.path("hash").asText();
            assertThat(service.app().blobs().exists(hash)).isTrue();
            String path = created.path("url").asText().substring(service.url("").length());
            HttpResponse<String> part = service.get(path, "Range", "bytes=5-9");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo("soort");
            assertThat(part.headers().firstValue("ETag")).contains("\"" + hash + "\"");

            // The store down: the upload is refused in CKAN's error format, and the resource is not created.
            s3.stop();
            HttpResponse<String> refused = ckan.postMultipart("resource_create",
                    Map.of("package_id", "bomen", "name", "Nog een"), "meer.csv", "a,b\n".getBytes(StandardCharsets.UTF_8),
                    Ckan.auth(editor));
            s3.startAgain();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            JsonNode error = TestService.json(refused);
            assertThat(error.path("success").asBoolean(true)).isFalse();
            assertThat(error.path("error").path("message").asText()).contains("nothing was stored");
            assertThat(ckan.read("package_show", "id=bomen").path("resources")).hasSize(1);
        }
    }
}

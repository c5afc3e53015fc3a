package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.datasets.Ckan;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What keeps a CKAN answer from being turned against its reader: JSONP callbacks, nosniff, the help URL. */
class CkanAnswerSafetyTest {

    @Test
    void aJsonpCallbackIsAJavaScriptIdentifierPath() {
        try (TestService service = TestService.start(TestService.Store.SQLITE)) {
            for (String good : new String[] {"cb", "jQuery1124_1700000000000", "$.ns._x1", "angular.callbacks._0"}) {
                HttpResponse<String> r = service.get("/api/3/action/package_list?callback=" + Ckan.enc(good));
                assertThat(r.statusCode()).as(good).isEqualTo(200);
                assertThat(r.body()).startsWith(good + "(");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            }
            for (String bad : new String[] {"alert(1)//", "<script>", "a..b", "1cb", "cb;x", "a.", "a b", "a-b"}) {
                HttpResponse<String> r = service.get("/api/3/action/package_list?callback=" + Ckan.enc(bad));
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(TestService.json(r).asText()).startsWith("Bad request: Invalid callback");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            }
            assertThat(service.get("/api/3/action/package_list").headers().firstValue("X-Content-Type-Options"))
                    .contains("nosniff");
            assertThat(service.get("/api/3/action/package_show?id=nope").headers()
                    .firstValue("X-Content-Type-Options")).contains("nosniff");

            JsonNode doc = TestService.json(service.get("/api/3/openapi.json"));
            JsonNode get = doc.path("paths").path("/package_list").path("get");
            assertThat(get.path("responses").path("200").path("content").has("application/javascript")).isTrue();
            assertThat(doc.path("paths").path("/package_create").path("post").path("responses").path("200")
                    .path("content").has("application/javascript")).isFalse();
        }
    }

    @Test
    void theHelpUrlIsOnThePublicBaseUrlWhateverTheHostHeaderSays() throws IOException {
        try (TestService service = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.server().withPublicBaseUrl("https://data.vindplaats.example/")))) {
            URI uri = URI.create(service.url("/"));
            for (String path : new String[] {"/api/3/action/package_list", "/api/3/action/package_show?id=nope"}) {
                String answer = rawGet(uri.getHost(), uri.getPort(), path, "evil.example");
                assertThat(answer).contains("\"help\":\"https://data.vindplaats.example/api/3/action/help_show?name=")
                        .doesNotContain("evil.example");
            }
        }
    }

    /** A GET with a Host header of our choosing (java.net.http does not let a client set one). */
    private static String rawGet(String host, int port, String path, String hostHeader) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}

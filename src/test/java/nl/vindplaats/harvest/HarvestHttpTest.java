package nl.vindplaats.harvest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Conditional requests: an answer's ETag and Last-Modified go back with the next request, and a 304 is NotModified. */
class HarvestHttpTest {
    private static final String ETAG = "\"v1\"";
    private static final String LAST_MODIFIED = "Mon, 07 Dec 2026 01:00:00 GMT";
    private HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/catalog.ttl", exchange -> {
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ims = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            received.add(Map.of("If-None-Match", String.valueOf(inm), "If-Modified-Since", String.valueOf(ims)));
            if (ETAG.equals(inm)) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = "<a> <b> <c> .".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("ETag", ETAG);
            exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
            exchange.getResponseHeaders().set("Content-Type", "text/turtle");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anUnchangedResourceCostsA304AndNoBody() throws InterruptedException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/catalog.ttl";
        try (HarvestHttp http = new HarvestHttp(HarvestSettings.defaults().withAllowPrivateAddresses(true))) {
            HarvestHttp.Fetched first = http.get(url, Map.of(), null);
            assertThat(first).isInstanceOf(HarvestHttp.Body.class);
            HarvestHttp.Body body = (HarvestHttp.Body) first;
            assertThat(body.mediaType()).isEqualTo("text/turtle");
            assertThat(body.validators()).isEqualTo(new HarvestHttp.Validators(ETAG, LAST_MODIFIED));

            assertThat(http.get(url, Map.of(), body.validators())).isInstanceOf(HarvestHttp.NotModified.class);
            assertThat(received.get(0)).containsEntry("If-None-Match", "null");
            assertThat(received.get(1)).containsEntry("If-None-Match", ETAG).containsEntry("If-Modified-Since", LAST_MODIFIED);
        }
    }

    @Test
    void internalAddressesAreRefusedUnlessTheOperatorAllowsThem() throws InterruptedException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/catalog.ttl";
        try (HarvestHttp http = new HarvestHttp(HarvestSettings.defaults())) {
            HarvestHttp.Fetched refused = http.get(url, Map.of(), null);
            assertThat(refused).isInstanceOf(HarvestHttp.Failed.class);
            assertThat(((HarvestHttp.Failed) refused).reason()).contains("internal address");
            assertThat(received).isEmpty();
        }
    }
}

package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.ChildService;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SIGTERM as an orchestrator sends it: the service stops accepting connections, lets a request that
 * is still arriving finish, commits the search index and exits 0 within the grace period.
 */
class GracefulShutdownTest {
    private static final String ORGANISATIONS = "/platform/v1/organisations";

    @Test
    void sigtermLetsTheInFlightRequestFinishAndCommitsTheIndex() throws Exception {
        ChildService.Place place = ChildService.Place.create(TestService.Store.SQLITE);
        try {
            ChildService service = ChildService.start(place, "--shutdown-grace-seconds", "15");
            try {
                for (int i = 0; i < 4; i++) {
                    assertThat(service.postAsAdmin(ORGANISATIONS, organisation("vooraf-" + i)).statusCode()).isEqualTo(201);
                }
                SlowRequest slow = SlowRequest.begin(service, Json.write(organisation("traag-verzoek")));

                long signalled = System.nanoTime();
                service.terminate();
                awaitRefusingConnections(service, Duration.ofSeconds(5));
                String response = slow.finish();

                assertThat(response).as("the in-flight request's response").startsWith("HTTP/1.1 201");
                int exit = service.awaitExit(Duration.ofSeconds(20));
                long tookMillis = (System.nanoTime() - signalled) / 1_000_000;
                assertThat(exit).as("exit code; log:\n" + service.log()).isZero();
                assertThat(tookMillis).as("time from SIGTERM to exit").isLessThan(15_000);
            } finally {
                service.forceStop();
            }

            ChildService restarted = ChildService.start(place);
            try {
                assertThat(restarted.get(ORGANISATIONS + "/traag-verzoek").statusCode()).isEqualTo(200);
                JsonNode index = TestService.json(restarted.get("/health")).path("checks").path("index");
                long applied = index.path("appliedChange").asLong();
                assertThat(applied).isEqualTo(5);
                assertThat(restarted.log()).as("the index was committed at shutdown, so it opens where it was")
                        .contains("Search index opened at change " + applied)
                        .doesNotContain("rebuilding");
            } finally {
                restarted.forceStop();
            }
        } finally {
            place.destroy();
        }
    }

    private static void awaitRefusingConnections(ChildService service, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", service.port()), 500);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // try again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the service still accepted connections " + timeout + " after SIGTERM");
    }

    private static Map<String, String> organisation(String slug) {
        return Map.of("id", "https://identifier.overheid.nl/tooi/id/test/" + slug, "name", "Organisatie " + slug,
                "slug", slug);
    }

    /** A POST whose body arrives slowly, over a plain socket: a real request that is still in flight. */
    private record SlowRequest(Socket socket, byte[] body, int sent) {
        static SlowRequest begin(ChildService service, String json) throws IOException, InterruptedException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            Socket socket = new Socket("localhost", service.port());
            socket.setSoTimeout(30_000);
            String head = "POST " + ORGANISATIONS + " HTTP/1.1\r\nHost: localhost:" + service.port()
                    + "\r\nX-API-Key: " + service.place().adminToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            int half = body.length / 2;
            out.write(body, 0, half);
            out.flush();
            Thread.sleep(500); // the server has the request and is reading its body
            return new SlowRequest(socket, body, half);
        }

        /** Sends the rest of the body a few bytes at a time over about two seconds; returns the whole response. */
        String finish() throws IOException, InterruptedException {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                int step = Math.max(1, (body.length - sent) / 20);
                for (int at = sent; at < body.length; at += step) {
                    out.write(body, at, Math.min(step, body.length - at));
                    out.flush();
                    Thread.sleep(100);
                }
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                in.transferTo(response);
                return response.toString(StandardCharsets.UTF_8);
            }
        }
    }
}

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
                KeptAlive idle = KeptAlive.open(service);
                assertThat(idle.get("/health/live")).startsWith("HTTP/1.1 200");
                SlowRequest slow = SlowRequest.begin(service, Json.write(organisation("traag-verzoek")));

                long signalled = System.nanoTime();
                service.terminate();
                awaitRefusingConnections(service, Duration.ofSeconds(5));
                String lateOnOpenConnection = idle.get("/health/live");
                String response = slow.finish();

                assertThat(response).as("the in-flight request's response").startsWith("HTTP/1.1 201");
                assertThat(lateOnOpenConnection).as("a new request on a kept-alive connection during the drain")
                        .satisfiesAnyOf(r -> assertThat(r).startsWith("HTTP/1.1 503"), r -> assertThat(r).isEmpty());
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

    @Test
    void aRequestThatOutlastsTheGracePeriodDoesNotHoldTheStopUp() throws Exception {
        ChildService.Place place = ChildService.Place.create(TestService.Store.SQLITE);
        try {
            ChildService service = ChildService.start(place, "--shutdown-grace-seconds", "2");
            try {
                // A client that keeps sending a byte every 100 ms of a body that would take minutes: never idle
                // (an idle one is cut after Jetty's 1 s shutdown idle timeout), never done.
                String huge = Json.write(Map.of("name", "x".repeat(100_000)));
                SlowRequest stuck = SlowRequest.begin(service, huge);
                Thread trickle = Thread.ofPlatform().daemon().start(() -> {
                    try {
                        for (int at = huge.length() / 2; at < huge.length(); at++) {
                            stuck.socket().getOutputStream().write('x');
                            stuck.socket().getOutputStream().flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException cut) {
                        // the server closed the connection at the end of the grace period
                    }
                });
                long signalled = System.nanoTime();
                service.terminate();
                int exit = service.awaitExit(Duration.ofSeconds(20));
                long tookMillis = (System.nanoTime() - signalled) / 1_000_000;

                assertThat(exit).as("exit code; log:\n" + service.log()).isZero();
                assertThat(tookMillis).as("time from SIGTERM to exit with a 2 s grace period")
                        .isBetween(1_500L, 8_000L);
                stuck.socket().close();
                trickle.join(5_000);
            } finally {
                service.forceStop();
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

    /** One HTTP/1.1 connection kept open between requests, as browsers and connection pools do. */
    private record KeptAlive(Socket socket) {
        static KeptAlive open(ChildService service) throws IOException {
            Socket socket = new Socket("localhost", service.port());
            socket.setSoTimeout(10_000);
            return new KeptAlive(socket);
        }

        /** The status line and headers of the answer, or "" when the server closed the connection instead. */
        String get(String path) throws IOException {
            try {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException closed) {
                return "";
            }
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int length = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(-1);
            if (length >= 0) {
                in.readNBytes(length);
            } else if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                readChunks(in);
            }
            return head;
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    head.write(b);
                    if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (java.net.SocketException reset) {
                // closed by the server: what was read so far (nothing) is the answer
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private static void readChunks(InputStream in) throws IOException {
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                in.readNBytes(size);
                readLine(in);
                if (size == 0) {
                    return;
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
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

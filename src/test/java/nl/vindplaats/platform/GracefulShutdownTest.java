package nl.vindplaats.platform;

import nl.vindplaats.base.Json;
import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.ChildService;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
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
@Tag("slow") // stops service processes under load
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
                SlowRequest slow = SlowRequest.begin(service, Json.write(organisation("traag-verzoek")), 30);
                Thread.sleep(500); // the server has the request and is reading its body

                assertThat(slow.stillSending()).as("the request is still in flight at SIGTERM").isTrue();
                long signalled = System.nanoTime();
                service.terminate();
                awaitRefusingConnections(service, Duration.ofSeconds(15));
                String lateOnOpenConnection = idle.get("/health/live");
                String response = slow.response();

                assertThat(response).as("the in-flight request's response").startsWith("HTTP/1.1 201");
                assertThat(lateOnOpenConnection).as("a new request on a kept-alive connection during the drain")
                        .satisfiesAnyOf(r -> assertThat(r).startsWith("HTTP/1.1 503"), r -> assertThat(r).isEmpty());
                int exit = service.awaitExit(Duration.ofSeconds(20));
                long tookMillis = (System.nanoTime() - signalled) / 1_000_000;
                assertThat(exit).as("exit code; log:\n" + service.log()).isZero();
                assertThat(tookMillis).as("time from SIGTERM to exit (grace 15 s)").isLessThan(15_000);
            } finally {
                service.forceStop();
            }

            ChildService restarted = ChildService.start(place);
            try {
                assertThat(restarted.get(ORGANISATIONS + "/traag-verzoek").statusCode()).isEqualTo(200);
                JsonNode index = TestService.json(restarted.get("/health")).path("checks").path("index");
                long applied = index.path("appliedChange").asLong();
                assertThat(index.path("lag").asLong()).isZero();
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
                // A client that keeps sending a piece of a body every 100 ms and would need 100 s for all of
                // it: never idle, never done.
                SlowRequest stuck = SlowRequest.begin(service,
                        Json.write(Map.of("name", "x".repeat(200_000))), 1000);
                Thread.sleep(500);
                long signalled = System.nanoTime();
                service.terminate();
                int exit = service.awaitExit(Duration.ofSeconds(20));
                long tookMillis = (System.nanoTime() - signalled) / 1_000_000;

                assertThat(exit).as("exit code; log:\n" + service.log()).isZero();
                assertThat(tookMillis).as("time from SIGTERM to exit with a 2 s grace period")
                        .isBetween(1_500L, 15_000L);
                assertThat(stuck.senderEndsWithin(Duration.ofSeconds(5))).as("the client was cut off").isTrue();
                stuck.abandon();
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

    /**
     * A POST whose body arrives slowly over a plain socket: a real request that is still in flight.
     * After the first half, a thread sends the rest in small pieces every 100 ms, so the connection is
     * never idle (Jetty closes connections idle for 1 s once it is stopping).
     */
    private static final class SlowRequest {
        private final Socket socket;
        private final Thread sender;

        private SlowRequest(Socket socket, Thread sender) {
            this.socket = socket;
            this.sender = sender;
        }

        /** Sends the head and half the body, then the rest over {@code pieces} × 100 ms. */
        static SlowRequest begin(ChildService service, String json, int pieces) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            Socket socket = new Socket("localhost", service.port());
            socket.setSoTimeout(60_000);
            String head = "POST " + ORGANISATIONS + " HTTP/1.1\r\nHost: localhost:" + service.port()
                    + "\r\nX-API-Key: " + service.place().adminToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            int half = body.length / 2;
            out.write(body, 0, half);
            out.flush();
            int step = Math.max(1, (body.length - half + pieces - 1) / pieces);
            Thread sender = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (int at = half; at < body.length; at += step) {
                        Thread.sleep(100);
                        out.write(body, at, Math.min(step, body.length - at));
                        out.flush();
                    }
                } catch (IOException | InterruptedException cut) {
                    // the server closed the connection
                }
            });
            return new SlowRequest(socket, sender);
        }

        boolean stillSending() {
            return sender.isAlive();
        }

        boolean senderEndsWithin(Duration timeout) throws InterruptedException {
            sender.join(timeout);
            return !sender.isAlive();
        }

        /** Waits until the whole body is sent and returns the whole response ("" when the server cut it). */
        String response() throws IOException, InterruptedException {
            try (socket) {
                sender.join();
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                try {
                    socket.getInputStream().transferTo(response);
                } catch (java.net.SocketException reset) {
                    // cut off: what arrived is the answer
                }
                return response.toString(StandardCharsets.UTF_8);
            }
        }

        void abandon() throws IOException {
            sender.interrupt();
            socket.close();
        }
    }
}

package nl.vindplaats.testing;

import nl.vindplaats.base.FileTree;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Vindplaats as a real operating-system process: the same java binary and classpath as the test,
 * {@code nl.vindplaats.Main serve} on a free port, so tests can kill it (SIGKILL) or stop it (SIGTERM)
 * the way an operator or an orchestrator would. Its stdout and stderr go to one log file.
 */
public final class ChildService {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Where the child keeps its state; {@link #start} can be called again on the same place. */
    public record Place(Path root, String databaseUrl, String schema, String adminToken) {
        public static Place create(TestService.Store store) {
            Path root = TestService.newDataDir();
            if (store == TestService.Store.SQLITE) {
                return new Place(root, null, null, Ids.secret());
            }
            String schema = "child_" + Ids.uuid().replace("-", "").substring(0, 16);
            return new Place(root, TestService.postgresUrl(), schema, Ids.secret());
        }

        /** The service's data directory; the child's logs sit beside it in {@link #root}. */
        public Path dataDir() {
            return root.resolve("data");
        }

        /** Removes the data directory and, on PostgreSQL, the schema. */
        public void destroy() {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(databaseUrl); var s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                FileTree.delete(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Place place;
    private final Process process;
    private final Path log;
    private final int port;

    private ChildService(Place place, Process process, Path log, int port) {
        this.place = place;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code serve} on a free port with the given extra flags and waits until /health answers 200. */
    public static ChildService start(Place place, String... extraArgs) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOn(freePort(), place, extraArgs);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new AssertionError(e.getMessage());
                }
            }
        }
    }

    /** The port was free when chosen but taken before the child bound it (another process got it meanwhile). */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String log) {
            super("the service could not bind its port:\n" + log);
        }
    }

    private static ChildService startOn(int port, Place place, String... extraArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        if (Boolean.getBoolean("vp.bench")) {
            command.add("-Xmx1g"); // benchmarks measure the JVM as deployed: full JIT, the default collector
        } else {
            command.add("-Xmx512m");
            // C1 only and the serial collector: about half the CPU to start, which matters when the whole
            // suite runs in parallel on two cores; nothing these tests check depends on the JIT or the GC.
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-XX:+UseSerialGC");
        }
        // The test classpath's simplelogger.properties says WARN; the child logs like production does.
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("nl.vindplaats.Main");
        command.addAll(List.of("serve", "--port", Integer.toString(port), "--data-dir", place.dataDir().toString()));
        if (place.databaseUrl() != null) {
            command.addAll(List.of("--database-url", place.databaseUrl(), "--database-schema", place.schema()));
        }
        // One public address per place, as a real instance has, whatever port this start got: the
        // instance's own API entries carry it, so a restart finds them unchanged and writes nothing.
        command.addAll(List.of("--public-base-url", "http://" + place.root().getFileName() + ".vindplaats.test"));
        command.addAll(List.of(extraArgs));
        try {
            Path log = Files.createTempFile(place.root(), "child", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("VINDPLAATS_ADMIN_TOKEN", place.adminToken());
            ChildService child = new ChildService(place, builder.start(), log, port);
            // Generous: a loaded CI machine can take long to start a second JVM; a healthy start is still checked.
            child.awaitHealthy(Duration.ofSeconds(120));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999): a port the system hands out for outgoing
     * connections (to PostgreSQL, between tests) could be taken by one between this check and the child's bind.
     */
    private static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 100; i++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                if (log().contains("JavalinBindException")) {
                    throw new PortTaken(log());
                }
                throw new AssertionError("the service exited with " + process.exitValue() + " before it was healthy:\n"
                        + log());
            }
            try {
                // Healthy, and settled: the instance's own APIs are in its register (done in the background).
                if (get("/health").statusCode() == 200 && log().contains("Own APIs in the API register")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not become healthy within " + timeout + ":\n" + log());
    }

    public int port() {
        return port;
    }

    public Place place() {
        return place;
    }

    public Process process() {
        return process;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public HttpResponse<String> postAsAdmin(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("X-API-Key", place.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no final commit, nothing. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, as {@code docker stop} or Kubernetes sends it. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the service did not exit within " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process if a failed test left it running. */
    public void forceStop() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

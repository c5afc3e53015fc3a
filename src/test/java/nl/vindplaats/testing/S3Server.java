package nl.vindplaats.testing;

import nl.vindplaats.blobs.S3BlobStore;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real S3-compatible server for tests: s3rver (Node), installed by {@code .ci/install-s3rver} into
 * {@code target/s3rver} (or named by {@code VINDPLAATS_TEST_S3RVER}). Tests that use it are skipped, saying so,
 * where it is not installed. It keeps its objects in a directory of its own, so it can be stopped and started
 * again on the same port with the same objects, as a store that goes down and comes back.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "S3RVER"; // s3rver's only credentials
    public static final String SECRET_KEY = "S3RVER";

    private final Path executable;
    private final Path directory;
    private final int port;
    private Process process;

    private S3Server(Path executable, Path directory, int port) {
        this.executable = executable;
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server on a free port; skips the calling test when s3rver is not installed. */
    public static S3Server start() {
        Path executable = find();
        try {
            S3Server server = new S3Server(executable, Files.createTempDirectory("s3rver"), freePort());
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find() {
        String absent = absence();
        Assumptions.assumeTrue(absent == null, absent);
        return executable();
    }

    private static Path executable() {
        String named = System.getenv("VINDPLAATS_TEST_S3RVER");
        return named != null && !named.isBlank() ? Path.of(named)
                : Path.of("target", "s3rver", "node_modules", ".bin", "s3rver");
    }

    /** Why the S3 tests cannot run here, or null when s3rver is installed. */
    public static String absence() {
        Path executable = executable();
        return Files.isExecutable(executable) ? null : "s3rver is not installed at " + executable.toAbsolutePath()
                + ": run .ci/install-s3rver (needs node and npm) to run the S3 tests";
    }

    /** Starts the server (again, after {@link #stop()}) on its port with its objects. */
    public void startAgain() throws IOException {
        process = new ProcessBuilder(executable.toString(), "--directory", directory.toString(), "--address",
                "127.0.0.1", "--port", Integer.toString(port), "--silent")
                .redirectErrorStream(true).redirectOutput(directory.resolveSibling(directory.getFileName() + ".log").toFile())
                .start();
        Eventually.until("s3rver listens on port " + port, Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3rver exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stops the server: the store is down until {@link #startAgain()}. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A location in this server, for a bucket of the test's own. */
    public S3BlobStore.Location location(String bucket) {
        return new S3BlobStore.Location(endpoint(), "us-east-1", bucket, ACCESS_KEY, SECRET_KEY, true);
    }

    @Override
    public void close() throws Exception {
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

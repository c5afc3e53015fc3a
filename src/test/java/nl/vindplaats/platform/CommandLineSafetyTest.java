package nl.vindplaats.platform;

import nl.vindplaats.base.FileTree;
import nl.vindplaats.testing.TestService;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.StoreLocation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user meets it, in a process of its own (exit codes and stderr are the contract): it
 * refuses before it writes anything, in one line, and never touches a data directory another process holds.
 */
@Tag("slow") // runs the command line in processes of its own
class CommandLineSafetyTest {
    record Run(int exitCode, String output) { }

    Path dir;

    @BeforeEach
    void makeDir() {
        dir = TestService.newDataDir();
    }

    @AfterEach
    void removeDir() throws IOException {
        FileTree.delete(dir);
    }

    static Run vindplaats(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "nl.vindplaats.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("still running: " + output).isTrue();
        return new Run(process.exitValue(), output);
    }

    static void assertRefusedInOneLine(Run run, String expected) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("platform-admin API token");
        assertThat(run.output().strip().lines().filter(l -> l.startsWith("vindplaats")).count()).isEqualTo(1);
    }

    private void makeStore() {
        Database.open(Config.defaults(dir).store()).close();
    }

    @Test
    void withoutACommandItPrintsTheUsageAndExits2() throws Exception {
        Run run = vindplaats();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("Usage: vindplaats").contains("serve").contains("reindex");
    }

    @Test
    void reindexAndImportRefuseADirectoryWithoutAStoreAndCreateNothing() throws Exception {
        Path typo = dir.resolve("typo");
        assertRefusedInOneLine(vindplaats("reindex", "--data-dir", typo.toString()), "no data directory at " + typo);
        assertRefusedInOneLine(vindplaats("import", "api-register", "--data-dir", typo.toString(), dir.toString()),
                "no data directory at " + typo);
        assertThat(typo).doesNotExist();

        assertRefusedInOneLine(vindplaats("reindex", "--data-dir", dir.toString()), "no store in " + dir);
        assertThat(dir.resolve(StoreLocation.SQLITE_FILE)).doesNotExist();
        assertThat(dir.resolve("index")).doesNotExist();
    }

    @Test
    void reindexAndImportRefuseADirectoryAServiceHolds() throws Exception {
        makeStore();
        try (DataDirLock held = DataDirLock.acquire(dir, "serve")) {
            String holder = "in use by vindplaats serve (process " + ProcessHandle.current().pid() + ")";
            assertRefusedInOneLine(vindplaats("reindex", "--data-dir", dir.toString()), holder);
            Path entries = Files.createDirectories(dir.resolve("entries"));
            assertRefusedInOneLine(vindplaats("import", "api-register", "--data-dir", dir.toString(), entries.toString()),
                    holder);
        }
        assertThat(dir.resolve("index")).doesNotExist();
    }

    @Test
    void serveRefusesADirectoryAnotherCommandHoldsBeforePrintingAToken() throws Exception {
        try (DataDirLock held = DataDirLock.acquire(dir, "reindex")) {
            assertRefusedInOneLine(vindplaats("serve", "--port", "0", "--data-dir", dir.toString()),
                    "in use by vindplaats reindex (process " + ProcessHandle.current().pid() + ")");
        }
        assertThat(dir.resolve(StoreLocation.SQLITE_FILE)).doesNotExist();
    }

    @Test
    void serveRefusesAPortInUseAndADataDirectoryItCannotWrite() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertRefusedInOneLine(vindplaats("serve", "--port", Integer.toString(taken.getLocalPort()), "--data-dir",
                    dir.toString()), "port " + taken.getLocalPort() + " is in use");
        }
        assertThat(dir.resolve(StoreLocation.SQLITE_FILE)).doesNotExist();

        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertRefusedInOneLine(vindplaats("serve", "--port", "0", "--data-dir", file.resolve("data").toString()),
                "cannot write to the data directory");
    }

    @Test
    void serveRefusesAHouseStyleItCannotReadBeforeItWritesAnything() throws Exception {
        Path data = dir.resolve("data");
        Path missing = dir.resolve("huisstijl.css");
        assertRefusedInOneLine(vindplaats("serve", "--port", "0", "--data-dir", data.toString(),
                "--portal-theme-css", missing.toString()),
                "vindplaats serve: --portal-theme-css: the house style " + missing + " does not exist");
        assertThat(data).doesNotExist();
    }

    /** A Java older than 21 beside this one, as on a stock Debian 12 with a newer JDK installed. */
    static Optional<Path> olderJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(jvms)) {
            return all.map(p -> p.resolve("bin/java")).filter(Files::isExecutable)
                    .filter(java -> java.toString().matches(".*(-|/)(1[1-7]|8)[-.].*|.*openjdk-1[1-7].*")).findFirst();
        }
    }

    @Test
    void anOlderJavaIsToldInOneLineWhichJavaIsNeeded() throws Exception {
        Optional<Path> older = olderJava();
        Assumptions.assumeTrue(older.isPresent(), "no Java older than 21 in /usr/lib/jvm");
        Process process = new ProcessBuilder(older.get().toString(), "-cp", System.getProperty("java.class.path"),
                "nl.vindplaats.JavaVersionCheck", "serve", "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertRefusedInOneLine(new Run(process.exitValue(), output), "needs Java 21 or newer, but this is Java ");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void reindexOfAnIdleStoreRebuildsAndReportsProgress() throws Exception {
        makeStore();
        Run run = vindplaats("reindex", "--data-dir", dir.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("records indexed: 0").contains("Rebuilt the search index: 0 documents.");
        // the lock ended with the process
        DataDirLock.acquire(dir, "test").close();
    }
}

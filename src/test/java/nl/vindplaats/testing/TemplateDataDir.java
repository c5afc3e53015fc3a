package nl.vindplaats.testing;

import nl.vindplaats.platform.Config;
import nl.vindplaats.base.FileTree;
import nl.vindplaats.platform.Vindplaats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A SQLite data directory as a first start leaves it (the TOOI organisations seeded, their index built), made
 * once per test JVM and copied into each new test service's directory: seeding some 700 organisations and
 * indexing them is most of a start, and every test would otherwise pay for it.
 *
 * <p>It holds nothing a test could tell from a first start of its own: no tokens and no audit entries (each
 * service makes its own admin token), and not the instance's own API entries, which depend on the port.
 */
final class TemplateDataDir {
    private static Path template;

    private TemplateDataDir() {
    }

    /** Copies the template's files into {@code target}, an empty directory. */
    static void copyInto(Path target) {
        Path source = template();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path template() {
        if (template == null) {
            template = make();
        }
        return template;
    }

    private static Path make() {
        Path dir = TestService.newDataDir();
        Config config = Config.defaults(dir);
        config = config.with(config.server().withPort(0));
        // Never within a test run: the instance's own entries name its port, so each service registers its own.
        config = config.with(config.register().withSelfRegistrationDelay(Duration.ofDays(365)));
        Vindplaats.start(config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream())).close();
        try (Connection c = DriverManager.getConnection(config.store().jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("DELETE FROM api_tokens");
            s.execute("DELETE FROM audit_log");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new IllegalStateException("preparing the template data directory", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                FileTree.delete(dir);
            } catch (IOException e) {
                // a temporary directory; the system cleans it up in the end
            }
        }));
        return dir;
    }
}

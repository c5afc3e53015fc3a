package nl.vindplaats.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory tree: an index to rebuild, a temporary data directory. */
public final class FileTree {
    private FileTree() {
    }

    /** Deletes everything below {@code root}, keeping {@code root} itself; nothing when it does not exist. */
    public static void deleteContents(Path root) throws IOException {
        delete(root, false);
    }

    /** Deletes {@code root} and everything below it; nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        delete(root, true);
    }

    private static void delete(Path root, boolean withRoot) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (withRoot || !file.equals(root)) {
                    Files.delete(file);
                }
            }
        }
    }
}

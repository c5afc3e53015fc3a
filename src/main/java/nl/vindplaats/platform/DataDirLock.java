package nl.vindplaats.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one process that may write to a data directory: {@code serve}, {@code reindex} or {@code import}. It is an
 * operating-system lock on {@code vindplaats.lock}, so it ends with its process however that ends (even
 * {@code kill -9}) and a stale file never blocks a start; the file names the holder's command and process id so
 * that a refused command can say who holds it.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "vindplaats.lock";

    /** Another process (or this one) holds the directory. */
    public static final class HeldException extends Exception {
        public HeldException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dataDir} (which must exist) for {@code command}, or says who holds it. */
    public static DataDirLock acquire(Path dataDir, String command) throws HeldException, IOException {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new HeldException("the data directory " + dataDir + " is in use by " + holder(file)
                    + "; stop it first");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((command + " " + ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new DataDirLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String[] parts = Files.readString(file).trim().split(" ");
            if (parts.length == 2) {
                return "vindplaats " + parts[0] + " (process " + parts[1] + ")";
            }
        } catch (IOException e) {
            // unreadable: named generically below
        }
        return "another vindplaats process";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

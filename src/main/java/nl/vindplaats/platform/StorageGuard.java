package nl.vindplaats.platform;

import nl.vindplaats.http.WriteGate;
import nl.vindplaats.search.SearchIndex;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Refuses writes while they could not be kept whole: while the data directory's disk has less free than the
 * configured floor (507), or while the search index cannot take changes (503). Both clear by themselves: the free
 * space is looked at again at most every second, and the index reopens itself once it can ({@link SearchIndex}).
 * Reads are never refused.
 */
public final class StorageGuard implements WriteGate {
    private static final long LOOK_EVERY_NANOS = 1_000_000_000L;
    private static final long RETRY_AFTER_SECONDS = 30;

    private final Path dataDir;
    private final long minFreeBytes;
    private final SearchIndex index;
    private final LongSupplier nanoTime;
    private long lookedAt;
    private long freeBytes = Long.MAX_VALUE;

    public StorageGuard(Path dataDir, long minFreeBytes, SearchIndex index, LongSupplier nanoTime) {
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
        this.index = index;
        this.nanoTime = nanoTime;
        this.lookedAt = nanoTime.getAsLong() - LOOK_EVERY_NANOS;
    }

    @Override
    public Refusal refusal() {
        long free = freeBytes();
        if (free < minFreeBytes) {
            return new Refusal(507, "The disk of the data directory is full (" + mebibytes(free) + " MiB free, writes need "
                    + mebibytes(minFreeBytes) + " MiB); nothing was written. Retry after " + RETRY_AFTER_SECONDS + " s.",
                    RETRY_AFTER_SECONDS);
        }
        if (!index.isHealthy()) {
            return new Refusal(503, "The search index cannot take changes now and is being reopened; nothing was "
                    + "written. Retry after " + RETRY_AFTER_SECONDS + " s.", RETRY_AFTER_SECONDS);
        }
        return null;
    }

    /** The disk check of {@code /health}: its status, and the free and required space. */
    public Map<String, Object> diskCheck() {
        long free = freeBytes();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("status", free < minFreeBytes ? "FULL" : "UP");
        check.put("freeBytes", free);
        check.put("requiredBytes", minFreeBytes);
        if (free < minFreeBytes) {
            check.put("reason", "less than " + mebibytes(minFreeBytes) + " MiB free in " + dataDir + "; writes are refused");
        }
        return check;
    }

    public boolean diskFull() {
        return freeBytes() < minFreeBytes;
    }

    private synchronized long freeBytes() {
        long now = nanoTime.getAsLong();
        if (now - lookedAt >= LOOK_EVERY_NANOS) {
            lookedAt = now;
            try {
                FileStore store = Files.getFileStore(dataDir);
                freeBytes = store.getUsableSpace();
            } catch (IOException e) {
                freeBytes = Long.MAX_VALUE; // unknown: the store and index report real failures themselves
            }
        }
        return freeBytes;
    }

    private static long mebibytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}

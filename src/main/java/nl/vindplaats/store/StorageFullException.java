package nl.vindplaats.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A write that found no room: the filesystem of the store, index or files is full. Nothing of the write was kept;
 * the same write succeeds once space is freed, without a restart.
 */
public final class StorageFullException extends RuntimeException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code failure}, or anything it was caused by, says the disk (or the database's space) is full. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StorageFullException) {
                return true;
            }
            // SQLite: SQLITE_FULL (13); PostgreSQL: disk_full (53100) and out of memory/space class 53.
            if (t instanceof SQLException sql && ("53100".equals(sql.getSQLState()) || sql.getErrorCode() == 13
                    && String.valueOf(sql.getMessage()).contains("SQLITE_FULL"))) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if ((t instanceof IOException || t instanceof SQLException) && (message.contains("no space left on device")
                    || message.contains("database or disk is full") || message.contains("disk quota exceeded"))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isCause(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}

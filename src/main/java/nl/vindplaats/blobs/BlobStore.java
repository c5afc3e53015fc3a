package nl.vindplaats.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed files, named by their SHA-256: on the local disk ({@link FileBlobStore}, the default) or in an
 * S3-compatible bucket ({@link S3BlobStore}, for several nodes). A file is streamed in and hashed on the way,
 * never held whole in memory, and is either wholly stored or absent; {@link #put} returns only once it is durable.
 */
public sealed interface BlobStore permits FileBlobStore, S3BlobStore {
    Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** A stored blob: its SHA-256 in hex and its size in bytes. */
    record Blob(String sha256, long size) {
    }

    /** The stream was longer than the limit given; nothing was stored. */
    final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    /** The store could not be reached or answered with an error; nothing was stored (or read). */
    final class UnavailableException extends IOException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What reads a blob as a file on this machine. */
    @FunctionalInterface
    interface FileReader<T> {
        T read(Path file) throws IOException;
    }

    /** Streams {@code in} into the store; returns once the blob is durably stored. */
    Blob put(InputStream in, long maxBytes) throws IOException;

    /** Whether the blob is stored; false for anything that is not a SHA-256 in lower-case hex. */
    boolean exists(String sha256) throws IOException;

    /** The blob's bytes from {@code from} on; {@link java.io.FileNotFoundException} when it is not stored. */
    InputStream open(String sha256, long from) throws IOException;

    default InputStream open(String sha256) throws IOException {
        return open(sha256, 0);
    }

    /**
     * Gives the blob to {@code reader} as a file on this machine (the stored file itself, or a temporary copy
     * deleted afterwards) for readers that need random access, such as PDF parsing; empty when not stored.
     */
    <T> Optional<T> withFile(String sha256, FileReader<T> reader) throws IOException;

    /** Where the blobs are, for the log: a directory or a bucket. */
    String describe();

    static boolean isHash(String sha256) {
        return sha256 != null && HASH.matcher(sha256).matches();
    }
}

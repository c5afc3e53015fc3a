package nl.vindplaats.platform;

import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.blobs.FileBlobStore;
import nl.vindplaats.blobs.S3BlobStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies an installation's files from the data directory to the bucket ({@code vindplaats blobs migrate}).
 * Resumable: a blob already in the bucket with the right size is skipped. Each local file's SHA-256 is checked
 * before it is sent (a damaged file is reported, not copied), and each copied object is read back and hashed.
 */
public final class BlobMigration {
    /** What a run did; {@code damaged} lists local files whose content does not match their name. */
    public record Outcome(long copied, long skipped, long bytesCopied, List<String> damaged) {
    }

    private final FileBlobStore from;
    private final S3BlobStore to;

    public BlobMigration(FileBlobStore from, S3BlobStore to) {
        this.from = from;
        this.to = to;
    }

    public Outcome run(Progress progress) throws IOException {
        List<Path> files;
        try (Stream<Path> all = from.files()) {
            files = all.sorted().toList();
        }
        long copied = 0;
        long skipped = 0;
        long bytes = 0;
        List<String> damaged = new java.util.ArrayList<>();
        for (Path file : files) {
            String sha = file.getFileName().toString();
            long size = Files.size(file);
            if (to.size(sha).orElse(-1L) == size) {
                skipped++;
            } else if (!sha.equals(sha256(file))) {
                damaged.add(sha);
            } else {
                to.upload(file, new BlobStore.Blob(sha, size));
                if (!to.verify(sha)) {
                    throw new IOException("the copy of " + sha + " in the bucket does not match its SHA-256");
                }
                copied++;
                bytes += size;
            }
            progress.advance(1);
        }
        progress.finish();
        return new Outcome(copied, skipped, bytes, List.copyOf(damaged));
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many files there are to look at, for the progress line. */
    public long count() throws IOException {
        try (Stream<Path> all = from.files()) {
            return all.count();
        }
    }
}

package nl.vindplaats.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed files under the data directory, named by their SHA-256. A file is streamed to a
 * temporary name while it is hashed, synced, then moved into place, so a blob is either whole or absent.
 */
public final class BlobStore {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** A stored blob: its SHA-256 in hex and its size in bytes. */
    public record Blob(String sha256, long size) {
    }

    /** The stream was longer than the limit given; nothing was stored. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    private final Path root;
    private final Path incoming;

    public BlobStore(Path root) throws IOException {
        this.root = root;
        this.incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    public Blob put(InputStream in, long maxBytes) throws IOException {
        MessageDigest digest = sha256();
        Path temp = Files.createTempFile(incoming, "blob", ".part");
        try {
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel), digest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            Path target = pathOf(hash);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new Blob(hash, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public Optional<Path> find(String sha256) {
        if (!HASH.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path path = pathOf(sha256);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(find(sha256).orElseThrow(() -> new java.io.FileNotFoundException(sha256)));
    }

    private Path pathOf(String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

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

/**
 * Content-addressed files under the data directory, named by their SHA-256. A file is streamed to a
 * temporary name while it is hashed, synced, then moved into place, so a blob is either whole or absent.
 */
public final class FileBlobStore implements BlobStore {
    private final Path root;
    private final Path incoming;

    public FileBlobStore(Path root) throws IOException {
        this.root = root;
        this.incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    @Override
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

    /** The stored file of a blob, for this store's own tools (migration); empty when not stored. */
    public Optional<Path> find(String sha256) {
        if (!BlobStore.isHash(sha256)) {
            return Optional.empty();
        }
        Path path = pathOf(sha256);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    /** Every stored blob's file, in no particular order (the {@code incoming} directory left out). */
    public java.util.stream.Stream<Path> files() throws IOException {
        return Files.walk(root).filter(Files::isRegularFile)
                .filter(p -> BlobStore.isHash(p.getFileName().toString()))
                .filter(p -> !p.startsWith(incoming));
    }

    @Override
    public boolean exists(String sha256) {
        return find(sha256).isPresent();
    }

    @Override
    public InputStream open(String sha256, long from) throws IOException {
        InputStream in = Files.newInputStream(find(sha256).orElseThrow(() -> new java.io.FileNotFoundException(sha256)));
        try {
            in.skipNBytes(from);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return in;
    }

    @Override
    public <T> Optional<T> withFile(String sha256, FileReader<T> reader) throws IOException {
        Optional<Path> file = find(sha256);
        return file.isPresent() ? Optional.of(reader.read(file.get())) : Optional.empty();
    }

    @Override
    public String describe() {
        return root.toString();
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

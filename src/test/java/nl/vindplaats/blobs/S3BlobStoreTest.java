package nl.vindplaats.blobs;

import nl.vindplaats.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 blob store against a real S3-compatible server (s3rver) started here. */
class S3BlobStoreTest {
    static S3Server server;
    static Path spool;
    static S3BlobStore store;

    static String absent;

    @BeforeAll
    static void start() throws IOException {
        absent = S3Server.absence();
        if (absent != null) {
            return; // each test is reported as skipped, with the reason
        }
        server = S3Server.start();
        spool = Files.createTempDirectory("s3-spool");
        // 5 MiB parts, S3's smallest, so that a 12 MiB file goes up in three parts.
        store = new S3BlobStore(server.location("blobs-test"), spool, 5L * 1024 * 1024);
        store.ensureBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void needsTheServer() {
        Assumptions.assumeTrue(absent == null, absent);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aBlobIsStoredUnderItsHashAndReadBackWholeAndFromAnOffset() throws Exception {
        byte[] bytes = random(100_000, 1);
        BlobStore.Blob blob = store.put(new ByteArrayInputStream(bytes), 1_000_000);
        assertThat(blob).isEqualTo(new BlobStore.Blob(sha256(bytes), bytes.length));
        assertThat(store.exists(blob.sha256())).isTrue();
        assertThat(store.size(blob.sha256())).contains((long) bytes.length);
        try (InputStream in = store.open(blob.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (InputStream in = store.open(blob.sha256(), 99_990)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 99_990, bytes.length));
        }
        assertThat(store.withFile(blob.sha256(), Files::readAllBytes)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(store.verify(blob.sha256())).isTrue();
        assertThat(spool).isEmptyDirectory(); // the temporary files are gone
    }

    @Test
    void aLargeFileGoesUpInPartsAndComesBackTheSame() throws Exception {
        byte[] bytes = random(12 * 1024 * 1024 + 17, 2);
        BlobStore.Blob blob = store.put(new ByteArrayInputStream(bytes), Long.MAX_VALUE);
        assertThat(blob.sha256()).isEqualTo(sha256(bytes));
        try (InputStream in = store.open(blob.sha256())) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(blob.sha256());
        }
        try (InputStream in = store.open(blob.sha256(), 10L * 1024 * 1024)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 10 * 1024 * 1024, bytes.length));
        }
    }

    @Test
    void storingTheSameContentTwiceGivesTheSameBlob() throws Exception {
        byte[] bytes = random(5_000, 3);
        BlobStore.Blob first = store.put(new ByteArrayInputStream(bytes), 10_000);
        BlobStore.Blob second = store.put(new ByteArrayInputStream(bytes), 10_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aFileOverTheLimitIsNotStored() throws Exception {
        byte[] bytes = random(20_000, 4);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), 10_000))
                .isInstanceOf(BlobStore.TooLargeException.class);
        assertThat(store.exists(sha256(bytes))).isFalse();
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void missingBlobsAndNamesThatAreNoHashAreAbsent() throws Exception {
        String missing = "0".repeat(64);
        assertThat(store.exists(missing)).isFalse();
        assertThat(store.exists("../../etc/passwd")).isFalse();
        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(FileNotFoundException.class);
        assertThat(store.withFile(missing, Files::size)).isEmpty();
    }

    @Test
    void aStoreThatRefusesTheKeyIsUnavailableAndStoresNothing() throws Exception {
        var location = server.location("blobs-test");
        // s3rver does not check version 4 signatures, but it does refuse an access key it does not know (403).
        var wrong = new S3BlobStore.Location(location.endpoint(), location.region(), location.bucket(),
                "UNKNOWN", "not-the-secret", true);
        S3BlobStore refused = new S3BlobStore(wrong, spool);
        byte[] bytes = random(1_000, 5);
        try {
            assertThatThrownBy(() -> refused.put(new ByteArrayInputStream(bytes), 10_000))
                    .isInstanceOf(BlobStore.UnavailableException.class)
                    .hasMessageContaining("s3://blobs-test").hasMessageNotContaining("not-the-secret");
        } finally {
            refused.close();
        }
        assertThat(store.exists(sha256(bytes))).isFalse();
        assertThat(spool).isEmptyDirectory();
    }
}

package nl.vindplaats.platform;

import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.blobs.FileBlobStore;
import nl.vindplaats.blobs.S3BlobStore;
import nl.vindplaats.testing.S3Server;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vindplaats blobs migrate}: files to the bucket, verified, resumable, damaged files reported. */
class BlobMigrationTest {

    @Test
    void copiesEachFileOnceVerifiedAndReportsADamagedOne() throws Exception {
        Path dir = Files.createTempDirectory("migrate");
        try (S3Server s3 = S3Server.start()) {
            FileBlobStore files = new FileBlobStore(dir.resolve("blobs"));
            BlobStore.Blob a = files.put(new ByteArrayInputStream("eerste".getBytes(StandardCharsets.UTF_8)), 100);
            BlobStore.Blob b = files.put(new ByteArrayInputStream("tweede".getBytes(StandardCharsets.UTF_8)), 100);
            BlobStore.Blob c = files.put(new ByteArrayInputStream("derde".getBytes(StandardCharsets.UTF_8)), 100);
            Files.writeString(files.find(c.sha256()).orElseThrow(), "bedorven"); // bit rot: content no longer its name
            S3BlobStore bucket = new S3BlobStore(s3.location("migrated"), dir.resolve("spool"));
            bucket.ensureBucket();
            try {
                // The bucket already holds one of them, as after a run that stopped half-way.
                bucket.upload(files.find(a.sha256()).orElseThrow(), a);

                ByteArrayOutputStream log = new ByteArrayOutputStream();
                AtomicLong clock = new AtomicLong();
                Progress progress = new Progress("files", 3, new PrintStream(log, true, StandardCharsets.UTF_8), false,
                        () -> clock.addAndGet(10_000_000_000L));
                BlobMigration.Outcome first = new BlobMigration(files, bucket).run(progress);
                assertThat(first.copied()).isEqualTo(1);
                assertThat(first.skipped()).isEqualTo(1);
                assertThat(first.bytesCopied()).isEqualTo(b.size());
                assertThat(first.damaged()).containsExactly(c.sha256());
                assertThat(log.toString(StandardCharsets.UTF_8)).contains("files: 3 of 3 (100 %)");
                try (InputStream in = bucket.open(b.sha256())) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("tweede");
                }
                assertThat(bucket.exists(c.sha256())).isFalse();

                BlobMigration.Outcome again = new BlobMigration(files, bucket)
                        .run(new Progress("files", 3, new PrintStream(java.io.OutputStream.nullOutputStream()), false, System::nanoTime));
                assertThat(again.copied()).isZero();
                assertThat(again.skipped()).isEqualTo(2);
            } finally {
                bucket.close();
            }
        }
    }

    @Test
    void theCommandCopiesToTheBucketNamedByItsFlags() throws Exception {
        Path dir = Files.createTempDirectory("migrate-cli");
        try (S3Server s3 = S3Server.start()) {
            FileBlobStore files = new FileBlobStore(dir.resolve("blobs"));
            BlobStore.Blob blob = files.put(new ByteArrayInputStream("een bestand".getBytes(StandardCharsets.UTF_8)), 100);
            assertThat(new picocli.CommandLine(new nl.vindplaats.Main()).execute("blobs", "migrate",
                    "--data-dir", dir.toString())).isEqualTo(2); // no bucket named
            int exit = new picocli.CommandLine(new nl.vindplaats.Main()).execute("blobs", "migrate",
                    "--data-dir", dir.toString(), "--s3-bucket", "cli", "--s3-endpoint", s3.endpoint().toString(),
                    "--s3-access-key", S3Server.ACCESS_KEY, "--s3-secret-key", S3Server.SECRET_KEY, "--s3-path-style");
            assertThat(exit).isEqualTo(0);
            S3BlobStore bucket = new S3BlobStore(s3.location("cli"), dir.resolve("spool"));
            try {
                assertThat(bucket.verify(blob.sha256())).isTrue();
            } finally {
                bucket.close();
            }
        }
    }
}

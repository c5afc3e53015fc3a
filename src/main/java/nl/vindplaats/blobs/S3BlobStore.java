package nl.vindplaats.blobs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Blobs in an S3-compatible bucket, under {@code blobs/<sha256>}. A file is first streamed to a temporary file
 * on this machine while it is hashed, then uploaded under its final key (in one PUT up to {@link #PART_BYTES},
 * in a multipart upload above it). Hashing first, rather than uploading to a temporary key and copying, means
 * that nothing but whole blobs ever sits under a blob key, no temporary objects are left in the bucket when a
 * node dies, a blob already stored is not uploaded again, parts can be re-sent from the file when the store
 * asks for a retry, and there is no server-side copy (which moves the bytes twice and, on S3, is limited to
 * 5 GB in one call). The price is local disk for one file in flight per delivery.
 */
public final class S3BlobStore implements BlobStore {
    /** Part size of multipart uploads (S3 wants at least 5 MiB for every part but the last). */
    public static final long PART_BYTES = 16L * 1024 * 1024;
    private static final String PREFIX = "blobs/";

    /** Where the bucket is: endpoint (null for AWS itself), region, bucket, keys (null: the SDK's default chain). */
    public record Location(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                           boolean pathStyle) {
        @Override
        public String toString() { // never the secret
            return "s3://" + bucket + (endpoint == null ? "" : " at " + endpoint) + " (" + region + ")";
        }
    }

    private final S3Client s3;
    private final Location location;
    private final Path spool;
    private final long partBytes;

    public S3BlobStore(Location location, Path spool) throws IOException {
        this(location, spool, PART_BYTES);
    }

    /** With a smaller part size, so that tests can cover multipart uploads with small files. */
    S3BlobStore(Location location, Path spool, long partBytes) throws IOException {
        this.location = location;
        this.spool = spool;
        this.partBytes = partBytes;
        Files.createDirectories(spool);
        AwsCredentialsProvider credentials = location.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKey(), location.secretKey()));
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                // Whole-payload signatures, not aws-chunked bodies: some S3-compatible stores (s3rver among
                // them) store the chunk framing as part of the object. The SDK hashes a file body by reading it.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // Checksums only where the API requires them: S3-compatible stores other than AWS often reject
                // the SDK's default trailing checksums; the blob's SHA-256 is checked by us (see #verify).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        }
        this.s3 = builder.build();
    }

    /** Creates the bucket when it does not exist yet (an operator may also create it beforehand). */
    public void ensureBucket() throws IOException {
        call(() -> {
            try {
                s3.headBucket(b -> b.bucket(location.bucket()));
            } catch (NoSuchBucketException e) {
                s3.createBucket(b -> b.bucket(location.bucket()));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                s3.createBucket(b -> b.bucket(location.bucket()));
            }
            return null;
        });
    }

    @Override
    public Blob put(InputStream in, long maxBytes) throws IOException {
        Path temp = Files.createTempFile(spool, "blob", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            Blob blob = new Blob(HexFormat.of().formatHex(digest.digest()), size);
            if (size(blob.sha256()).orElse(-1L) != size) {
                upload(temp, blob);
                long stored = size(blob.sha256()).orElse(-1L);
                if (stored != size) { // never leave a wrong object under a blob's name
                    call(() -> s3.deleteObject(b -> b.bucket(location.bucket()).key(key(blob.sha256()))));
                    throw new UnavailableException("The object store " + location + " kept " + stored
                            + " bytes of a " + size + "-byte file; removed it", null);
                }
            }
            return blob;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Uploads a local file as the blob it holds; for migration, whose files are already hashed. */
    public void upload(Path file, Blob blob) throws IOException {
        String key = key(blob.sha256());
        if (blob.size() <= partBytes) {
            call(() -> s3.putObject(b -> b.bucket(location.bucket()).key(key).contentLength(blob.size()),
                    RequestBody.fromFile(file)));
            return;
        }
        String uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(location.bucket()).key(key)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < blob.size(); offset += partBytes, number++) {
                long length = Math.min(partBytes, blob.size() - offset);
                int partNumber = number;
                long from = offset;
                String etag = call(() -> s3.uploadPart(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length),
                        RequestBody.fromContentProvider(slice(file, from, length), length, "application/octet-stream"))
                        .eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            try { // the parts uploaded so far would otherwise be kept (and billed) by the store
                s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    /** The stored size of a blob; empty when it is not stored. */
    public Optional<Long> size(String sha256) throws IOException {
        if (!BlobStore.isHash(sha256)) {
            return Optional.empty();
        }
        return call(() -> {
            try {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(location.bucket()).key(key(sha256)));
                return Optional.of(head.contentLength());
            } catch (NoSuchKeyException e) {
                return Optional.<Long>empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.<Long>empty();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        return size(sha256).isPresent();
    }

    @Override
    public InputStream open(String sha256, long from) throws IOException {
        if (!BlobStore.isHash(sha256)) {
            throw new FileNotFoundException(sha256);
        }
        try {
            ResponseInputStream<GetObjectResponse> in = call(() -> s3.getObject(b -> {
                b.bucket(location.bucket()).key(key(sha256));
                if (from > 0) {
                    b.range("bytes=" + from + "-");
                }
            }));
            return in;
        } catch (UnavailableException e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || e.getCause() instanceof S3Exception s && s.statusCode() == 404) {
                throw new FileNotFoundException(sha256);
            }
            throw e;
        }
    }

    @Override
    public <T> Optional<T> withFile(String sha256, FileReader<T> reader) throws IOException {
        Path temp = Files.createTempFile(spool, "read", ".blob");
        try {
            try (InputStream in = open(sha256, 0)) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (FileNotFoundException e) {
                return Optional.empty();
            }
            return Optional.of(reader.read(temp));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads the stored blob whole and checks that its SHA-256 is its name. */
    public boolean verify(String sha256) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = open(sha256, 0); OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest()).equals(sha256);
    }

    /** Closes the client's connections. */
    public void close() {
        s3.close();
    }

    @Override
    public String describe() {
        return location.toString();
    }

    static String key(String sha256) {
        return PREFIX + sha256;
    }

    private static ContentStreamProvider slice(Path file, long from, long length) {
        return () -> {
            try {
                InputStream in = Files.newInputStream(file);
                in.skipNBytes(from);
                return new java.io.FilterInputStream(in) {
                    private long left = length;

                    @Override
                    public int read() throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int b = super.read();
                        if (b >= 0) {
                            left--;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int off, int len) throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = super.read(buffer, off, (int) Math.min(len, left));
                        if (n > 0) {
                            left -= n;
                        }
                        return n;
                    }
                };
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private interface S3Call<T> {
        T run();
    }

    /** Runs one call to the store; whatever goes wrong there becomes an {@link UnavailableException}. */
    private <T> T call(S3Call<T> call) throws UnavailableException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new UnavailableException("The object store " + location + " failed: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

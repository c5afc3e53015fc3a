package nl.vindplaats;

import nl.vindplaats.blobs.S3BlobStore;
import picocli.CommandLine.Option;

import java.net.URI;

/** Where files are kept when not in the data directory: an S3-compatible bucket (flags and environment). */
final class ObjectStoreOptions {
    @Option(names = "--s3-bucket", defaultValue = "${env:VINDPLAATS_S3_BUCKET}",
            description = "Keep files in this S3-compatible bucket instead of the data directory (env VINDPLAATS_S3_BUCKET).")
    String bucket;

    @Option(names = "--s3-endpoint", defaultValue = "${env:VINDPLAATS_S3_ENDPOINT}",
            description = "URL of the S3-compatible store, e.g. http://minio:9000; empty for AWS S3 itself (env VINDPLAATS_S3_ENDPOINT).")
    String endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:VINDPLAATS_S3_REGION:-us-east-1}",
            description = "Region of the bucket (env VINDPLAATS_S3_REGION; default ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--s3-access-key", defaultValue = "${env:VINDPLAATS_S3_ACCESS_KEY}",
            description = "Access key; without one the SDK's default chain is used (env VINDPLAATS_S3_ACCESS_KEY).")
    String accessKey;

    @Option(names = "--s3-secret-key", defaultValue = "${env:VINDPLAATS_S3_SECRET_KEY}",
            description = "Secret key (env VINDPLAATS_S3_SECRET_KEY; prefer the environment to the flag).")
    String secretKey;

    @Option(names = "--s3-path-style", defaultValue = "${env:VINDPLAATS_S3_PATH_STYLE:-false}", arity = "0..1",
            description = "Address the bucket in the path (http://host/bucket/key), as most self-hosted stores want "
                    + "(env VINDPLAATS_S3_PATH_STYLE; default ${DEFAULT-VALUE}).")
    boolean pathStyle;

    /** The bucket's location, or null when no bucket is set. */
    S3BlobStore.Location location() {
        if (bucket == null || bucket.isBlank()) {
            return null;
        }
        return new S3BlobStore.Location(blank(endpoint) ? null : URI.create(endpoint.strip()), region, bucket.strip(),
                blank(accessKey) ? null : accessKey, blank(secretKey) ? null : secretKey, pathStyle);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

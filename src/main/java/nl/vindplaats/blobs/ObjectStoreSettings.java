package nl.vindplaats.blobs;

import nl.vindplaats.base.Setting;

import java.net.URI;
import java.util.List;

/**
 * Where an operator keeps the files when not in the data directory: an S3-compatible bucket, as {@code serve} and
 * {@code blobs migrate} take it from flags and environment variables ({@link #SETTINGS}). Blank values count as none.
 *
 * @param bucket    the bucket; none: the files stay in the data directory
 * @param endpoint  URL of a self-hosted store ({@code http://minio:9000}); none: AWS S3 itself
 * @param region    the bucket's region
 * @param accessKey none: the AWS SDK's default chain of credentials
 * @param secretKey the access key's secret
 * @param pathStyle address the bucket in the path ({@code http://host/bucket/key}) rather than in the host name
 */
public record ObjectStoreSettings(String bucket, String endpoint, String region, String accessKey, String secretKey,
                                  boolean pathStyle) {
    public static final String DEFAULT_REGION = "us-east-1";

    public static final List<Setting<ObjectStoreSettings, ?>> SETTINGS = List.of(
            new Setting<>("--s3-bucket", "VINDPLAATS_S3_BUCKET", null, String.class,
                    "Keep files in this S3-compatible bucket instead of the data directory",
                    (s, bucket) -> new ObjectStoreSettings(bucket, s.endpoint, s.region, s.accessKey, s.secretKey,
                            s.pathStyle)),
            new Setting<>("--s3-endpoint", "VINDPLAATS_S3_ENDPOINT", null, String.class,
                    "URL of the S3-compatible store, e.g. http://minio:9000; empty for AWS S3 itself",
                    (s, endpoint) -> new ObjectStoreSettings(s.bucket, endpoint, s.region, s.accessKey, s.secretKey,
                            s.pathStyle)),
            new Setting<>("--s3-region", "VINDPLAATS_S3_REGION", DEFAULT_REGION, String.class, "Region of the bucket",
                    (s, region) -> new ObjectStoreSettings(s.bucket, s.endpoint, region, s.accessKey, s.secretKey,
                            s.pathStyle)),
            new Setting<ObjectStoreSettings, String>("--s3-access-key", "VINDPLAATS_S3_ACCESS_KEY", null, String.class,
                    "Access key",
                    (s, key) -> new ObjectStoreSettings(s.bucket, s.endpoint, s.region, key, s.secretKey, s.pathStyle))
                    .withDefaultHelp("the AWS SDK's default chain"),
            new Setting<>("--s3-secret-key", "VINDPLAATS_S3_SECRET_KEY", null, String.class,
                    "Secret key; prefer the environment to the flag",
                    (s, key) -> new ObjectStoreSettings(s.bucket, s.endpoint, s.region, s.accessKey, key, s.pathStyle)),
            new Setting<>("--s3-path-style", "VINDPLAATS_S3_PATH_STYLE", "false", Boolean.class,
                    "Address the bucket in the path (http://host/bucket/key), as most self-hosted stores want",
                    (s, pathStyle) -> new ObjectStoreSettings(s.bucket, s.endpoint, s.region, s.accessKey,
                            s.secretKey, pathStyle)));

    /** No bucket: the files stay in the data directory. */
    public static ObjectStoreSettings defaults() {
        return new ObjectStoreSettings(null, null, DEFAULT_REGION, null, null, false);
    }

    /** The settings that give {@code location}; {@link #defaults()} for none. */
    public static ObjectStoreSettings of(S3BlobStore.Location location) {
        if (location == null) {
            return defaults();
        }
        return new ObjectStoreSettings(location.bucket(),
                location.endpoint() == null ? null : location.endpoint().toString(), location.region(),
                location.accessKey(), location.secretKey(), location.pathStyle());
    }

    /** The bucket's location, or null when no bucket is set. */
    public S3BlobStore.Location location() {
        if (blank(bucket)) {
            return null;
        }
        return new S3BlobStore.Location(blank(endpoint) ? null : URI.create(endpoint.strip()), region, bucket.strip(),
                blank(accessKey) ? null : accessKey, blank(secretKey) ? null : secretKey, pathStyle);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

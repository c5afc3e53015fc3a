package nl.vindplaats.platform;

import nl.vindplaats.base.Setting;
import nl.vindplaats.blobs.S3BlobStore;

import java.util.List;

/**
 * What an operator sets for this instance as a whole: who administers and owns it, what it starts with, and where
 * its files are kept.
 *
 * @param adminToken       the platform-admin token to create at start; null: one is generated and printed once
 * @param organisationUri  the organisation that owns the instance's own APIs in its register; null: one under the
 *                         public base URL ({@link Config#instanceOrganisationUriOrDefault()})
 * @param organisationName the name that organisation gets when it is created; null: "Vindplaats"
 * @param demo             load demonstration data into an empty instance
 * @param demoCorpusSize   with {@code demo}: how many generated datasets and documents (each) to add, in the background
 * @param minFreeDiskBytes writes are refused while the data directory's disk has less than this free
 * @param objectStore      the S3-compatible bucket for files; null keeps them in the data directory
 */
public record InstanceSettings(String adminToken, String organisationUri, String organisationName, boolean demo,
                               int demoCorpusSize, long minFreeDiskBytes, S3BlobStore.Location objectStore) {
    /** Writes are refused while the data directory's disk has less than this free: 64 MiB. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 64L * 1024 * 1024;

    /**
     * What an operator sets as flags and environment variables of {@code serve}, applied to {@link #defaults()}. The
     * admin token is a secret and so an environment variable only ({@link #ADMIN_TOKEN_VARIABLE}); the object store
     * is set by {@link nl.vindplaats.blobs.ObjectStoreSettings#SETTINGS}.
     */
    public static final List<Setting<InstanceSettings, ?>> SETTINGS = List.of(
            new Setting<>("--instance-organisation-uri", "VINDPLAATS_INSTANCE_ORGANISATION_URI", null, String.class,
                    "URI of the organisation that owns this instance's own APIs in its API register; created when "
                            + "missing; default <public base URL>/id/organisatie/vindplaats",
                    InstanceSettings::withOrganisationUri),
            new Setting<>("--instance-organisation-name", "VINDPLAATS_INSTANCE_ORGANISATION_NAME", "Vindplaats",
                    String.class, "Name given to that organisation when it is created",
                    InstanceSettings::withOrganisationName),
            new Setting<>("--min-free-disk-mb", "VINDPLAATS_MIN_FREE_DISK_MB", "64", Long.class,
                    "Refuse writes (507, Retry-After) while the data directory's disk has less than this many MiB free",
                    (s, mebibytes) -> s.withMinFreeDiskBytes(Math.max(0, mebibytes) * 1024 * 1024),
                    "<minFreeDiskMegabytes>"),
            new Setting<>("--demo", "VINDPLAATS_DEMO", "false", Boolean.class,
                    "Load demonstration data into an empty instance", InstanceSettings::withDemo),
            new Setting<>("--demo-corpus", "VINDPLAATS_DEMO_CORPUS", "1000", Integer.class,
                    "With --demo: how many generated datasets and documents (with PDFs) to add, in the background "
                            + "after the start", InstanceSettings::withDemoCorpusSize, "<demoCorpusSize>"));

    /** The environment variable of {@link #adminToken()}: never a flag, which every user of the machine could see. */
    public static final String ADMIN_TOKEN_VARIABLE = "VINDPLAATS_ADMIN_TOKEN";
    /** What the help says of it. */
    public static final String ADMIN_TOKEN_HELP = "Environment only: " + ADMIN_TOKEN_VARIABLE + ", the platform-admin "
            + "token to create at start; without it one is generated and printed once.";

    public static InstanceSettings defaults() {
        return new InstanceSettings(null, null, null, false, 0, DEFAULT_MIN_FREE_DISK_BYTES, null);
    }

    public InstanceSettings withAdminToken(String token) {
        return new InstanceSettings(token, organisationUri, organisationName, demo, demoCorpusSize, minFreeDiskBytes,
                objectStore);
    }

    public InstanceSettings withOrganisationUri(String uri) {
        return new InstanceSettings(adminToken, uri, organisationName, demo, demoCorpusSize, minFreeDiskBytes,
                objectStore);
    }

    public InstanceSettings withOrganisationName(String name) {
        return new InstanceSettings(adminToken, organisationUri, name, demo, demoCorpusSize, minFreeDiskBytes,
                objectStore);
    }

    public InstanceSettings withMinFreeDiskBytes(long bytes) {
        return new InstanceSettings(adminToken, organisationUri, organisationName, demo, demoCorpusSize, bytes,
                objectStore);
    }

    public InstanceSettings withDemo(boolean on) {
        return new InstanceSettings(adminToken, organisationUri, organisationName, on, demoCorpusSize, minFreeDiskBytes,
                objectStore);
    }

    public InstanceSettings withDemoCorpusSize(int each) {
        return new InstanceSettings(adminToken, organisationUri, organisationName, demo, each, minFreeDiskBytes,
                objectStore);
    }

    public InstanceSettings withObjectStore(S3BlobStore.Location bucket) {
        return new InstanceSettings(adminToken, organisationUri, organisationName, demo, demoCorpusSize,
                minFreeDiskBytes, bucket);
    }
}

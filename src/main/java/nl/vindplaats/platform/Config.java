package nl.vindplaats.platform;

import nl.vindplaats.base.Setting;
import nl.vindplaats.blobs.S3BlobStore;
import nl.vindplaats.datasets.CkanSite;
import nl.vindplaats.documents.DocumentsSettings;
import nl.vindplaats.notify.NotificationSettings;
import nl.vindplaats.register.RegisterSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything an operator can set. Built by {@link nl.vindplaats.Main} from flags and environment
 * variables; tests build it directly.
 */
public record Config(
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String databaseSchema,
        String adminToken,
        String publicBaseUrl,
        long maxRequestBytes,
        int rateLimitPerToken,
        int rateLimitPerAddress,
        Duration shutdownGrace,
        Duration indexCommitInterval,
        Duration changeLogPollInterval,
        boolean demo,
        long maxDocumentBytes,
        String openDataSource,
        RegisterSettings register,
        CkanSite ckan,
        String instanceOrganisationUri,
        String instanceOrganisationName,
        int sitemapPageSize,
        long minFreeDiskBytes,
        List<String> trustedProxies,
        boolean sharedRateLimits,
        int pageSitemapSize,
        int demoCorpusSize,
        NotificationSettings notifications,
        S3BlobStore.Location objectStore,
        Duration indexSnapshotInterval,
        long indexSnapshotAfterChanges,
        Duration harvestTick,
        Path portalThemeCss) {

    public static final int DEFAULT_PORT = 8080;
    /** The SQLite store's file in the data directory, when no database URL is given. */
    public static final String SQLITE_FILE = "vindplaats.db";
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = DocumentsSettings.DEFAULT_MAX_DOCUMENT_BYTES;
    public static final String DEFAULT_OPEN_DATA_SOURCE = DocumentsSettings.DEFAULT_OPEN_DATA_SOURCE;
    public static final int DEFAULT_SITEMAP_PAGE_SIZE = DocumentsSettings.DEFAULT_SITEMAP_PAGE_SIZE;
    /** Portal pages per sitemap: the sitemaps protocol's limit (a page's entry is short). */
    public static final int DEFAULT_PAGE_SITEMAP_SIZE = 50_000;
    /** Writes are refused while the data directory's disk has less than this free: 64 MiB. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 64L * 1024 * 1024;
    /** How often one of the nodes sharing a PostgreSQL store publishes a snapshot of its index. */
    public static final Duration DEFAULT_INDEX_SNAPSHOT_INTERVAL = Duration.ofMinutes(15);
    /**
     * A snapshot is also published, before its interval is over, once this many changes have been indexed since the
     * last one: about a twentieth of an hour of writes at the 500 writes/s the scaling issue asks for, so that a new
     * node's catch-up from the change log stays short after a bulk load or a harvest.
     */
    public static final long DEFAULT_INDEX_SNAPSHOT_AFTER_CHANGES = 100_000;
    /** How often each node looks for harvest runs to claim and one of them for scheduled sources that are due. */
    public static final Duration DEFAULT_HARVEST_TICK = Duration.ofSeconds(30);

    /**
     * What an operator sets of the service's core as flags and environment variables of {@code serve}, applied to the
     * settings of a {@link Config} (the features' own are in their settings records).
     */
    public static final List<Setting<Settings, ?>> SETTINGS = List.of(
            new Setting<>("--max-request-bytes", "VINDPLAATS_MAX_REQUEST_BYTES", "10485760", Long.class,
                    "Largest JSON or form request body accepted", (c, bytes) -> {
                        c.maxRequestBytes = bytes;
                        return c;
                    }),
            new Setting<>("--rate-limit-per-token", "VINDPLAATS_RATE_LIMIT_PER_TOKEN", "6000", Integer.class,
                    "Requests per minute per API token; 0 turns the limit off", (c, perMinute) -> {
                        c.rateLimitPerToken = perMinute;
                        return c;
                    }),
            new Setting<>("--rate-limit-per-address", "VINDPLAATS_RATE_LIMIT_PER_ADDRESS", "3000", Integer.class,
                    "Requests per minute per client address; 0 turns the limit off", (c, perMinute) -> {
                        c.rateLimitPerAddress = perMinute;
                        return c;
                    }),
            new Setting<>("--shutdown-grace-seconds", "VINDPLAATS_SHUTDOWN_GRACE_SECONDS", "20", Integer.class,
                    "How long in-flight requests may take to finish at shutdown", (c, seconds) -> {
                        c.shutdownGrace = Duration.ofSeconds(seconds);
                        return c;
                    }),
            new Setting<>("--min-free-disk-mb", "VINDPLAATS_MIN_FREE_DISK_MB", "64", Long.class,
                    "Refuse writes (507, Retry-After) while the data directory's disk has less than this many MiB free",
                    (c, mebibytes) -> {
                        c.minFreeDiskBytes = Math.max(0, mebibytes) * 1024 * 1024;
                        return c;
                    }, "<minFreeDiskMegabytes>"),
            new Setting<>("--index-snapshot-minutes", "VINDPLAATS_INDEX_SNAPSHOT_MINUTES", "15", Integer.class,
                    "With a PostgreSQL store: one node publishes a snapshot of its search index to the blob store this "
                            + "often, for new nodes to start from; 0 turns it off", (c, minutes) -> {
                        c.indexSnapshotInterval = Duration.ofMinutes(Math.max(0, minutes));
                        return c;
                    }),
            new Setting<>("--index-snapshot-after-changes", "VINDPLAATS_INDEX_SNAPSHOT_AFTER_CHANGES", "100000", Long.class,
                    "With a PostgreSQL store: also publish an index snapshot, before its interval is over, once this "
                            + "many changes have been indexed since the newest one; 0 turns it off", (c, changes) -> {
                        c.indexSnapshotAfterChanges = Math.max(0, changes);
                        return c;
                    }),
            new Setting<>("--instance-organisation-name", "VINDPLAATS_INSTANCE_ORGANISATION_NAME", "Vindplaats",
                    String.class, "Name given to that organisation when it is created", (c, name) -> {
                        c.instanceOrganisationName = name;
                        return c;
                    }),
            new Setting<>("--port", "VINDPLAATS_PORT", Integer.toString(DEFAULT_PORT), Integer.class, "HTTP port",
                    (c, port) -> {
                        c.port = port;
                        return c;
                    }),
            new Setting<>("--public-base-url", "VINDPLAATS_PUBLIC_BASE_URL", null, String.class,
                    "The URL clients reach this service at, used in links; default http://localhost:PORT", (c, url) -> {
                        c.publicBaseUrl = url;
                        return c;
                    }),
            new Setting<>("--instance-organisation-uri", "VINDPLAATS_INSTANCE_ORGANISATION_URI", null, String.class,
                    "URI of the organisation that owns this instance's own APIs in its API register; created when "
                            + "missing; default <public base URL>/id/organisatie/vindplaats", (c, uri) -> {
                        c.instanceOrganisationUri = uri;
                        return c;
                    }),
            new Setting<>("--shared-rate-limits", "VINDPLAATS_SHARED_RATE_LIMITS", "false", Boolean.class,
                    "Count the rate limits in PostgreSQL, shared by every node on that database, instead of per node; "
                            + "needs --database-url", (c, shared) -> {
                        c.sharedRateLimits = shared;
                        return c;
                    }),
            // A list setting is comma-separated text: the command line splits it (Setting.type List).
            new Setting<>("--trusted-proxies", "VINDPLAATS_TRUSTED_PROXIES", null, List.class,
                    "Comma-separated CIDRs of reverse proxies: only from these is the client address taken from "
                            + "Forwarded / X-Forwarded-For; default none: the socket address", (c, cidrs) -> {
                        c.trustedProxies = cidrs == null ? List.of()
                                : cidrs.stream().map(String::valueOf).toList();
                        return c;
                    }),
            new Setting<>("--portal-theme-css", "VINDPLAATS_PORTAL_THEME_CSS", null, Path.class,
                    "A CSS file of design tokens (custom properties on :root, as an NL Design System theme's "
                            + "variables.css) that gives the portal the house style of the organisation; served after "
                            + "the base tokens, so its values win; default none", (c, css) -> {
                        c.portalThemeCss = css;
                        return c;
                    }));

    public static Config defaults(Path dataDir) {
        return new Config(DEFAULT_PORT, dataDir, null, null, null, null, null, null,
                10L * 1024 * 1024, 6000, 3000, Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(1), false, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_OPEN_DATA_SOURCE,
                RegisterSettings.defaults(), CkanSite.defaults(), null, null, DEFAULT_SITEMAP_PAGE_SIZE,
                DEFAULT_MIN_FREE_DISK_BYTES, List.of(), false, DEFAULT_PAGE_SITEMAP_SIZE, 0,
                NotificationSettings.defaults(), null, DEFAULT_INDEX_SNAPSHOT_INTERVAL,
                DEFAULT_INDEX_SNAPSHOT_AFTER_CHANGES, DEFAULT_HARVEST_TICK, null);
    }

    /** A copy with some settings changed: {@code config.with(c -> c.port = 0)}. */
    public Config with(java.util.function.Consumer<Settings> change) {
        Settings settings = new Settings(this);
        change.accept(settings);
        return settings.build();
    }

    /** The settings of a {@link Config}, open for change; a new setting is added here and in the record. */
    public static final class Settings {
        public int port;
        public Path dataDir;
        public String databaseUrl;
        public String databaseUser;
        public String databasePassword;
        public String databaseSchema;
        public String adminToken;
        public String publicBaseUrl;
        public long maxRequestBytes;
        public int rateLimitPerToken;
        public int rateLimitPerAddress;
        public Duration shutdownGrace;
        public Duration indexCommitInterval;
        public Duration changeLogPollInterval;
        public boolean demo;
        public long maxDocumentBytes;
        public String openDataSource;
        public RegisterSettings register;
        public CkanSite ckan;
        public String instanceOrganisationUri;
        public String instanceOrganisationName;
        public int sitemapPageSize;
        public long minFreeDiskBytes;
        /** CIDRs of the reverse proxies whose Forwarded / X-Forwarded-For is believed. */
        public List<String> trustedProxies;
        public boolean sharedRateLimits;
        /** Portal pages per {@code /sitemap.xml}; over that, it is a sitemap index. */
        public int pageSitemapSize;
        /** With {@code demo}: how many generated datasets and documents (each) to add, in the background. */
        public int demoCorpusSize;
        /** Webhook deliveries: timeouts, retries, internal addresses. */
        public NotificationSettings notifications;
        /** The S3-compatible bucket for files; null keeps them in the data directory. */
        public S3BlobStore.Location objectStore;
        /** With a PostgreSQL store: how often one node publishes an index snapshot to the blob store; zero: never. */
        public Duration indexSnapshotInterval;
        /** With a PostgreSQL store: also publish a snapshot once this many changes were indexed since the last; 0: not. */
        public long indexSnapshotAfterChanges;
        /** How often harvest runs are looked for (claimed) and scheduled sources checked. */
        public Duration harvestTick;
        /** The portal's house style: a CSS file of design tokens served after the base tokens; null: none. */
        public Path portalThemeCss;

        private Settings(Config c) {
            port = c.port;
            dataDir = c.dataDir;
            databaseUrl = c.databaseUrl;
            databaseUser = c.databaseUser;
            databasePassword = c.databasePassword;
            databaseSchema = c.databaseSchema;
            adminToken = c.adminToken;
            publicBaseUrl = c.publicBaseUrl;
            maxRequestBytes = c.maxRequestBytes;
            rateLimitPerToken = c.rateLimitPerToken;
            rateLimitPerAddress = c.rateLimitPerAddress;
            shutdownGrace = c.shutdownGrace;
            indexCommitInterval = c.indexCommitInterval;
            changeLogPollInterval = c.changeLogPollInterval;
            demo = c.demo;
            maxDocumentBytes = c.maxDocumentBytes;
            openDataSource = c.openDataSource;
            register = c.register;
            ckan = c.ckan;
            instanceOrganisationUri = c.instanceOrganisationUri;
            instanceOrganisationName = c.instanceOrganisationName;
            sitemapPageSize = c.sitemapPageSize;
            minFreeDiskBytes = c.minFreeDiskBytes;
            trustedProxies = c.trustedProxies;
            sharedRateLimits = c.sharedRateLimits;
            pageSitemapSize = c.pageSitemapSize;
            demoCorpusSize = c.demoCorpusSize;
            notifications = c.notifications;
            objectStore = c.objectStore;
            indexSnapshotInterval = c.indexSnapshotInterval;
            indexSnapshotAfterChanges = c.indexSnapshotAfterChanges;
            harvestTick = c.harvestTick;
            portalThemeCss = c.portalThemeCss;
        }

        /** Sets the documents' settings, kept here one by one as tests set them. */
        public void documents(DocumentsSettings documents) {
            maxDocumentBytes = documents.maxDocumentBytes();
            openDataSource = documents.openDataSource();
            sitemapPageSize = documents.sitemapPageSize();
        }

        private Config build() {
            return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, databaseSchema, adminToken,
                    publicBaseUrl, maxRequestBytes, rateLimitPerToken, rateLimitPerAddress, shutdownGrace,
                    indexCommitInterval, changeLogPollInterval, demo, maxDocumentBytes, openDataSource, register, ckan,
                    instanceOrganisationUri, instanceOrganisationName, sitemapPageSize, minFreeDiskBytes,
                    List.copyOf(trustedProxies), sharedRateLimits, pageSitemapSize, demoCorpusSize, notifications,
                    objectStore, indexSnapshotInterval, indexSnapshotAfterChanges, harvestTick, portalThemeCss);
        }
    }

    /** The documents' settings. */
    public DocumentsSettings documents() {
        return new DocumentsSettings(maxDocumentBytes, openDataSource, sitemapPageSize);
    }

    public boolean usesPostgres() {
        return databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:");
    }

    /** Where {@link nl.vindplaats.store.Database} finds the records. */
    public nl.vindplaats.store.StoreLocation storeLocation() {
        return new nl.vindplaats.store.StoreLocation(jdbcUrl(), dataDir, databaseUser, databasePassword, databaseSchema);
    }

    public String jdbcUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE);
    }

    public String baseUrl() {
        return publicBaseUrl != null ? publicBaseUrl.replaceAll("/+$", "") : "http://localhost:" + port;
    }

    /** The organisation that owns the instance's own API entries; by default "Vindplaats" under the base URL. */
    public String instanceOrganisationUriOrDefault() {
        return instanceOrganisationUri != null && !instanceOrganisationUri.isBlank() ? instanceOrganisationUri.strip()
                : baseUrl() + "/id/organisatie/vindplaats";
    }

    public String instanceOrganisationNameOrDefault() {
        return instanceOrganisationName != null && !instanceOrganisationName.isBlank() ? instanceOrganisationName.strip()
                : "Vindplaats";
    }

    public Config withPort(int newPort) {
        return with(c -> c.port = newPort);
    }

    public Config withDatabase(String url, String user, String password, String schema) {
        return with(c -> {
            c.databaseUrl = url;
            c.databaseUser = user;
            c.databasePassword = password;
            c.databaseSchema = schema;
        });
    }

    public Config withAdminToken(String token) {
        return with(c -> c.adminToken = token);
    }

    public Config withRateLimits(int perToken, int perAddress) {
        return with(c -> {
            c.rateLimitPerToken = perToken;
            c.rateLimitPerAddress = perAddress;
        });
    }

    public Config withMaxRequestBytes(long bytes) {
        return with(c -> c.maxRequestBytes = bytes);
    }

    public Config withOpenDataSource(String name) {
        return with(c -> c.openDataSource = name);
    }

    public Config withMaxDocumentBytes(long bytes) {
        return with(c -> c.maxDocumentBytes = bytes);
    }

    /** Another node's configuration: its own data directory (index, blobs), the same database. */
    public Config withDataDir(Path dir) {
        return with(c -> c.dataDir = dir);
    }

    public Config withChangeLogPollInterval(Duration interval) {
        return with(c -> c.changeLogPollInterval = interval);
    }

    public Config withRegister(RegisterSettings settings) {
        return with(c -> c.register = settings);
    }

    public Config withNotifications(NotificationSettings settings) {
        return with(c -> c.notifications = settings);
    }

    public Config withDemo(boolean on) {
        return with(c -> c.demo = on);
    }
}

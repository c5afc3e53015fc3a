package nl.vindplaats.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import nl.vindplaats.access.AccessControl;
import nl.vindplaats.access.AuditLog;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.RateLimits;
import nl.vindplaats.access.ResourceDirectory;
import nl.vindplaats.access.TokenStore;
import nl.vindplaats.access.api.PlatformFeature;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.blobs.S3BlobStore;
import nl.vindplaats.datasets.DatasetsFeature;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.DocumentsFeature;
import nl.vindplaats.harvest.HarvestFeature;
import nl.vindplaats.harvest.HarvestSettings;
import nl.vindplaats.harvest.Harvester;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.HttpServer;
import nl.vindplaats.http.Routes;
import nl.vindplaats.http.ServerSettings;
import nl.vindplaats.http.TrustedProxies;
import nl.vindplaats.notify.NotifyFeature;
import nl.vindplaats.portal.Portal;
import nl.vindplaats.portal.PortalFeature;
import nl.vindplaats.register.RegisterFeature;
import nl.vindplaats.register.SelfRegistration;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.IndexSnapshots;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.RecurringWork;
import nl.vindplaats.store.SnapshotLog;
import nl.vindplaats.valuelists.ValueLists;
import nl.vindplaats.valuelists.ValueListsFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The running service: opens the store, the index and the blob files in the data directory, wires
 * every feature's API into one HTTP server, and closes them again in the right order. The store, the index, the
 * blobs, access and the HTTP server are the shared core; each part of the house is a {@link Feature} of its own
 * package, and this class holds them in a list.
 *
 * <p>A little over 400 lines because it is the one place that opens the core, builds the features in the order their
 * dependencies ask, and starts and stops both in order.
 */
public final class Vindplaats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Vindplaats.class);

    private final Config config;
    private final Database database;
    private final RateLimits rateLimits;
    private final RecordStore store;
    private final SearchIndex index;
    private final BlobStore blobs;
    private final IndexSnapshots snapshots;
    /** Background work claimed with leases, once across the nodes sharing the store. */
    private final Jobs jobs;
    /** This node's name in job leases and snapshot records. */
    private final String node = nodeName();
    private final TokenStore tokens;
    private final Organisations organisations;
    private final Routes routes;
    private final HttpServer http;
    private final PrometheusMeterRegistry metrics;
    private boolean closed;
    private final ValueLists valueLists;
    private final DocumentsFeature documents;
    private final DatasetsFeature datasets;
    private final RegisterFeature register;
    /** Every feature, in the order their routes are matched, they are started and they are stopped. */
    private final List<Feature> features;
    private Thread registeringOwnApis;
    private Thread loadingDemoCorpus;
    private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CompletableFuture<Void> seedingOrganisations;

    private Vindplaats(Config config, Clock clock) throws IOException {
        this.config = config;
        // Reading the value lists (1.5 MB of JSON-LD) overlaps with opening the store and the index, to keep
        // start-up short; the delivery API compiles its metadata schema later (see start).
        java.util.concurrent.CompletableFuture<ValueLists> loadingLists = ValueLists.shared();
        this.database = Database.open(config.store());
        this.store = new RecordStore(database, clock);
        this.jobs = new Jobs(database, clock);
        this.blobs = Blobs.open(config);
        // A new or wiped node copies the newest index snapshot, if there is a usable one, instead of rebuilding.
        this.snapshots = new IndexSnapshots(blobs, new SnapshotLog(database), node, clock);
        this.index = SearchIndex.open(indexDir(config), store, projections(), INDEX_ORDER,
                config.index().commitInterval(), config.index().changeLogPollInterval(), snapshots);
        store.listen(index);
        this.tokens = new TokenStore(database, clock);
        this.organisations = new Organisations(store, index);
        // The first start writes the TOOI organisations while the rest is wired; serving waits for it.
        // (On a thread of its own: the common pool has a single worker on two cores, busy with the schema.)
        this.seedingOrganisations = loadingLists.thenAcceptAsync(lists -> FirstAccess.ensureValueListOrganisations(organisations, lists),
                work -> Thread.ofVirtual().name("seeding-organisations").start(work));
        AuditLog audit = new AuditLog(database, clock);
        AccessControl access = new AccessControl(tokens, clock);
        ResourceDirectory resources = new ResourceDirectory(organisations);
        this.valueLists = loadingLists.join();
        boolean aloneOnTheStore = database.dialect() != Database.Dialect.POSTGRESQL;

        this.register = new RegisterFeature(store, index, database, organisations, resources, blobs, clock,
                config.register(), new SelfRegistration.Owner(config.instanceOrganisationUriOrDefault(),
                        config.instanceOrganisationNameOrDefault()), config.server().publicBaseUrl(), jobs, node);
        this.documents = new DocumentsFeature(store, index, organisations, valueLists, blobs, clock, this::baseUrl,
                config.store().dataDir().resolve("work"), config.documents(), Portal.SITEMAP);
        this.datasets = new DatasetsFeature(store, index, organisations, tokens, resources,
                config.ckan().withSiteUrl(config.baseUrl()), clock, blobs, config.documents().maxDocumentBytes(),
                this::baseUrl);
        PlatformFeature platform = new PlatformFeature(organisations, tokens, audit, resources, clock);
        ValueListsFeature lists = new ValueListsFeature(valueLists);
        // Harvesting reaches out as the register's fetcher does: the same address rule and timeouts.
        HarvestSettings harvestSettings = config.harvest()
                .withAllowPrivateAddresses(config.register().allowPrivateAddresses())
                .withTimeouts(config.register().connectTimeout(), config.register().readTimeout());
        List<Harvester> harvesters = new java.util.ArrayList<>(datasets.harvesters());
        harvesters.add(register.harvester());
        harvesters.add(documents.harvester());
        HarvestFeature harvest = new HarvestFeature(store, organisations, harvesters, harvestSettings, clock,
                harvestSettings.tick(), jobs, node, aloneOnTheStore);
        NotifyFeature notify = new NotifyFeature(database, store, organisations, NotifiableKinds.all(),
                config.notifications(), clock, this::baseUrl, jobs, node);
        List<Feature.OwnApi> served = new java.util.ArrayList<>();
        for (Feature f : List.of(datasets, documents, register, platform, lists)) {
            served.addAll(f.ownApis());
        }
        PortalFeature portal = new PortalFeature(store, index, organisations, valueLists, clock,
                datasets::writeDcatDataset, this::baseUrl, config.portal().pageSitemapSize(), register.probes(), served,
                houseStyle(config));
        this.features = List.of(platform, harvest, notify, lists, documents, portal, datasets, register);

        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        Gauge.builder("vindplaats.index.documents", index, SearchIndex::documentCount).register(metrics);
        Gauge.builder("vindplaats.changelog.lag", this, Vindplaats::changeLogLag).register(metrics);

        StorageGuard storage = new StorageGuard(config.store().dataDir(), config.instance().minFreeDiskBytes(), index,
                System::nanoTime);
        this.routes = new Routes()
                .guardWrites(storage)
                .addAll(new HealthApi(database, store, index, storage, metrics).operations());
        List<ApiSurface> surfaces = new java.util.ArrayList<>();
        for (Feature feature : features) {
            routes.addAll(feature.operations());
            surfaces.addAll(feature.surfaces());
        }
        this.rateLimits = rateLimits(config, database);
        this.http = new HttpServer(routes, surfaces, access, audit,
                rateLimits, metrics,
                config.server().maxRequestBytes(), config.server().shutdownGrace(),
                TrustedProxies.of(config.server().trustedProxies()));
    }

    private static RateLimits rateLimits(Config config, Database database) {
        ServerSettings server = config.server();
        return server.sharedRateLimits() && database.dialect() == Database.Dialect.POSTGRESQL
                ? RateLimits.shared(server.rateLimitPerToken(), server.rateLimitPerAddress(), database.dataSource())
                : new RateLimits(server.rateLimitPerToken(), server.rateLimitPerAddress());
    }

    /** Every kind of record that is findable, with how it is indexed. Reindexing uses the same list. */
    public static List<IndexProjection> projections() {
        List<IndexProjection> all = new java.util.ArrayList<>(List.of(Organisations.projection()));
        all.addAll(DocumentsFeature.projections());
        all.addAll(RegisterFeature.projections());
        all.addAll(DatasetsFeature.projections());
        return List.copyOf(all);
    }

    /** The index keeps its documents in the order of the largest lists, the open data documents' (see SearchIndex). */
    public static final List<SearchQuery.SortKey> INDEX_ORDER = List.of(Documents.LIST_ORDER);

    /** This node's name in job leases: the host's name and a part of a fresh id, unique per start. */
    static String nodeName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "node";
            }
        }
        return host + "-" + nl.vindplaats.base.Ids.uuid().substring(0, 8);
    }

    /**
     * Why the portal's house style cannot be used, in one line naming its setting, or null when there is none or it
     * can: checked by the command line before anything starts.
     */
    public static String portalThemeProblem(Config config) {
        try {
            houseStyle(config);
            return null;
        } catch (IllegalArgumentException e) {
            return "--portal-theme-css: " + e.getMessage();
        }
    }

    private static byte[] houseStyle(Config config) {
        Path css = config.portal().themeCss();
        return css == null ? null : Portal.readHouseStyle(css);
    }

    public static Path indexDir(Config config) {
        return config.store().dataDir().resolve("index");
    }

    /** Opens everything and starts serving; prints the first admin token to {@code out} when one is made. */
    public static Vindplaats start(Config config, Clock clock, PrintStream out) {
        long started = System.nanoTime();
        Vindplaats app;
        try {
            app = new Vindplaats(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            FirstAccess.ensureAdminToken(app.tokens, config, out);
            app.seedingOrganisations.join();
            app.relayoutOldBodies();
            app.http.start("0.0.0.0", config.server().port());
            // In the background, a moment after the start, work that must neither delay serving nor slow the
            // first requests: the features' warming up and, on the first start, writing the instance's own API entries.
            app.registeringOwnApis = Thread.ofVirtual().name("self-registration").start(() -> {
                try {
                    if (!app.stopping.await(config.register().selfRegistrationDelay().toMillis(), TimeUnit.MILLISECONDS)) {
                        app.features.forEach(Feature::warmUp);
                        app.registerOwnApisQuietly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            if (config.instance().demo()) {
                // After the start, so that the demo documents' pids carry the port actually bound.
                app.loadDemoData();
            }
            app.features.forEach(Feature::start);
            // Snapshots are for nodes sharing a PostgreSQL store; a lone SQLite node rebuilds its own index.
            if (app.database.dialect() == nl.vindplaats.store.Database.Dialect.POSTGRESQL
                    && !config.index().snapshotInterval().isZero()) {
                app.snapshots.startPublishing(app.index, new RecurringWork(app.jobs, app.node, clock),
                        config.index().snapshotInterval(), config.index().snapshotAfterChanges());
            }
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        LOG.info("Vindplaats serving on port {} ({} store), started in {} ms", app.port(),
                app.database.dialect().name().toLowerCase(java.util.Locale.ROOT),
                (System.nanoTime() - started) / 1_000_000);
        out.println("Vindplaats is ready: the portal at " + app.baseUrl() + "/, its APIs listed in docs/ (README).");
        out.flush();
        return app;
    }

    /** Rewrites the bodies an earlier release wrote in another layout than the features' current ones. */
    private void relayoutOldBodies() {
        for (Feature feature : features) {
            for (nl.vindplaats.store.BodyLayout layout : feature.bodyLayouts()) {
                long[] told = {0};
                long rewritten = store.relayout(layout, soFar -> {
                    // A large store takes minutes (each rewrite is indexed again): say how far it is.
                    if (soFar - told[0] >= 50_000) {
                        told[0] = soFar;
                        LOG.info("Rewriting {} records in the current layout: {} so far", layout.kind(), soFar);
                    }
                });
                if (rewritten > 0) {
                    LOG.info("Rewrote {} {} records in the current layout", rewritten, layout.kind());
                }
            }
        }
    }

    /**
     * Lists our own APIs in our own API register, after the HTTP server has started (so the address
     * is known). Reads the documents from the classpath; writes only what changed since the last start.
     */
    private void registerOwnApisQuietly() {
        try {
            List<Feature.OwnApi> own = new java.util.ArrayList<>();
            for (Feature feature : features) {
                own.addAll(feature.ownApis());
            }
            register.registerOwnApis(baseUrl(), own);
        } catch (RuntimeException e) {
            LOG.warn("Registering our own APIs in the API register failed: {}", e.toString());
        }
    }

    /** Waits until the instance's own APIs are in its register (tests use it to start from a settled state). */
    public void awaitOwnApisRegistered() throws InterruptedException {
        if (registeringOwnApis != null) {
            registeringOwnApis.join();
        }
    }

    private void loadDemoData() {
        for (Organisation o : DemoData.organisations()) {
            if (organisations.byId(o.id()).isEmpty() && organisations.bySlug(o.slug()).isEmpty()) {
                organisations.create(o, "demo");
            }
        }
        List<String> publishers = DemoData.organisations().stream().map(Organisation::id).toList();
        for (Feature feature : features) {
            feature.loadDemoData(publishers);
        }
        int corpusSize = config.instance().demoCorpusSize();
        if (corpusSize > 0) {
            // In the background: the port is open and the portal answers while the corpus is written.
            LOG.info("Generating the demo corpus in the background: {} datasets and {} documents with PDFs; "
                    + "the portal fills as they are written", corpusSize, corpusSize);
            DemoCorpus corpus = new DemoCorpus(store, blobs, organisations, valueLists, this::baseUrl,
                    documents.fileArrived(), corpusSize);
            this.loadingDemoCorpus = Thread.ofVirtual().name("demo-corpus").start(() -> {
                try {
                    corpus.load();
                } catch (RuntimeException e) {
                    LOG.warn("Generating the demo corpus failed: {}", e.toString());
                }
            });
        }
    }

    /** Waits until the generated demo corpus is written (tests, and the demo's own check). */
    public void awaitDemoCorpus() throws InterruptedException {
        if (loadingDemoCorpus != null) {
            loadingDemoCorpus.join();
        }
    }

    private double changeLogLag() {
        try {
            return Math.max(0, store.lastSeq() - index.appliedSeq());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The URL clients reach this service at: the configured one, else localhost with the port actually bound. */
    public String baseUrl() {
        String configured = config.server().publicBaseUrl();
        return configured != null && !configured.isBlank() || config.server().port() != 0 ? config.baseUrl()
                : "http://localhost:" + port();
    }

    public int port() {
        return http.port();
    }

    public Routes routes() {
        return routes;
    }

    public RecordStore store() {
        return store;
    }

    /** This node's name in job leases (and in the runs it harvests). */
    public String node() {
        return node;
    }

    /** The index snapshots this node publishes and took its index from (or says why it did not). */
    public IndexSnapshots indexSnapshots() {
        return snapshots;
    }

    public SearchIndex index() {
        return index;
    }

    public ValueLists valueLists() {
        return valueLists;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /**
     * Stops accepting requests, lets in-flight ones finish, commits the index and closes the store.
     * Safe to call more than once (a signal handler and a shutdown hook may both call it).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping.countDown();
        try {
            http.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the HTTP server failed: {}", e.toString());
        }
        // Background work stops after the requests in flight, which may still need it, have finished.
        try {
            seedingOrganisations.exceptionally(failed -> null).join();
            // a few writes at most; the store must not close under them
            if (registeringOwnApis != null && !registeringOwnApis.join(config.server().shutdownGrace())) {
                LOG.warn("Registering our own APIs did not finish within the grace period");
            }
            if (loadingDemoCorpus != null) {
                loadingDemoCorpus.interrupt();
                if (!loadingDemoCorpus.join(config.server().shutdownGrace())) {
                    LOG.warn("Writing the demo corpus did not stop within the grace period");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Feature feature : features) {
            try {
                feature.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping {} failed: {}", feature.getClass().getSimpleName(), e.toString());
            }
        }
        rateLimits.close();
        snapshots.close();
        index.close();
        database.close();
        if (blobs instanceof S3BlobStore s3) {
            s3.close();
        }
        LOG.info("Vindplaats stopped");
    }
}

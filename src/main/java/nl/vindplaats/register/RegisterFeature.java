package nl.vindplaats.register;

import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.access.ResourceDirectory;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.harvest.Harvester;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.register.v1.RegisterImport;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The API register as a part of the service: its REST API, specification retrieval and refetching, the health
 * probes, the {@code register} harvest source type, and the instance's own entries in it.
 */
public final class RegisterFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterFeature.class);

    private final RecordStore store;
    private final SpecFetcher specFetcher;
    private final SelfRegistration selfRegistration;
    private final Register register;
    private final Probes probes;
    private final RegisterApi api;
    private final RegisterHarvester harvester;
    private final RecurringWork rounds;

    /**
     * @param owner         the organisation that owns the instance's own API entries
     * @param publicBaseUrl the configured public base URL, or null to take it from each request
     * @param rounds        refetches and probes run once across the nodes sharing the store
     */
    public RegisterFeature(RecordStore store, SearchIndex index, Database database, Organisations organisations,
                           ResourceDirectory resources, BlobStore blobs, Clock clock, RegisterSettings settings,
                           SelfRegistration.Owner owner, String publicBaseUrl, Jobs jobs, String node) {
        this.store = store;
        ApiEntries entries = new ApiEntries(store, index);
        resources.register(Resource.Type.API_ENTRY, id -> entries.get(id).map(RegisterApi::resourceOf));
        this.specFetcher = new SpecFetcher(settings);
        Specifications specifications = new Specifications(specFetcher, blobs, clock);
        this.selfRegistration = new SelfRegistration(entries, organisations, specifications, owner);
        this.register = new Register(entries, organisations, specifications, settings, selfRegistration::isOwn);
        this.probes = new Probes(database, entries, specFetcher, settings, clock, selfRegistration::isOwn);
        this.api = new RegisterApi(register, entries, probes, organisations, blobs, publicBaseUrl);
        this.harvester = new RegisterHarvester(register, entries, organisations);
        this.rounds = new RecurringWork(jobs, node, clock);
    }

    /** The record kinds it makes findable. */
    public static List<IndexProjection> projections() {
        return List.of(ApiEntries.projection());
    }

    /** The {@code register} harvest source type: another register's API entries into this one. */
    public Harvester harvester() {
        return harvester;
    }

    /** The health probes, whose summaries the portal's API pages show. */
    public Probes probes() {
        return probes;
    }

    /**
     * Lists the APIs this instance serves in its own register, once the address is known; writes only what changed
     * since the last start.
     */
    public void registerOwnApis(String baseUrl, List<OwnApi> apis) {
        long started = System.nanoTime();
        List<SelfRegistration.OwnApi> own = apis.stream()
                .map(a -> new SelfRegistration.OwnApi(a.registerId(), a.basePath(), a.description(), a.document()))
                .toList();
        SelfRegistration.Report report = selfRegistration.run(baseUrl, own);
        LOG.info("Own APIs in the API register: {} created, {} updated, {} unchanged{} in {} ms", report.created(),
                report.updated(), report.unchanged(),
                report.skipped().isEmpty() ? "" : ", skipped (id taken) " + report.skipped(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public List<Operation> operations() {
        return api.operations();
    }

    @Override
    public List<ApiSurface> surfaces() {
        return List.of(new ApiSurface(RegisterApi.BASE, RegisterApi.VERSION, ErrorFormat.PROBLEM_JSON));
    }

    @Override
    public List<OwnApi> ownApis() {
        return List.of(new OwnApi("api-register", "vindplaats-api-register", RegisterApi.BASE,
                "Het API-register van deze installatie: API's, hun specificaties, API Design Rules-score en beschikbaarheid.",
                OpenApiDocument.load(RegisterApi.OPENAPI)));
    }

    @Override
    public void loadDemoData(List<String> organisationIds) {
        RegisterImport.Report apis = new RegisterImport(store).importResources("demo/api-register");
        LOG.info("Demo API register entries: {}", apis);
    }

    @Override
    public void start() {
        register.startRefetching(rounds);
        probes.start(rounds);
    }

    @Override
    public void stop() {
        register.close();
        probes.close();
        specFetcher.close();
    }
}

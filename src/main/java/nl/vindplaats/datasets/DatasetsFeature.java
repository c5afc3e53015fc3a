package nl.vindplaats.datasets;

import io.javalin.http.Context;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.ResourceDirectory;
import nl.vindplaats.access.TokenStore;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.datasets.ckan.CkanApi;
import nl.vindplaats.datasets.dcat.DcatApi;
import nl.vindplaats.datasets.dcat.DcatHarvester;
import nl.vindplaats.harvest.Harvester;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.Operation;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.BodyLayout;
import nl.vindplaats.store.RecordStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Datasets as a part of the service: the CKAN Action API with its DCAT RDF and resource uploads, and the
 * {@code ckan} and {@code dcat} harvest source types.
 */
public final class DatasetsFeature implements Feature {
    private final CkanApi ckan;
    private final DcatApi dcat;
    private final DcatHarvester dcatHarvester;

    /**
     * @param site           the CKAN site's settings, its site URL the instance's base URL
     * @param maxUploadBytes the largest resource file accepted
     */
    public DatasetsFeature(RecordStore store, SearchIndex index, Organisations organisations, TokenStore tokens,
                           ResourceDirectory resources, CkanSite site, Clock clock, BlobStore blobs,
                           long maxUploadBytes, Supplier<String> baseUrl) {
        Datasets datasets = new Datasets(store, index);
        Groups groups = new Groups(store);
        PackageSchema schema = new PackageSchema(datasets, organisations, groups, site.strictDonl());
        HarvestedDatasets harvestWrites = new HarvestedDatasets(datasets, schema, organisations, index, clock);
        this.ckan = new CkanApi(datasets, groups, schema, harvestWrites, store, index, organisations, tokens,
                resources, site, clock, blobs, maxUploadBytes, baseUrl);
        this.dcat = new DcatApi(datasets, organisations, index, site);
        this.dcatHarvester = new DcatHarvester(harvestWrites);
    }

    /** The record kinds it makes findable. */
    public static List<IndexProjection> projections() {
        return CkanApi.projections();
    }

    /** Its harvest source types: {@code ckan} and {@code dcat}. */
    public List<Harvester> harvesters() {
        return List.of(ckan.harvester(), dcatHarvester);
    }

    /**
     * Writes one dataset (by id or name) in one DCAT form ({@code ttl}, {@code rdf}, {@code jsonld}) as the answer:
     * for {@code /dataset/{name}}, whose route the portal owns (its page, the DCAT forms, content negotiation).
     */
    public void writeDcatDataset(Context ctx, String idOrName, String format) {
        dcat.dataset(ctx, idOrName, format);
    }

    @Override
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>(dcat.operations());
        operations.addAll(ckan.operations());
        return operations;
    }

    @Override
    public List<ApiSurface> surfaces() {
        return ckan.surfaces();
    }

    @Override
    public List<OwnApi> ownApis() {
        return List.of(new OwnApi("ckan", "vindplaats-ckan", CkanApi.BASE,
                "Datasets (DCAT-AP-DONL) via de CKAN Action API v3, zoals data.overheid.nl die aanbiedt.",
                ckan.openApiDocument()));
    }

    /** Datasets are stored in the model's layout; a data directory of an earlier release holds CKAN dicts. */
    @Override
    public List<BodyLayout> bodyLayouts() {
        return List.of(StoredDataset.layout());
    }

    @Override
    public void loadDemoData(List<String> organisationIds) {
        ckan.loadDemoData(organisationIds);
    }
}

package nl.vindplaats.register;

import io.javalin.http.HandlerType;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;

import java.util.List;

/**
 * The API register's REST API ({@code /api-register/v1}), with the paths and semantics of the
 * national register's v2 API: list, search, filter groups, one entry (JSON or JSON-LD), its stored
 * OpenAPI documents, registration and update by the owning organisation, and organisations.
 *
 * <p>This class is the route table, every path written out once, and who may write; each concept has its own class:
 * {@link ApiEntryReads}, {@link ApiEntryWrites}, {@link StoredOasDocuments}, {@link RegisterOrganisations}, with
 * {@link RegisterPaging} and {@link ApiEntryJson} shared.
 */
public final class RegisterApi {
    public static final String BASE = "/api-register/v1";
    /** The OpenAPI document served at {@code BASE + "/openapi.json"}, a classpath resource. */
    public static final String OPENAPI = "openapi/api-register.json";
    public static final String VERSION = "1.0.0";
    /** Longest {@code version} that GET /apis/{id}/oas/{version} takes; longer is bad input (400). */
    static final int MAX_VERSION_LENGTH = 256;

    private final ApiEntries entries;
    private final ApiEntryReads reads;
    private final ApiEntryWrites writes;
    private final StoredOasDocuments oasDocuments;
    private final RegisterOrganisations organisationsApi;

    public RegisterApi(Register register, ApiEntries entries, Probes probes, Organisations organisations, BlobStore blobs,
                       String publicBaseUrl) {
        this.entries = entries;
        this.reads = new ApiEntryReads(entries, probes,
                publicBaseUrl == null ? null : publicBaseUrl.replaceAll("/+$", ""));
        this.writes = new ApiEntryWrites(register, entries, organisations);
        this.oasDocuments = new StoredOasDocuments(entries, blobs);
        this.organisationsApi = new RegisterOrganisations(organisations);
    }

    public List<Operation> operations() {
        // _search and filters come before {id}: the first matching route wins.
        return List.of(
                OpenApiDocument.operation(BASE, OPENAPI),
                Operation.read("api.list", HandlerType.GET, BASE + "/apis", Permission.anyone(), reads::list),
                Operation.read("api.search", HandlerType.GET, BASE + "/apis/_search", Permission.anyone(), reads::search),
                Operation.read("api.filters", HandlerType.GET, BASE + "/apis/filters", Permission.anyone(), reads::filterGroups),
                Operation.read("api.show", HandlerType.GET, BASE + "/apis/{id}", Permission.anyone(), reads::show),
                Operation.read("api.oas", HandlerType.GET, BASE + "/apis/{id}/oas/{version}", Permission.anyone(),
                        oasDocuments::oas),
                Operation.write("api.create", HandlerType.POST, BASE + "/apis",
                        Permission.requires(Level.WRITE, (ctx, token) -> writes.organisationOfBody(ctx)),
                        writes::create),
                Operation.write("api.update", HandlerType.PUT, BASE + "/apis/{id}",
                        Permission.requires(Level.WRITE,
                                (ctx, token) -> resourceOf(existing(entries, ctx.pathParam("id")))),
                        writes::update),
                Operation.read("api-organisation.list", HandlerType.GET, BASE + "/organisations", Permission.anyone(),
                        organisationsApi::list),
                Operation.write("api-organisation.create", HandlerType.POST, BASE + "/organisations",
                        Permission.platform(Level.ADMIN), organisationsApi::create));
    }

    public static Resource resourceOf(ApiEntries.Versioned v) {
        String organisation = v.entry().organisation() == null ? null : v.entry().organisation().uri();
        return new Resource(Resource.Type.API_ENTRY, v.entry().id(), organisation);
    }

    /** The entry with this id; a 404 when there is none. */
    static ApiEntries.Versioned existing(ApiEntries entries, String id) {
        return entries.get(id).orElseThrow(() -> ApiError.notFound("There is no API with id " + id + "."));
    }
}

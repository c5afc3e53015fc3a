package nl.vindplaats.documents.plooi;

import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.documents.PublicationVersion;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Ids;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Routes;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueLists;

import java.time.Clock;
import java.util.Objects;
import java.util.List;
import java.util.function.Supplier;

/**
 * PLOOI's delivery API ("aanlever-API"), so delivery software written for PLOOI works unchanged:
 * metadata first ({@code POST /metadata}), then the file ({@code POST /documenten/{uuid}}), later a
 * change ({@code PUT}) or a withdrawal ({@code DELETE /documenten/{uuid}}). Errors are PLOOI's own
 * ({@link PlooiErrors}).
 *
 * <p>This class is the route table, every path written out once, and who may write; each concept has its own class:
 * {@link PlooiMetadataDelivery}, {@link PlooiFileDelivery}, {@link PlooiReads} (metadata, versions, file, search),
 * {@link PlooiWithdrawal}, sharing {@link PlooiRequests}; versions and reasons live in {@link PlooiVersions}.
 */
public final class PlooiApi {
    public static final String BASE = Documents.PID_BASE;
    /** The OpenAPI document served at {@code BASE + "/openapi.json"}, a classpath resource. */
    public static final String OPENAPI = "openapi/plooi-aanleveren.json";
    /** Where a client may give the reason for a version after the first: a TOOI URI or free text. */
    public static final String REASON = PublicationVersion.REASON;
    /** Where a client sets an embargo: the document stays out of public reads until this moment. */
    public static final String VISIBLE_FROM = "zichtbaarheidsdatumtijd";
    /** The request attribute holding the document a write acts on, read by its permission check. */
    static final String RECORD = "plooi.record";

    private final PlooiRequests requests;
    private final PlooiMetadataDelivery metadata;
    private final PlooiFileDelivery files;
    private final PlooiReads reads;
    private final PlooiWithdrawal withdrawal;

    public PlooiApi(Documents documents, ValueLists lists, BlobStore blobs, Clock clock, Supplier<String> baseUrl,
                    long maxDocumentBytes, Runnable fileArrived) {
        PlooiVersions versions = new PlooiVersions(lists);
        this.requests = new PlooiRequests(documents, clock, baseUrl);
        this.metadata = new PlooiMetadataDelivery(documents, lists, clock, baseUrl, requests, versions);
        this.files = new PlooiFileDelivery(blobs, clock, maxDocumentBytes, fileArrived, requests, versions);
        this.reads = new PlooiReads(documents, lists, blobs, clock, baseUrl, requests);
        this.withdrawal = new PlooiWithdrawal(clock, requests, versions);
    }

    public List<Operation> operations() {
        Permission.Requires writeOnDelivered = Permission.requires(Level.WRITE, metadata::publisherOfDelivery);
        Permission.Requires writeOnExisting = Permission.requires(Level.WRITE, this::publisherOfExisting);
        return List.of(
                OpenApiDocument.operation(BASE, OPENAPI),
                Operation.write("plooi.metadata.create", HandlerType.POST, BASE + "/metadata", writeOnDelivered,
                        metadata::create),
                Operation.read("plooi.metadata.show", HandlerType.GET, BASE + "/metadata/{uuid}", Permission.anyone(),
                        reads::showMetadata),
                Operation.write("plooi.metadata.replace", HandlerType.PUT, BASE + "/metadata/{uuid}", writeOnExisting,
                        metadata::replace),
                Operation.read("plooi.metadata.versions", HandlerType.GET, BASE + "/metadata/{uuid}/versies",
                        Permission.anyone(), reads::versions),
                Operation.write("plooi.document.deliver", HandlerType.POST, BASE + "/documenten/{uuid}",
                        writeOnExisting, ctx -> files.receive(ctx, false)),
                Operation.write("plooi.document.replace", HandlerType.PUT, BASE + "/documenten/{uuid}",
                        writeOnExisting, ctx -> files.receive(ctx, true)),
                Operation.read("plooi.document.show", HandlerType.GET, BASE + "/documenten/{uuid}", Permission.anyone(),
                        reads::showFile),
                Operation.write("plooi.document.withdraw", HandlerType.DELETE, BASE + "/documenten/{uuid}",
                        writeOnExisting, withdrawal::withdraw),
                Operation.read("plooi.search", HandlerType.GET, BASE + "/_zoek", Permission.anyone(), reads::search));
    }

    /** For a change to a delivered document: the organisation that published it. */
    private Resource publisherOfExisting(Context ctx, ApiToken token) {
        StoredRecord record = requests.existing(ctx);
        refuseChange(record);
        ctx.attribute(RECORD, record);
        Routes.wroteRecord(ctx, "document", record.id());
        return Resource.organisation(record.organisation());
    }

    /** The outcome of a delivery: the document, and whether it is new or was delivered before. */
    public record Delivered(StoredRecord record, boolean isNew) {
    }

    /** Validates and delivers metadata from code (demo data); refuses invalid metadata like the API does. */
    public Delivered deliver(JsonNode delivered) {
        MetadataValidator.Result result = metadata.validator().validate(delivered);
        if (!result.valid()) {
            throw new IllegalArgumentException("invalid metadata: " + result.errors());
        }
        return metadata.deliver(result.metadata(), null, Ids.uuid());
    }

    /** Compiles the metadata schema now rather than at the first delivery (a few hundred ms). */
    public void compileSchema() {
        metadata.validator();
    }

    /** The delivery's metadata check, compiled on first use; the {@code diwoo} harvest checks with it too. */
    public MetadataValidator metadataValidator() {
        return metadata.validator();
    }

    /** Refuses a change through the PLOOI API to a harvested document, in PLOOI's error format (409). */
    private static void refuseChange(StoredRecord record) {
        StoredPublication.HarvestMarks marks = StoredPublication.of(record).harvest();
        if (marks != null) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "Dit document is geoogst uit "
                    + Objects.toString(marks.sourceUrl(), "") + " (oogstbron " + Objects.toString(marks.sourceId(), "")
                    + ", origineel " + Objects.toString(marks.original(), "") + "); het verandert alleen via die bron."
                    + PlooiErrors.SEE_DOCS);
        }
    }
}

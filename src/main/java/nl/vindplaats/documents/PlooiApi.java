package nl.vindplaats.documents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.store.VersionConflictException;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;
import nl.vindplaats.http.QueryParams;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PLOOI's delivery API ("aanlever-API"), so delivery software written for PLOOI works unchanged:
 * metadata first ({@code POST /metadata}), then the file ({@code POST /documenten/{uuid}}), later a
 * change ({@code PUT}) or a withdrawal ({@code DELETE /documenten/{uuid}}). Errors are PLOOI's own
 * ({@link PlooiErrors}).
 *
 * <p>Over 400 lines because it is PLOOI's whole delivery API (metadata, files, search, withdrawal) in one route table,
 * as PLOOI's own endpoints are; versions and reasons already live in PlooiVersions.
 */
public final class PlooiApi {
    public static final String BASE = "/overheid/openbaarmaken/api/v0";
    /** The OpenAPI document served at {@code BASE + "/openapi.json"}, a classpath resource. */
    public static final String OPENAPI = "openapi/plooi-aanleveren.json";
    public static final String PDF = "application/pdf";
    public static final String ZIP = "application/zip";
    /** Where a client may give the reason for a version after the first: a TOOI URI or free text. */
    public static final String REASON = PlooiVersions.REASON;
    /** Where a client sets an embargo: the document stays out of public reads until this moment. */
    public static final String VISIBLE_FROM = "zichtbaarheidsdatumtijd";

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script", Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final String METADATA = "plooi.validated";
    private static final String RECORD = "plooi.record";
    private static final int DEFAULT_PAGE_SIZE = 10;

    private final Documents documents;
    private volatile MetadataValidator validator; // compiled on first use, see validator()
    private final ValueLists lists;
    private final BlobStore blobs;
    private final Clock clock;
    private final java.util.function.Supplier<String> baseUrl;
    private final long maxDocumentBytes;
    private final Runnable fileArrived;
    private final PlooiVersions versions;

    public PlooiApi(Documents documents, ValueLists lists, BlobStore blobs, Clock clock,
                    java.util.function.Supplier<String> baseUrl, long maxDocumentBytes, Runnable fileArrived) {
        this.documents = documents;
        this.lists = lists;
        this.blobs = blobs;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.maxDocumentBytes = maxDocumentBytes;
        this.fileArrived = fileArrived;
        this.versions = new PlooiVersions(lists);
    }

    public List<Operation> operations() {
        Permission.Requires writeOnDelivered = Permission.requires(Level.WRITE, this::publisherOfDelivery);
        Permission.Requires writeOnExisting = Permission.requires(Level.WRITE, this::publisherOfExisting);
        return List.of(
                nl.vindplaats.http.OpenApiDocument.operation(BASE, OPENAPI),
                Operation.write("plooi.metadata.create", HandlerType.POST, BASE + "/metadata", writeOnDelivered,
                        this::createMetadata),
                Operation.read("plooi.metadata.show", HandlerType.GET, BASE + "/metadata/{uuid}", Permission.anyone(),
                        this::showMetadata),
                Operation.write("plooi.metadata.replace", HandlerType.PUT, BASE + "/metadata/{uuid}", writeOnExisting,
                        this::replaceMetadata),
                Operation.read("plooi.metadata.versions", HandlerType.GET, BASE + "/metadata/{uuid}/versies",
                        Permission.anyone(), this::versions),
                Operation.write("plooi.document.deliver", HandlerType.POST, BASE + "/documenten/{uuid}",
                        writeOnExisting, ctx -> receiveFile(ctx, false)),
                Operation.write("plooi.document.replace", HandlerType.PUT, BASE + "/documenten/{uuid}",
                        writeOnExisting, ctx -> receiveFile(ctx, true)),
                Operation.read("plooi.document.show", HandlerType.GET, BASE + "/documenten/{uuid}", Permission.anyone(),
                        this::showFile),
                Operation.write("plooi.document.withdraw", HandlerType.DELETE, BASE + "/documenten/{uuid}",
                        writeOnExisting, this::withdraw),
                Operation.read("plooi.search", HandlerType.GET, BASE + "/_zoek", Permission.anyone(), this::search));
    }

    // --- permission lookups: which organisation a write acts for ---

    /** For a new delivery: parses and validates the metadata; its (current) publisher is the organisation. */
    private Resource publisherOfDelivery(Context ctx, ApiToken token) {
        ObjectNode metadata = validatedMetadata(ctx, jsonBody(ctx));
        ctx.attribute(METADATA, metadata);
        return Resource.organisation(metadata.path("document").path("publisher").path("id").asText());
    }

    /** For a change to a delivered document: the organisation that published it. */
    private Resource publisherOfExisting(Context ctx, ApiToken token) {
        StoredRecord record = existing(ctx);
        DiwooHarvester.refuseChange(record);
        ctx.attribute(RECORD, record);
        Routes.wroteRecord(ctx, "document", record.id());
        return Resource.organisation(record.organisation());
    }

    // --- metadata ---

    private void createMetadata(Context ctx) {
        ObjectNode metadata = ctx.attribute(METADATA);
        String session = Ids.uuid();
        Delivered delivered = deliver(metadata, visibleFrom(ctx).orElse(null), session);
        Routes.wrote(ctx, Resource.organisation(delivered.record().organisation()));
        Routes.wroteRecord(ctx, "document", delivered.record().id());
        respondWithMetadata(ctx.status(delivered.isNew() ? 201 : 200), delivered.record(), session);
    }

    /** The outcome of a delivery: the document, and whether it is new or was delivered before. */
    public record Delivered(StoredRecord record, boolean isNew) {
    }

    /**
     * Stores validated metadata as a new document, version 1. Idempotent per publisher: metadata whose
     * identifiers match a document of the same publisher gives that document, unchanged. The store refuses
     * the second holder of an identifier, so a new delivery is not looked up first: that lookup was one more
     * query for every delivery, for the rare one that was delivered before.
     */
    public Delivered deliver(ObjectNode metadata, Instant visibleFrom, String session) {
        JsonNode document = metadata.path("document");
        String publisher = document.path("publisher").path("id").asText();
        List<String> identifiers = texts(document.path("identifiers"));
        String uuid = Ids.uuid();
        ObjectNode body = deliveredBody(metadata, pidOf(uuid), clock.instant(), visibleFrom, session);
        try {
            return new Delivered(documents.create(uuid, publisher, body), true);
        } catch (VersionConflictException e) {
            // A document with one of these identifiers exists: delivered before, or just now by another request.
            return documents.byIdentifiers(publisher, identifiers)
                    .map(existing -> new Delivered(existing, false)).orElseThrow(() -> e);
        }
    }

    /**
     * The body of version 1 of a delivered document: the validated metadata with its pid and
     * openbaarmakingsdatum, published from {@code visibleFrom} (null: at once). Static so that the bulk
     * loader of the read benchmark (src/test) stores exactly what a delivery stores.
     */
    public static ObjectNode deliveredBody(ObjectNode metadata, String pid, Instant now, Instant visibleFrom,
                                           String session) {
        ObjectNode stored = metadata.deepCopy();
        ObjectNode doc = (ObjectNode) stored.get("document");
        doc.put("pid", pid);
        doc.put("openbaarmakingsdatum", LocalDate.ofInstant(now, NETHERLANDS).toString());
        ObjectNode body = Json.object();
        body.set("metadata", stored);
        body.put("publisher", doc.path("publisher").path("id").asText());
        body.set("identifiers", doc.path("identifiers").deepCopy());
        body.put("status", Documents.PUBLISHED);
        if (visibleFrom != null) {
            body.put("zichtbaarVanaf", visibleFrom.toString());
        }
        body.set("versie", PlooiVersions.version(1, Documents.DELIVERY, null, session, now));
        return body;
    }

    /** Compiles the metadata schema now rather than at the first delivery (a few hundred ms). */
    public void compileSchema() {
        validator();
    }

    /** The delivery's metadata check, compiled on first use; the {@code diwoo} harvest checks with it too. */
    public MetadataValidator metadataValidator() {
        return validator();
    }

    private MetadataValidator validator() {
        MetadataValidator compiled = validator;
        if (compiled == null) {
            synchronized (this) {
                if (validator == null) {
                    validator = new MetadataValidator(lists);
                }
                compiled = validator;
            }
        }
        return compiled;
    }

    /** Validates and delivers metadata from code (demo data); refuses invalid metadata like the API does. */
    public Delivered deliver(JsonNode metadata) {
        MetadataValidator.Result result = validator().validate(metadata);
        if (!result.valid()) {
            throw new IllegalArgumentException("invalid metadata: " + result.errors());
        }
        return deliver(result.metadata(), null, Ids.uuid());
    }

    private void showMetadata(Context ctx) {
        StoredRecord record = visible(ctx);
        ObjectNode out = served(record);
        out.set("plooiIntern", internal(record));
        ctx.json(out);
    }

    /**
     * What PLOOI keeps for itself about a document: its publication status and how far the processing
     * of its file is. Shown on reads; ignored when a client sends it back.
     */
    private static ObjectNode internal(StoredRecord record) {
        ObjectNode internal = Json.object().put("publicatiestatus", record.state());
        DiwooHarvester.origin(record).ifPresent(origin -> internal.set("oogst", origin));
        JsonNode text = record.body().path("tekst");
        if (!text.isMissingNode()) {
            ObjectNode processing = internal.putObject("tekstextractie").put("status", text.path("status").asText());
            for (String field : List.of("reden", "paginas", "tekens", "verwerkt")) {
                if (text.has(field)) {
                    processing.set(field, text.get(field));
                }
            }
        }
        return internal;
    }

    /**
     * PLOOI's replaceMetadataInstance: the body is the metadata alone (a reason is optional, see
     * {@link PlooiVersions}); the answer is 201 with Location, X-Session-ID and the metadata with its pid.
     */
    private void replaceMetadata(Context ctx) {
        StoredRecord current = ctx.attribute(RECORD);
        JsonNode delivered = jsonBody(ctx);
        boolean republish = Documents.WITHDRAWN.equals(current.state());
        Optional<ObjectNode> reason = versions.take(ctx, delivered, republish
                ? java.util.Set.of(Documents.REPUBLICATION, Documents.CHANGE) : java.util.Set.of(Documents.CHANGE));
        ObjectNode metadata = validatedMetadata(ctx, delivered);
        ObjectNode doc = (ObjectNode) metadata.get("document");
        String publisher = doc.path("publisher").path("id").asText();
        JsonNode stored = current.body().path("metadata").path("document");
        String pid = stored.path("pid").asText();
        if (!publisher.equals(current.organisation())) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "De publisher van een document kan niet wijzigen (was "
                    + current.organisation() + ", nu " + publisher + ")." + PlooiErrors.SEE_DOCS);
        }
        if (doc.has("pid") && !doc.path("pid").asText().equals(pid)) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "Het pid van een document kan niet wijzigen (is " + pid
                    + ")." + PlooiErrors.SEE_DOCS);
        }
        List<String> identifiers = texts(doc.path("identifiers"));
        Optional<StoredRecord> other = documents.byIdentifiers(publisher, identifiers)
                .filter(r -> !r.id().equals(current.id()));
        if (other.isPresent()) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "Deze identifiers horen al bij document "
                    + pidOf(other.get().id()) + "." + PlooiErrors.SEE_DOCS);
        }
        Instant now = clock.instant();
        doc.put("pid", pid);
        doc.put("openbaarmakingsdatum", LocalDate.ofInstant(now, NETHERLANDS).toString());
        long number = current.body().path("versie").path("nummer").asLong(1);
        String session = Ids.uuid();
        ObjectNode body = current.body().deepCopy();
        body.set("metadata", metadata);
        body.set("identifiers", doc.path("identifiers").deepCopy());
        body.put("status", Documents.PUBLISHED);
        Optional<Instant> visibleFrom = visibleFrom(ctx);
        visibleFrom.ifPresent(at -> body.put("zichtbaarVanaf", at.toString()));
        String cause = republish ? Documents.REPUBLICATION : Documents.CHANGE;
        // PLOOI reuses the version number when a withdrawn document is published again.
        body.set("versie", PlooiVersions.version(republish ? number : number + 1, cause, reason.orElse(null), session,
                now));
        StoredRecord updated = save(current, body, cause);
        respondWithMetadata(ctx.status(201), updated, session);
    }

    private void versions(Context ctx) {
        StoredRecord record = visible(ctx);
        ctx.json(PlooiVersions.listing(pidOf(record.id()), documents.history(record.id())));
    }

    // --- files ---

    private void receiveFile(Context ctx, boolean replace) throws IOException {
        StoredRecord current = ctx.attribute(RECORD);
        if (Documents.WITHDRAWN.equals(current.state())) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "Dit document is ingetrokken; lever eerst de metadata "
                    + "opnieuw aan (PUT /metadata/" + current.id() + ")." + PlooiErrors.SEE_DOCS);
        }
        boolean hasFile = current.body().has("bestand");
        if (hasFile && !replace) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "Bij dit document is al een bestand aangeleverd; "
                    + "vervang het met PUT." + PlooiErrors.SEE_DOCS);
        }
        ObjectNode reason = hasFile ? versions.take(ctx, null, java.util.Set.of()).orElse(null) : null;
        String declared = mediaType(ctx.header("Content-Type"));
        if (!declared.equals(PDF) && !declared.equals(ZIP)) {
            throw PlooiErrors.error(415, PlooiErrors.MEDIA_TYPE, "Een bestand wordt aangeleverd als " + PDF + " of "
                    + ZIP + ", niet als '" + declared + "'." + PlooiErrors.SEE_DOCS);
        }
        long declaredLength = contentLength(ctx);
        if (declaredLength > maxDocumentBytes) {
            throw tooLarge();
        }
        BlobStore.Blob blob;
        try (InputStream in = new BufferedInputStream(ctx.bodyInputStream(), 64 * 1024)) {
            String actual = sniff(in);
            if (actual == null) {
                throw PlooiErrors.error(415, PlooiErrors.MEDIA_TYPE, "De inhoud van het bestand is geen PDF (begint "
                        + "niet met %PDF) en geen ZIP (begint niet met PK)." + PlooiErrors.SEE_DOCS);
            }
            if (!actual.equals(declared)) {
                throw PlooiErrors.error(400, PlooiErrors.FILE_TYPE, "Het bestand is aangeboden als " + declared
                        + " maar de inhoud is " + actual + "." + PlooiErrors.SEE_DOCS);
            }
            blob = blobs.put(in, maxDocumentBytes);
        } catch (BlobStore.TooLargeException e) {
            throw tooLarge();
        }
        Instant now = clock.instant();
        String session = Ids.uuid();
        ObjectNode body = current.body().deepCopy();
        ObjectNode file = Json.object().put("sha256", blob.sha256()).put("size", blob.size())
                .put("mimeType", declared).put("ontvangen", now.toString());
        body.set("bestand", file);
        body.set("tekst", Json.object().put("status", TextExtraction.WAITING).put("bestand", blob.sha256()));
        long number = body.path("versie").path("nummer").asLong(1);
        String cause;
        if (hasFile) {
            cause = Documents.CHANGE;
            body.set("versie", PlooiVersions.version(number + 1, cause, reason, session, now));
        } else {
            // The first file belongs to the version its metadata started.
            cause = body.path("versie").path("oorzaak").asText(Documents.DELIVERY);
            ((ObjectNode) body.get("versie")).put("procesId", session);
        }
        StoredRecord updated = save(current, body, cause);
        fileArrived.run();
        ctx.header("X-Session-ID", session);
        ctx.status(202).json(acknowledgement("Bestand ontvangen", 202,
                "Het bestand (" + blob.size() + " bytes, SHA-256 " + blob.sha256() + ") is ontvangen.", updated));
    }

    private void showFile(Context ctx) throws IOException {
        StoredRecord record = visible(ctx);
        JsonNode file = record.body().path("bestand");
        if (file.isMissingNode()) {
            throw PlooiErrors.error(404, PlooiErrors.NOT_FOUND, "Bij dit document is nog geen bestand aangeleverd."
                    + PlooiErrors.SEE_DOCS);
        }
        String sha = file.path("sha256").asText();
        if (!blobs.exists(sha)) {
            throw PlooiErrors.error(404, PlooiErrors.NOT_FOUND, "Het bestand van dit document is niet beschikbaar."
                    + PlooiErrors.SEE_DOCS);
        }
        String type = file.path("mimeType").asText(PDF);
        ctx.header("Content-Disposition", "inline; filename=\"" + record.id() + (type.equals(ZIP) ? ".zip" : ".pdf")
                + "\"");
        ctx.header("ETag", "\"" + sha + "\"");
        ctx.contentType(type).result(blobs.open(sha));
    }

    /**
     * PLOOI's deleteDocumentInstance ("Intrekken"): 200 with an empty body, also when the document was
     * withdrawn already. A reason may come as query parameter or in a JSON body.
     */
    private void withdraw(Context ctx) {
        StoredRecord current = ctx.attribute(RECORD);
        String body = ctx.body();
        JsonNode request = body == null || body.isBlank() ? null : parse(body);
        Optional<ObjectNode> reason = versions.take(ctx, request, java.util.Set.of(Documents.WITHDRAWAL));
        if (!Documents.WITHDRAWN.equals(current.state())) {
            String session = Ids.uuid();
            ObjectNode withdrawn = current.body().deepCopy();
            withdrawn.put("status", Documents.WITHDRAWN);
            long number = withdrawn.path("versie").path("nummer").asLong(1);
            withdrawn.set("versie", PlooiVersions.version(number, Documents.WITHDRAWAL, reason.orElse(null), session,
                    clock.instant()));
            save(current, withdrawn, Documents.WITHDRAWAL);
            ctx.header("X-Session-ID", session);
        }
        ctx.status(200).result("");
    }

    // --- search ---

    private void search(Context ctx) {
        String asked = ctx.queryParam("publisher");
        if (asked == null || asked.isBlank()) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, "Geef de publisher (een TOOI-URI) op: "
                    + "_zoek?publisher=…" + PlooiErrors.SEE_DOCS);
        }
        String publisher = lists.organisation(asked.strip()).map(ValueItem::identifier).orElse(asked.strip());
        int size = intParam(ctx, "aantal", DEFAULT_PAGE_SIZE, 1, 100);
        int offset;
        if (ctx.queryParam("pagina") != null && ctx.queryParam("start") == null) {
            offset = (intParam(ctx, "pagina", 1, 1, 1_000_000) - 1) * size; // what PLOOI's portal sends
        } else {
            offset = intParam(ctx, "start", 0, 0, 100_000_000);
        }
        boolean everything = mayRead(ctx, publisher);
        Documents.Page page = documents.ofPublisher(publisher, ctx.queryParam("q"), everything, clock.instant(),
                offset, size);
        ObjectNode response = Json.object();
        ObjectNode links = response.putObject("_links");
        links.putObject("self").put("href", searchLink(publisher, ctx.queryParam("q"), offset, size));
        links.putObject("first").put("href", searchLink(publisher, ctx.queryParam("q"), 0, size));
        long last = page.total() == 0 ? 0 : ((page.total() - 1) / size) * size;
        links.putObject("last").put("href", searchLink(publisher, ctx.queryParam("q"), last, size));
        if (offset + size < page.total()) {
            links.putObject("next").put("href", searchLink(publisher, ctx.queryParam("q"), offset + size, size));
        }
        if (offset > 0) {
            links.putObject("prev").put("href", searchLink(publisher, ctx.queryParam("q"), Math.max(0, offset - size), size));
        }
        response.put("totaal", page.total());
        response.put("start", offset);
        ArrayNode results = response.putObject("_embedded").putArray("resultaten");
        for (StoredRecord record : page.documents()) {
            ObjectNode result = served(record);
            result.set("plooiIntern", internal(record));
            result.putObject("_links").putObject("self").put("href", baseUrl.get() + BASE + "/metadata/" + record.id());
            results.add(result);
        }
        ctx.contentType("application/hal+json").result(Json.write(response));
    }

    private String searchLink(String publisher, String words, long start, int size) {
        return baseUrl.get() + BASE + "/_zoek?publisher=" + encode(publisher) + (words == null || words.isBlank() ? ""
                : "&q=" + encode(words)) + "&start=" + start + "&aantal=" + size;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    // --- helpers ---

    /**
     * Stores the next version of a document read earlier in this request. When only the text
     * extraction wrote in between, the write builds on that version instead of failing; any other
     * write in between is a conflict (409).
     */
    private StoredRecord save(StoredRecord read, ObjectNode body, String cause) {
        try {
            return documents.update(read, body, cause);
        } catch (VersionConflictException e) {
            StoredRecord now = documents.get(read.id()).orElseThrow(() -> e);
            ObjectNode before = read.body().deepCopy();
            ObjectNode after = now.body().deepCopy();
            before.remove("tekst");
            after.remove("tekst");
            if (!before.equals(after)) {
                throw e;
            }
            if (body.path("tekst").equals(read.body().path("tekst"))) {
                body.set("tekst", now.body().get("tekst")); // keep the text just extracted
            }
            return documents.update(now, body, cause);
        }
    }

    /**
     * The stored metadata as served: every coded value with its list's label, also for documents stored
     * before labels were taken from the lists.
     */
    private ObjectNode served(StoredRecord record) {
        ObjectNode out = record.body().path("metadata").deepCopy();
        CodedValues.relabel(out, lists);
        return out;
    }

    /**
     * The request body as JSON metadata. Like PLOOI's ValidationService, a body with a script tag anywhere
     * is refused as a Parsefout: labels are taken from the value lists, but free text is kept as sent.
     */
    private static JsonNode jsonBody(Context ctx) {
        String type = mediaType(ctx.header("Content-Type"));
        if (!type.equals("application/json") && !type.equals("application/hal+json")) {
            throw PlooiErrors.error(415, PlooiErrors.METADATA_MEDIA_TYPE, "Metadata wordt aangeleverd als "
                    + "application/json, niet als '" + type + "'." + PlooiErrors.SEE_DOCS);
        }
        String body = ctx.body();
        if (body != null && SCRIPT_TAG.matcher(body).find()) {
            throw PlooiErrors.error(400, PlooiErrors.PARSE, "Het aangeleverde bestand kan niet als json ingelezen "
                    + "worden: het bevat een <script>-tag." + PlooiErrors.SEE_DOCS);
        }
        return parse(body);
    }

    /** Validates delivered metadata; every refusal names the field or position at fault. */
    private ObjectNode validatedMetadata(Context ctx, JsonNode delivered) {
        if (delivered instanceof ObjectNode object) {
            object.remove("plooiIntern"); // the server's own; a client may send back what it read
        }
        MetadataValidator.Result result = validator().validate(delivered);
        if (!result.valid()) {
            throw PlooiErrors.invalidMetadata(ctx, result.errors());
        }
        return result.metadata();
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw PlooiErrors.error(400, PlooiErrors.PARSE, "Het aangeleverde bestand is leeg; verwacht wordt een "
                    + "JSON-object met 'document'." + PlooiErrors.SEE_DOCS);
        }
        JsonParser parser = null;
        try {
            parser = Json.MAPPER.createParser(text);
            JsonNode node = Json.MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw PlooiErrors.error(400, PlooiErrors.PARSE, "Het aangeleverde bestand kan niet als json "
                        + "ingelezen worden: na het JSON-object volgt nog tekst (regel "
                        + parser.currentLocation().getLineNr() + ")." + PlooiErrors.SEE_DOCS);
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = parser == null ? "" : parser.getParsingContext().pathAsPointer().toString();
            throw PlooiErrors.error(400, PlooiErrors.PARSE, "Het aangeleverde bestand kan niet als json ingelezen "
                    + "worden: " + e.getOriginalMessage() + " (regel " + Requests.at(e, parser).getLineNr() + ", kolom "
                    + Requests.at(e, parser).getColumnNr() + (where.isEmpty() ? "" : ", bij veld " + where) + ")."
                    + PlooiErrors.SEE_DOCS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // a parser over a string has nothing to release
                }
            }
        }
    }

    private StoredRecord existing(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        if (!UUID.matcher(uuid).matches()) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, "'" + uuid + "' is geen geldige UUID."
                    + PlooiErrors.SEE_DOCS);
        }
        return documents.get(uuid.toLowerCase(java.util.Locale.ROOT)).orElseThrow(this::notFound);
    }

    /** The document, if the caller may see it: the public sees published documents past their embargo. */
    private StoredRecord visible(Context ctx) {
        StoredRecord record = existing(ctx);
        if (!Documents.publiclyVisible(record, clock.instant()) && !mayRead(ctx, record.organisation())) {
            throw notFound();
        }
        return record;
    }

    private static boolean mayRead(Context ctx, String publisher) {
        ApiToken token = Routes.token(ctx);
        return token != null && token.allows(Resource.organisation(publisher), Level.READ);
    }

    private ApiError notFound() {
        return PlooiErrors.error(404, PlooiErrors.NOT_FOUND, "Er is geen document met deze UUID." + PlooiErrors.SEE_DOCS);
    }

    private ApiError tooLarge() {
        return PlooiErrors.error(413, PlooiErrors.TOO_LARGE, "Het bestand is groter dan " + maxDocumentBytes
                + " bytes." + PlooiErrors.SEE_DOCS);
    }

    private static Optional<Instant> visibleFrom(Context ctx) {
        String raw = ctx.queryParam(VISIBLE_FROM);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(raw.strip()).toInstant());
        } catch (DateTimeParseException e) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, VISIBLE_FROM + " '" + raw + "' is geen datum-tijd "
                    + "zoals 2030-01-01T09:00:00+01:00." + PlooiErrors.SEE_DOCS);
        }
    }

    private void respondWithMetadata(Context ctx, StoredRecord record, String session) {
        ctx.header("Location", baseUrl.get() + BASE + "/documenten/" + record.id());
        ctx.header("X-Session-ID", session);
        ctx.json(record.body().path("metadata"));
    }

    private ObjectNode acknowledgement(String title, int status, String detail, StoredRecord record) {
        ObjectNode out = Json.object().put("title", title).put("status", status).put("detail", detail)
                .put("timestamp", clock.instant().toString());
        out.putObject("document").put("pid", pidOf(record.id()));
        return out;
    }

    private String pidOf(String uuid) {
        return baseUrl.get() + BASE + "/documenten/" + uuid;
    }

    /** Reads the first bytes to tell a PDF from a ZIP, then rewinds. */
    static String sniff(InputStream in) throws IOException {
        in.mark(8);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length == 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
            return PDF;
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return ZIP;
        }
        return null;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static long contentLength(Context ctx) {
        try {
            String raw = ctx.header("Content-Length");
            return raw == null ? -1 : Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        return QueryParams.wholeNumber(QueryParams.given(ctx.queryParam(name)), fallback, min, max,
                fault -> PlooiErrors.error(400, PlooiErrors.VALIDATION, name + " moet een geheel getal van " + min
                        + " tot " + max + " zijn." + PlooiErrors.SEE_DOCS));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

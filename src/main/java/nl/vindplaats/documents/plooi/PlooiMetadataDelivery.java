package nl.vindplaats.documents.plooi;

import java.util.Objects;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.PublicationMetadata;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.documents.PlooiMetadataMapping;
import nl.vindplaats.documents.PublicationDeliveries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Ids;
import nl.vindplaats.http.Routes;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.store.VersionConflictException;
import nl.vindplaats.valuelists.ValueLists;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Delivery of a document's metadata in PLOOI's delivery API: {@code POST /metadata} stores version 1 (idempotent per
 * publisher and identifiers), {@code PUT /metadata/{uuid}} the next version or a republication of a withdrawn
 * document. The metadata is checked against PLOOI's schema and the value lists ({@link MetadataValidator}) before
 * anything is stored; an embargo comes as {@value PlooiApi#VISIBLE_FROM}.
 */
final class PlooiMetadataDelivery {
    private static final String METADATA = "plooi.validated";

    private final Documents documents;
    private final ValueLists lists;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final PlooiRequests requests;
    private final PlooiVersions versions;
    private volatile MetadataValidator validator; // compiled on first use, see validator()

    PlooiMetadataDelivery(Documents documents, ValueLists lists, Clock clock, Supplier<String> baseUrl,
                          PlooiRequests requests, PlooiVersions versions) {
        this.documents = documents;
        this.lists = lists;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.requests = requests;
        this.versions = versions;
    }

    /** For a new delivery: parses and validates the metadata; its (current) publisher is the organisation. */
    Resource publisherOfDelivery(Context ctx, ApiToken token) {
        ObjectNode metadata = validatedMetadata(ctx, PlooiRequests.jsonBody(ctx));
        ctx.attribute(METADATA, metadata);
        return Resource.organisation(metadata.path("document").path("publisher").path("id").asText());
    }

    void create(Context ctx) {
        ObjectNode metadata = ctx.attribute(METADATA);
        String session = Ids.uuid();
        PlooiApi.Delivered delivered = deliver(metadata, visibleFrom(ctx).orElse(null), session);
        Routes.wrote(ctx, Resource.organisation(delivered.record().organisation()));
        Routes.wroteRecord(ctx, "document", delivered.record().id());
        respondWithMetadata(ctx.status(delivered.isNew() ? 201 : 200), delivered.record(), session);
    }

    /**
     * Stores validated metadata as a new document, version 1. Idempotent per publisher: metadata whose
     * identifiers match a document of the same publisher gives that document, unchanged. The store refuses
     * the second holder of an identifier, so a new delivery is not looked up first: that lookup was one more
     * query for every delivery, for the rare one that was delivered before.
     */
    PlooiApi.Delivered deliver(ObjectNode metadata, Instant visibleFrom, String session) {
        JsonNode document = metadata.path("document");
        String publisher = document.path("publisher").path("id").asText();
        List<String> identifiers = texts(document.path("identifiers"));
        String uuid = Ids.uuid();
        StoredPublication delivered = PublicationDeliveries.delivered(metadata, requests.pidOf(uuid), clock.instant(),
                visibleFrom, session);
        try {
            return new PlooiApi.Delivered(documents.create(uuid, publisher, delivered), true);
        } catch (VersionConflictException e) {
            // A document with one of these identifiers exists: delivered before, or just now by another request.
            return documents.byIdentifiers(publisher, identifiers)
                    .map(existing -> new PlooiApi.Delivered(existing, false)).orElseThrow(() -> e);
        }
    }


    MetadataValidator validator() {
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

    /**
     * PLOOI's replaceMetadataInstance: the body is the metadata alone (a reason is optional, see
     * {@link PlooiVersions}); the answer is 201 with Location, X-Session-ID and the metadata with its pid.
     */
    void replace(Context ctx) {
        StoredRecord current = ctx.attribute(PlooiApi.RECORD);
        JsonNode delivered = PlooiRequests.jsonBody(ctx);
        boolean republish = Documents.WITHDRAWN.equals(current.state());
        Optional<PublicationMetadata.Concept> reason = versions.take(ctx, delivered, republish
                ? Set.of(Documents.REPUBLICATION, Documents.CHANGE) : Set.of(Documents.CHANGE));
        ObjectNode metadata = validatedMetadata(ctx, delivered);
        ObjectNode doc = (ObjectNode) metadata.get("document");
        String publisher = doc.path("publisher").path("id").asText();
        StoredPublication stored = StoredPublication.of(current);
        String pid = Objects.toString(stored.metadata().pid(), "");
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
                    + requests.pidOf(other.get().id()) + "." + PlooiErrors.SEE_DOCS);
        }
        Instant now = clock.instant();
        ObjectNode published = PlooiMetadataMapping.throughModel(metadata, pid, PublicationDeliveries.day(now));
        long number = stored.versionNumber(1);
        String session = Ids.uuid();
        String cause = republish ? Documents.REPUBLICATION : Documents.CHANGE;
        // PLOOI reuses the version number when a withdrawn document is published again.
        StoredPublication next = stored.withPlooiMetadata(published).withStatus(Documents.PUBLISHED)
                .withVisibleFrom(visibleFrom(ctx).orElse(stored.visibleFrom()))
                .withVersion(PublicationDeliveries.version(republish ? number : number + 1, cause,
                        reason.orElse(null), session, now));
        StoredRecord updated = requests.save(current, next, cause);
        respondWithMetadata(ctx.status(201), updated, session);
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

    private static Optional<Instant> visibleFrom(Context ctx) {
        String raw = ctx.queryParam(PlooiApi.VISIBLE_FROM);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(raw.strip()).toInstant());
        } catch (DateTimeParseException e) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, PlooiApi.VISIBLE_FROM + " '" + raw + "' is geen "
                    + "datum-tijd zoals 2030-01-01T09:00:00+01:00." + PlooiErrors.SEE_DOCS);
        }
    }

    private void respondWithMetadata(Context ctx, StoredRecord record, String session) {
        ctx.header("Location", baseUrl.get() + PlooiApi.BASE + "/documenten/" + record.id());
        ctx.header("X-Session-ID", session);
        ctx.json(StoredPublication.of(record).plooiMetadata());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

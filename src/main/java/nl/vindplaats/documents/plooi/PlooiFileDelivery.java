package nl.vindplaats.documents.plooi;

import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.PublicationMetadata;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.PublicationDeliveries;
import nl.vindplaats.documents.PublicationFile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.store.StoredRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Delivery of a document's file in PLOOI's delivery API: {@code POST /documenten/{uuid}} gives a document its first
 * file, {@code PUT} replaces it as a new version. A file is a PDF or a ZIP, as declared and as its first bytes say;
 * it is streamed to the blob store up to the size limit, never held whole, and its text extraction is queued.
 */
final class PlooiFileDelivery {
    private final BlobStore blobs;
    private final Clock clock;
    private final long maxDocumentBytes;
    private final Runnable fileArrived;
    private final PlooiRequests requests;
    private final PlooiVersions versions;

    PlooiFileDelivery(BlobStore blobs, Clock clock, long maxDocumentBytes, Runnable fileArrived,
                      PlooiRequests requests, PlooiVersions versions) {
        this.blobs = blobs;
        this.clock = clock;
        this.maxDocumentBytes = maxDocumentBytes;
        this.fileArrived = fileArrived;
        this.requests = requests;
        this.versions = versions;
    }

    void receive(Context ctx, boolean replace) throws IOException {
        StoredRecord current = ctx.attribute(PlooiApi.RECORD);
        if (Documents.WITHDRAWN.equals(current.state())) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "Dit document is ingetrokken; lever eerst de metadata "
                    + "opnieuw aan (PUT /metadata/" + current.id() + ")." + PlooiErrors.SEE_DOCS);
        }
        StoredPublication stored = StoredPublication.of(current);
        boolean hasFile = stored.file() != null;
        if (hasFile && !replace) {
            throw PlooiErrors.error(409, PlooiErrors.CONFLICT, "Bij dit document is al een bestand aangeleverd; "
                    + "vervang het met PUT." + PlooiErrors.SEE_DOCS);
        }
        PublicationMetadata.Concept reason = hasFile ? versions.take(ctx, null, Set.of()).orElse(null) : null;
        String declared = PlooiRequests.mediaType(ctx.header("Content-Type"));
        if (!declared.equals(PublicationFile.PDF) && !declared.equals(PublicationFile.ZIP)) {
            throw PlooiErrors.error(415, PlooiErrors.MEDIA_TYPE, "Een bestand wordt aangeleverd als " + PublicationFile.PDF
                    + " of " + PublicationFile.ZIP + ", niet als '" + declared + "'." + PlooiErrors.SEE_DOCS);
        }
        long declaredLength = contentLength(ctx);
        if (declaredLength > maxDocumentBytes) {
            throw tooLarge();
        }
        BlobStore.Blob blob;
        try (InputStream in = new BufferedInputStream(ctx.bodyInputStream(), 64 * 1024)) {
            String actual = PublicationDeliveries.sniff(in);
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
        StoredPublication body = stored
                .withFile(new StoredPublication.StoredFile(blob.sha256(), blob.size(), declared, now, null))
                .withText(StoredPublication.ExtractedText.waiting(blob.sha256()));
        String cause;
        StoredPublication.Version version = stored.version();
        if (hasFile) {
            cause = Documents.CHANGE;
            body = body.withVersion(PublicationDeliveries.version(stored.versionNumber(1) + 1, cause, reason, session,
                    now));
        } else {
            // The first file belongs to the version its metadata started.
            cause = version == null || version.cause() == null ? Documents.DELIVERY : version.cause();
            body = body.withVersion(version == null ? new StoredPublication.Version(null, null, null, session, null)
                    : new StoredPublication.Version(version.number(), version.cause(), version.at(), session,
                    version.reason()));
        }
        StoredRecord updated = requests.save(current, body, cause);
        fileArrived.run();
        ctx.header("X-Session-ID", session);
        ctx.status(202).json(acknowledgement("Bestand ontvangen", 202,
                "Het bestand (" + blob.size() + " bytes, SHA-256 " + blob.sha256() + ") is ontvangen.", updated));
    }

    private ObjectNode acknowledgement(String title, int status, String detail, StoredRecord record) {
        ObjectNode out = Json.object().put("title", title).put("status", status).put("detail", detail)
                .put("timestamp", clock.instant().toString());
        out.putObject("document").put("pid", requests.pidOf(record.id()));
        return out;
    }

    private ApiError tooLarge() {
        return PlooiErrors.error(413, PlooiErrors.TOO_LARGE, "Het bestand is groter dan " + maxDocumentBytes
                + " bytes." + PlooiErrors.SEE_DOCS);
    }

    private static long contentLength(Context ctx) {
        try {
            String raw = ctx.header("Content-Length");
            return raw == null ? -1 : Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

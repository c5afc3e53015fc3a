package nl.vindplaats.documents.plooi;

import java.util.Objects;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.Documents;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Json;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.store.VersionConflictException;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What every part of PLOOI's delivery API shares: the document a request's {@code {uuid}} names (when the caller
 * may see it), a JSON body read as PLOOI reads it, a document's pid, and storing a document's next version. Every
 * refusal is PLOOI's own ({@link PlooiErrors}).
 */
final class PlooiRequests {
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script", Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Documents documents;
    private final Clock clock;
    private final Supplier<String> baseUrl;

    PlooiRequests(Documents documents, Clock clock, Supplier<String> baseUrl) {
        this.documents = documents;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The document the path's {@code {uuid}} names, whoever may see it. */
    StoredRecord existing(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        if (!UUID.matcher(uuid).matches()) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, "'" + uuid + "' is geen geldige UUID."
                    + PlooiErrors.SEE_DOCS);
        }
        return documents.get(uuid.toLowerCase(Locale.ROOT)).orElseThrow(this::notFound);
    }

    /** The document, if the caller may see it: the public sees published documents past their embargo. */
    StoredRecord visible(Context ctx) {
        StoredRecord record = existing(ctx);
        if (!Documents.publiclyVisible(record, clock.instant()) && !mayRead(ctx, record.organisation())) {
            throw notFound();
        }
        return record;
    }

    static boolean mayRead(Context ctx, String publisher) {
        ApiToken token = Routes.token(ctx);
        return token != null && token.allows(Resource.organisation(publisher), Level.READ);
    }

    ApiError notFound() {
        return PlooiErrors.error(404, PlooiErrors.NOT_FOUND, "Er is geen document met deze UUID." + PlooiErrors.SEE_DOCS);
    }

    String pidOf(String uuid) {
        return baseUrl.get() + PlooiApi.BASE + "/documenten/" + uuid;
    }

    /**
     * Stores the next version of a document read earlier in this request. When only the text
     * extraction wrote in between, the write builds on that version instead of failing; any other
     * write in between is a conflict (409).
     */
    StoredRecord save(StoredRecord read, StoredPublication next, String cause) {
        try {
            return documents.update(read, next, cause);
        } catch (VersionConflictException e) {
            StoredRecord now = documents.get(read.id()).orElseThrow(() -> e);
            StoredPublication before = StoredPublication.of(read);
            StoredPublication after = StoredPublication.of(now);
            if (!before.withText(null).equals(after.withText(null))) {
                throw e;
            }
            StoredPublication merged = Objects.equals(next.text(), before.text())
                    ? next.withText(after.text()) // keep the text just extracted
                    : next;
            return documents.update(now, merged, cause);
        }
    }

    /**
     * The request body as JSON metadata. Like PLOOI's ValidationService, a body with a script tag anywhere
     * is refused as a Parsefout: labels are taken from the value lists, but free text is kept as sent.
     */
    static JsonNode jsonBody(Context ctx) {
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

    static JsonNode parse(String text) {
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

    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }
}

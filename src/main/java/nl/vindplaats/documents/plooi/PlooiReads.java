package nl.vindplaats.documents.plooi;

import nl.vindplaats.documents.CodedValues;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.PublicationFile;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.base.Json;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.http.QueryParams;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The reads of PLOOI's delivery API: a document's metadata ({@code GET /metadata/{uuid}}), its versions, its file,
 * and a publisher's documents ({@code GET /_zoek}, HAL, paged with {@code start} or {@code pagina} and
 * {@code aantal}). The public sees published documents past their embargo; a token that may read the publisher's
 * documents sees them all. Each read shows the metadata with its value lists' labels and what PLOOI keeps for
 * itself ({@code plooiIntern}).
 */
final class PlooiReads {
    private static final int DEFAULT_PAGE_SIZE = 10;

    private final Documents documents;
    private final ValueLists lists;
    private final BlobStore blobs;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final PlooiRequests requests;

    PlooiReads(Documents documents, ValueLists lists, BlobStore blobs, Clock clock, Supplier<String> baseUrl,
               PlooiRequests requests) {
        this.documents = documents;
        this.lists = lists;
        this.blobs = blobs;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.requests = requests;
    }

    void showMetadata(Context ctx) {
        StoredRecord record = requests.visible(ctx);
        StoredPublication stored = StoredPublication.of(record);
        ObjectNode out = served(stored);
        out.set("plooiIntern", internal(record.state(), stored));
        ctx.json(out);
    }

    void versions(Context ctx) {
        StoredRecord record = requests.visible(ctx);
        ctx.json(PlooiVersions.listing(requests.pidOf(record.id()), documents.history(record.id())));
    }

    void showFile(Context ctx) throws IOException {
        StoredRecord record = requests.visible(ctx);
        StoredPublication.StoredFile file = StoredPublication.of(record).file();
        if (file == null) {
            throw PlooiErrors.error(404, PlooiErrors.NOT_FOUND, "Bij dit document is nog geen bestand aangeleverd."
                    + PlooiErrors.SEE_DOCS);
        }
        String sha = Objects.toString(file.sha256(), "");
        if (!blobs.exists(sha)) {
            throw PlooiErrors.error(404, PlooiErrors.NOT_FOUND, "Het bestand van dit document is niet beschikbaar."
                    + PlooiErrors.SEE_DOCS);
        }
        String type = Objects.toString(file.mediaType(), PublicationFile.PDF);
        ctx.header("Content-Disposition", "inline; filename=\"" + record.id()
                + (type.equals(PublicationFile.ZIP) ? ".zip" : ".pdf") + "\"");
        ctx.header("ETag", "\"" + sha + "\"");
        ctx.contentType(type).result(blobs.open(sha));
    }

    void search(Context ctx) {
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
        boolean everything = PlooiRequests.mayRead(ctx, publisher);
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
            links.putObject("prev").put("href", searchLink(publisher, ctx.queryParam("q"), Math.max(0, offset - size),
                    size));
        }
        response.put("totaal", page.total());
        response.put("start", offset);
        ArrayNode results = response.putObject("_embedded").putArray("resultaten");
        for (StoredRecord record : page.documents()) {
            StoredPublication stored = StoredPublication.of(record);
            ObjectNode result = served(stored);
            result.set("plooiIntern", internal(record.state(), stored));
            result.putObject("_links").putObject("self").put("href", baseUrl.get() + PlooiApi.BASE + "/metadata/"
                    + record.id());
            results.add(result);
        }
        ctx.contentType("application/hal+json").result(Json.write(response));
    }

    private String searchLink(String publisher, String words, long start, int size) {
        return baseUrl.get() + PlooiApi.BASE + "/_zoek?publisher=" + encode(publisher)
                + (words == null || words.isBlank() ? "" : "&q=" + encode(words)) + "&start=" + start
                + "&aantal=" + size;
    }

    /**
     * The stored metadata as served: every coded value with its list's label, also for documents stored
     * before labels were taken from the lists.
     */
    private ObjectNode served(StoredPublication stored) {
        ObjectNode out = stored.plooiMetadata();
        CodedValues.relabel(out, lists);
        return out;
    }

    /**
     * What PLOOI keeps for itself about a document: its publication status and how far the processing
     * of its file is. Shown on reads; ignored when a client sends it back.
     */
    private static ObjectNode internal(String state, StoredPublication stored) {
        ObjectNode internal = Json.object().put("publicatiestatus", state);
        origin(stored).ifPresent(origin -> internal.set("oogst", origin));
        StoredPublication.ExtractedText text = stored.text();
        if (text != null) {
            ObjectNode processing = internal.putObject("tekstextractie")
                    .put("status", Objects.toString(text.status(), ""));
            Json.putPresent(processing, "reden", text.reason());
            if (text.pages() != null) {
                processing.put("paginas", text.pages());
            }
            if (text.characters() != null) {
                processing.put("tekens", text.characters());
            }
            if (text.processed() != null) {
                processing.put("verwerkt", text.processed().toString());
            }
        }
        return internal;
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        return QueryParams.wholeNumber(QueryParams.given(ctx.queryParam(name)), fallback, min, max,
                fault -> PlooiErrors.error(400, PlooiErrors.VALIDATION, name + " moet een geheel getal van " + min
                        + " tot " + max + " zijn." + PlooiErrors.SEE_DOCS));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Where a harvested document comes from, as shown with it: source, identifier there and the original. */
    private static Optional<ObjectNode> origin(StoredPublication stored) {
        StoredPublication.HarvestMarks marks = stored.harvest();
        if (marks == null) {
            return Optional.empty();
        }
        return Optional.of(Json.object().put("bron", Objects.toString(marks.sourceId(), ""))
                .put("bronUrl", Objects.toString(marks.sourceUrl(), ""))
                .put("identifier", Objects.toString(marks.guid(), ""))
                .put("origineel", Objects.toString(marks.original(), "")));
    }
}

package nl.vindplaats.documents;

import nl.vindplaats.store.BodyLayout;
import nl.vindplaats.documents.diwoo.DiwooHarvester;
import nl.vindplaats.documents.diwoo.WooSitemaps;
import nl.vindplaats.documents.plooi.PlooiApi;
import nl.vindplaats.documents.plooi.PlooiErrors;
import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Json;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.documents.opendata.OpenDataApi;
import nl.vindplaats.harvest.Harvester;
import nl.vindplaats.http.ApiSurface;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.search.IndexProjection;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.valuelists.ValueLists;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Documents as a part of the service: the PLOOI delivery API, the Rijksoverheid open data API, the DiWoo sitemaps,
 * text extraction from the delivered files, and the {@code diwoo} harvest source type.
 */
public final class DocumentsFeature implements Feature {
    private final TextExtraction textExtraction;
    private final PlooiApi plooi;
    private final OpenDataApi openData;
    private final WooSitemaps sitemaps;
    private final DiwooHarvester harvester;

    /**
     * @param workDir          where text extraction unpacks files
     * @param pageSitemap      the portal's sitemap of pages, which {@code robots.txt} lists as well
     */
    public DocumentsFeature(RecordStore store, SearchIndex index, Organisations organisations, ValueLists valueLists,
                            BlobStore blobs, Clock clock, Supplier<String> baseUrl, Path workDir,
                            DocumentsSettings settings, String pageSitemap) throws IOException {
        long maxDocumentBytes = settings.maxDocumentBytes();
        Documents documents = new Documents(store, index);
        this.textExtraction = new TextExtraction(documents, index, blobs, clock, workDir, TextExtraction.Limits.DEFAULT);
        this.plooi = new PlooiApi(documents, valueLists, blobs, clock, baseUrl, maxDocumentBytes, textExtraction::wake);
        this.harvester = new DiwooHarvester(documents, index, blobs, organisations, clock, baseUrl, maxDocumentBytes,
                textExtraction::wake, plooi::metadataValidator);
        this.openData = new OpenDataApi(store, index, organisations, valueLists, blobs, clock, baseUrl,
                settings.openDataSource());
        this.sitemaps = new WooSitemaps(store, index, valueLists, clock, baseUrl, settings.openDataSource(),
                settings.sitemapPageSize())
                .alsoListing(pageSitemap);
    }

    /** The record kinds it makes findable. */
    public static List<IndexProjection> projections() {
        return List.of(Documents.projection());
    }

    /** The {@code diwoo} harvest source type: a DiWoo sitemap's documents into this instance. */
    public Harvester harvester() {
        return harvester;
    }

    /** Text extraction, whose files the generated demo corpus wakes it for. */
    public Runnable fileArrived() {
        return textExtraction::wake;
    }

    @Override
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>(plooi.operations());
        all.addAll(openData.operations());
        all.addAll(sitemaps.operations());
        return all;
    }

    @Override
    public List<ApiSurface> surfaces() {
        return List.of(
                new ApiSurface(PlooiApi.BASE, documentVersion(PlooiApi.OPENAPI), PlooiErrors.FORMAT),
                new ApiSurface(OpenDataApi.BASE, documentVersion(OpenDataApi.OPENAPI), OpenDataApi.ERRORS),
                new ApiSurface(OpenDataApi.BINARIES, documentVersion(OpenDataApi.OPENAPI), OpenDataApi.ERRORS),
                new ApiSurface(WooSitemaps.ROBOTS, null, ErrorFormat.PROBLEM_JSON),
                new ApiSurface(WooSitemaps.SITEMAPS, null, ErrorFormat.PROBLEM_JSON));
    }

    @Override
    public List<OwnApi> ownApis() {
        return List.of(
                new OwnApi("plooi", "vindplaats-plooi-aanleveren", PlooiApi.BASE,
                        "Aanleveren van documenten voor openbaarmaking, compatibel met de PLOOI aanlever-API.",
                        OpenApiDocument.load(PlooiApi.OPENAPI)),
                new OwnApi("open-data", "vindplaats-open-data-documenten", OpenDataApi.BASE,
                        "Openbare documenten als open data, compatibel met de open-data-API van Rijksoverheid.nl.",
                        OpenApiDocument.load(OpenDataApi.OPENAPI)));
    }

    /** Delivered as a PLOOI client would; delivery is idempotent, so a restart adds nothing. */
    @Override
    public List<BodyLayout> bodyLayouts() {
        return List.of(StoredPublication.LAYOUT);
    }

    @Override
    public void loadDemoData(List<String> organisationIds) {
        for (JsonNode metadata : demoDocuments()) {
            plooi.deliver(metadata);
        }
    }

    @Override
    public void start() {
        textExtraction.start();
    }

    /** Compiles the delivery API's metadata schema (a delivery before then compiles it itself). */
    @Override
    public void warmUp() {
        plooi.compileSchema();
    }

    @Override
    public void stop() {
        textExtraction.close();
    }

    /** PLOOI metadata deliveries (resource demo/plooi-documents.json). */
    private static List<JsonNode> demoDocuments() {
        try (InputStream in = DocumentsFeature.class.getClassLoader().getResourceAsStream("demo/plooi-documents.json")) {
            List<JsonNode> out = new ArrayList<>();
            Json.MAPPER.readTree(in).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API-Version a hand-written document declares (its info.version): what its surface sends. */
    private static String documentVersion(String resource) {
        return Json.read(new String(OpenApiDocument.load(resource), StandardCharsets.UTF_8))
                .path("info").path("version").asText();
    }
}

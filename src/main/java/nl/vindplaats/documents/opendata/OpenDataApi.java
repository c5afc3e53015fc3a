package nl.vindplaats.documents.opendata;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.blobs.BlobStore;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.ListedDocument;
import nl.vindplaats.documents.OpenDataDocument;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.BlobDownload;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.base.Json;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.store.StoredRecord;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;
import nl.vindplaats.http.QueryParams;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Rijksoverheid open data documents API (opendata.rijksoverheid.nl/v1), read-only and public,
 * over the documents delivered through {@link nl.vindplaats.documents.plooi.PlooiApi}: so existing open data clients and harvesters
 * work unchanged. Every list, filter and infotype list is answered by the search index; a document by
 * id comes from the store. Sources: one per publishing organisation (its slug) and one for the whole
 * instance (configured, default {@code rijksoverheid}); the paths without {@code /sources/{source}} read
 * the instance-wide source.
 *
 * <p>Over 400 lines because it is the whole Rijksoverheid open data API (lists, documents, infotypes, files) in one
 * route table; its XML and JSON forms already live in DocumentXml and OpenDataDocument.
 */
public final class OpenDataApi {
    public static final String BASE = "/v1";
    /** The OpenAPI document served at {@code BASE + "/openapi.json"}, a classpath resource. */
    public static final String OPENAPI = "openapi/opendata.json";
    public static final String BINARIES = "/binaries";
    public static final ErrorFormat ERRORS = OpenDataErrors.FORMAT;
    public static final int DEFAULT_ROWS = 25;
    public static final int MAX_ROWS = 200;
    /** Deep paging costs memory in the index (offset + rows hits are ranked); beyond this, page by date. */
    public static final int MAX_OFFSET = 1_000_000;

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String NOTHING = "\u0000"; // a filter value no document has
    /** Full-text fields of the document index, with their boosts and their names in our highlights. */
    private static final Map<String, Float> TEXT_FIELDS = Map.of("titel", 4f, "omschrijving", 2f, "onderwerpen", 2f,
            "tekst", 1f);
    private static final Map<String, String> HIGHLIGHT_NAMES = new LinkedHashMap<>();

    static {
        HIGHLIGHT_NAMES.put("titel", "title");
        HIGHLIGHT_NAMES.put("omschrijving", "introduction");
        HIGHLIGHT_NAMES.put("onderwerpen", "subjects");
        HIGHLIGHT_NAMES.put("tekst", "text");
    }

    private final RecordStore store;
    private final SearchIndex index;
    private final Organisations organisations;
    private final ValueLists lists;
    private final BlobStore blobs;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final String instanceSource;
    // Filter slugs (as in the infotype lists' "name") → the value-list identifiers the index holds.
    private final Map<String, List<String>> typesBySlug;
    private final Map<String, List<String>> themasBySlug;
    private final Map<String, List<String>> organisationsBySlug;
    private final Map<String, List<String>> categoriesBySlug;

    public OpenDataApi(RecordStore store, SearchIndex index, Organisations organisations, ValueLists lists,
                       BlobStore blobs, Clock clock, Supplier<String> baseUrl, String instanceSource) {
        this.store = store;
        this.index = index;
        this.organisations = organisations;
        this.lists = lists;
        this.blobs = blobs;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.instanceSource = instanceSource;
        this.typesBySlug = bySlug(lists.list(ValueLists.DOCUMENTSOORTEN).orElseThrow().items());
        this.themasBySlug = bySlug(lists.list(ValueLists.THEMAS).orElseThrow().items());
        this.organisationsBySlug = bySlug(lists.organisations());
        this.categoriesBySlug = bySlug(lists.list(ValueLists.INFORMATIECATEGORIEEN).orElseThrow().items());
    }

    public List<Operation> operations() {
        String binary = "/binaries/{source}/documenten/{type}/{yyyy}/{mm}/{dd}/{id}/{filename}";
        // Both path generations: /v1/documents… reads the instance-wide source, /v1/sources/{source}/… any source.
        // Fixed paths come before /documents/{id}, so that "infotypes" is not taken for an id.
        return List.of(
                OpenApiDocument.operation(BASE, OPENAPI),
                get("opendata.infotypes.documents", "/v1/documents/infotypes", this::documentTypes),
                get("opendata.infotypes.documents", "/v1/sources/{source}/documents/infotypes", this::documentTypes),
                get("opendata.infotypes.subject", "/v1/infotypes/subject", this::subjects),
                get("opendata.infotypes.subject", "/v1/sources/{source}/infotypes/subject", this::subjects),
                get("opendata.infotypes.ministry", "/v1/infotypes/ministry", this::ministries),
                get("opendata.infotypes.ministry", "/v1/sources/{source}/infotypes/ministry", this::ministries),
                get("opendata.documents.list", "/v1/documents", this::list),
                get("opendata.documents.list", "/v1/sources/{source}/documents", this::list),
                get("opendata.documents.list", "/v1/documents/lastmodifiedsince/{date}", this::list),
                get("opendata.documents.list", "/v1/documents/lastmodifiedsince/{date}/", this::list),
                get("opendata.documents.list", "/v1/sources/{source}/documents/lastmodifiedsince/{date}", this::list),
                get("opendata.documents.list", "/v1/sources/{source}/documents/lastmodifiedsince/{date}/", this::list),
                get("opendata.documents.show", "/v1/documents/{id}", this::show),
                get("opendata.documents.show", "/v1/sources/{source}/documents/{id}", this::show),
                get("opendata.binary", binary, this::binary),
                Operation.read("opendata.binary", HandlerType.HEAD, binary, Permission.anyone(), this::binary));
    }

    private static Operation get(String name, String path, io.javalin.http.Handler handler) {
        return Operation.read(name, HandlerType.GET, path, Permission.anyone(), handler);
    }

    // --- sources ---

    /** A source: the instance-wide one (publisher null) or one publishing organisation. */
    record Source(String name, String publisher) {
    }

    private Source source(Context ctx) {
        String name = ctx.pathParamMap().getOrDefault("source", instanceSource);
        if (name.equals(instanceSource)) {
            return new Source(name, null);
        }
        return organisations.bySlug(name).map(o -> new Source(name, o.organisation().id()))
                .orElseThrow(() -> ApiError.notFound("There is no source '" + name + "'. Sources are '"
                        + instanceSource + "' (every public document) and the slug of each publishing organisation."));
    }

    /** Public documents of a source: published, past any embargo. */
    private SearchQuery.Builder publicDocuments(Source source) {
        return Documents.publicDocuments(clock.instant()).filter("publisher", source.publisher());
    }

    private boolean visibleIn(StoredRecord record, Source source) {
        return Documents.publiclyVisible(record, clock.instant())
                && (source.publisher() == null || source.publisher().equals(record.organisation()));
    }

    // --- documents ---

    private void list(Context ctx) {
        boolean json = json(ctx);
        Source source = source(ctx);
        int offset = intParam(ctx, "offset", 0, MAX_OFFSET);
        int rows = rows(ctx);
        SearchQuery.Builder query = publicDocuments(source);
        slugFilter(ctx, query, "type", "documentsoort", typesBySlug::get);
        slugFilter(ctx, query, "subject", "thema", themasBySlug::get);
        slugFilter(ctx, query, "organisationalunit", "organisatie", this::organisationIds);
        slugFilter(ctx, query, "informatiecategorie", "informatiecategorie", this::categoryIds);
        Long since = lastModifiedSince(ctx);
        query.range("modified", since, null);
        String q = ctx.queryParam("q");
        boolean searching = q != null && !q.isBlank();
        if (searching) {
            query.text(q, TEXT_FIELDS).highlight(true).sortBy(SearchQuery.SortKey.relevance());
        }
        // Most recently modified last, ties by id (the index adds that): paging never skips or repeats.
        // The lists show no total, so the index need not count every match.
        query.sortBy(Documents.LIST_ORDER).page(offset, rows).withoutTotal();
        SearchResult found = index.search(query.build());

        // Each item from the document's summary in the index: no record is read from the store.
        OpenDataDocument.Links links = new OpenDataDocument.Links(baseUrl.get(), source.name());
        List<OpenDataDocument> documents = new ArrayList<>();
        List<Map<String, List<String>>> highlights = searching ? new ArrayList<>() : null;
        for (SearchResult.Hit hit : found.hits()) {
            documents.add(OpenDataDocument.listItem(ListedDocument.read(hit.summary()), links, lists));
            if (searching) {
                // In a fixed field order, and only fragments with a match.
                Map<String, List<String>> named = new LinkedHashMap<>();
                HIGHLIGHT_NAMES.forEach((field, name) -> {
                    List<String> marked = hit.highlights().getOrDefault(field, List.of()).stream()
                            .filter(f -> f.contains("<em>")).map(OpenDataApi::htmlFragment).toList();
                    if (!marked.isEmpty()) {
                        named.put(name, marked);
                    }
                });
                highlights.add(named);
            }
        }
        if (json) {
            respondJson(ctx, Json.write(DocumentJson.list(documents, highlights)));
        } else {
            respondXml(ctx, DocumentXml.list(documents, highlights));
        }
    }

    private void show(Context ctx) {
        boolean json = json(ctx);
        Source source = source(ctx);
        String id = ctx.pathParam("id").toLowerCase(Locale.ROOT);
        StoredRecord record = store.get(Documents.KIND, id).filter(r -> visibleIn(r, source))
                .orElseThrow(() -> ApiError.notFound("There is no public document '" + ctx.pathParam("id")
                        + "' in source '" + source.name() + "'."));
        OpenDataDocument document = OpenDataDocument.of(record,
                new OpenDataDocument.Links(baseUrl.get(), source.name()), lists);
        if (json) {
            respondJson(ctx, Json.write(DocumentJson.detail(document)));
        } else {
            respondXml(ctx, DocumentXml.detail(document));
        }
    }

    // --- infotype lists: only values that occur in the source's public documents ---

    private void documentTypes(Context ctx) {
        Source source = source(ctx);
        Map<String, DocumentXml.Item> byName = new TreeMap<>();
        for (String id : facet(source, "documentsoort")) {
            String label = lists.find(ValueLists.DOCUMENTSOORTEN, id).map(ValueItem::label).orElse(id);
            String name = OpenDataDocument.slug(label);
            if (byName.containsKey(name)) {
                continue;
            }
            SearchResult latest = index.search(publicDocuments(source).filter("documentsoort", typeIds(name, id))
                    .sortBy(SearchQuery.SortKey.number("modified", true)).page(0, 1).build());
            String modified = latest.ids().isEmpty() ? "" : store.get(Documents.KIND, latest.ids().getFirst())
                    .map(r -> OpenDataDocument.millisUtc(r.modified())).orElse("");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("informationtype", label);
            fields.put("id", id);
            fields.put("name", name);
            fields.put("namesingular", label);
            fields.put("lastmodified", modified);
            byName.put(name, new DocumentXml.Item("infotype", fields));
        }
        respondItems(ctx, "infotypes", byName);
    }

    private List<String> typeIds(String slug, String fallback) {
        return typesBySlug.getOrDefault(slug, List.of(fallback));
    }

    private void subjects(Context ctx) {
        Source source = source(ctx);
        respondItems(ctx, "subjects", named(facet(source, "thema"), "subject",
                id -> lists.find(ValueLists.THEMAS, id).map(ValueItem::label).orElse(id)));
    }

    private void ministries(Context ctx) {
        Source source = source(ctx);
        respondItems(ctx, "ministries", named(facet(source, "organisatie"), "ministry",
                id -> lists.organisation(id).map(ValueItem::label)
                        .or(() -> organisations.byId(id).map(o -> o.organisation().name())).orElse(id)));
    }

    private Map<String, DocumentXml.Item> named(List<String> ids, String element, Function<String, String> label) {
        Map<String, DocumentXml.Item> byName = new TreeMap<>();
        for (String id : ids) {
            String title = label.apply(id);
            String name = OpenDataDocument.slug(title);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", name);
            fields.put("title", title);
            byName.putIfAbsent(name, new DocumentXml.Item(element, fields));
        }
        return byName;
    }

    private List<String> facet(Source source, String field) {
        SearchResult result = index.search(publicDocuments(source).facets(List.of(field), 100_000).page(0, 1).build());
        return result.facets().getOrDefault(field, List.of()).stream().map(SearchResult.FacetCount::value).toList();
    }

    /** Writes an infotype list, sorted by name, paged with offset and rows like the document lists. */
    private void respondItems(Context ctx, String root, Map<String, DocumentXml.Item> byName) {
        boolean json = json(ctx);
        int offset = intParam(ctx, "offset", 0, MAX_OFFSET);
        int rows = rows(ctx);
        List<DocumentXml.Item> all = List.copyOf(byName.values());
        List<DocumentXml.Item> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + rows));
        if (json) {
            respondJson(ctx, Json.write(DocumentJson.items(page)));
        } else {
            respondXml(ctx, DocumentXml.items(root, page));
        }
    }

    // --- files ---

    /**
     * A document's file at its {@code fileurl}: streamed from the blob store with its length, ETag and
     * date; conditional requests (If-None-Match, If-Modified-Since) and one byte range (Range, If-Range).
     */
    private void binary(Context ctx) throws IOException {
        Source source = source(ctx);
        String id = ctx.pathParam("id").toLowerCase(Locale.ROOT);
        StoredRecord record = store.get(Documents.KIND, id).filter(r -> visibleIn(r, source))
                .orElseThrow(() -> ApiError.notFound("There is no public document '" + id + "' in source '"
                        + source.name() + "'."));
        OpenDataDocument document = OpenDataDocument.of(record,
                new OpenDataDocument.Links(baseUrl.get(), source.name()), lists);
        String asked = baseUrl.get() + BINARIES + "/" + source.name() + "/documenten/" + ctx.pathParam("type") + "/"
                + ctx.pathParam("yyyy") + "/" + ctx.pathParam("mm") + "/" + ctx.pathParam("dd") + "/" + id + "/"
                + ctx.pathParam("filename");
        OpenDataDocument.File file = document.files().stream().filter(f -> f.fileurl().equals(asked)).findFirst()
                .orElseThrow(() -> ApiError.notFound("Document '" + id + "' has no file at this address; its "
                        + "files are listed in its fileurl elements."));
        if (!blobs.exists(file.sha256())) {
            throw ApiError.notFound("The file of document '" + id + "' is not available.");
        }
        BlobDownload.serve(ctx, blobs, new BlobDownload.File(file.sha256(), file.filesize(), file.mimetype(),
                file.filename(), file.received()), "inline");
    }

    // --- parameters ---

    private static boolean json(Context ctx) {
        String output = ctx.queryParam("output");
        if (output == null || output.isBlank() || output.equalsIgnoreCase("xml")) {
            return false;
        }
        if (output.equalsIgnoreCase("json")) {
            return true;
        }
        throw ApiError.invalid("output", "must be 'xml' (the default) or 'json', not '" + output + "'");
    }

    private static int intParam(Context ctx, String name, int fallback, int max) {
        String raw = ctx.queryParam(name);
        return (int) QueryParams.longNumber(QueryParams.given(raw), fallback, 0, max, fault -> switch (fault) {
            case NOT_WHOLE -> ApiError.invalid(name, "must be a whole number, not '" + raw + "'");
            case TOO_SMALL -> ApiError.invalid(name, "must be 0 or more, not " + raw.strip());
            case TOO_LARGE -> ApiError.invalid(name, "must be at most " + max + "; to harvest further, narrow the "
                    + "list with lastmodifiedsince");
        });
    }

    /** {@code rows}: at least 1; more than {@value #MAX_ROWS} gives {@value #MAX_ROWS}, as the original does. */
    private static int rows(Context ctx) {
        String raw = ctx.queryParam("rows");
        if (raw == null || raw.isBlank()) {
            return DEFAULT_ROWS;
        }
        if (!raw.strip().matches("[0-9]+")) {
            throw ApiError.invalid("rows", "must be a whole number from 1 (at most " + MAX_ROWS + " are returned), "
                    + "not '" + raw + "'");
        }
        String digits = raw.strip().replaceFirst("^0+(?=.)", "");
        if (digits.equals("0")) {
            throw ApiError.invalid("rows", "must be at least 1 (at most " + MAX_ROWS + " are returned)");
        }
        return digits.length() > 3 ? MAX_ROWS : Math.min(MAX_ROWS, Integer.parseInt(digits));
    }

    /** {@code lastmodifiedsince=yyyymmdd} or the path form: documents modified on or after that Dutch day. */
    private static Long lastModifiedSince(Context ctx) {
        Long since = null;
        String fromPath = ctx.pathParamMap().get("date");
        for (String raw : new String[] {fromPath, ctx.queryParam("lastmodifiedsince")}) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                long at = LocalDate.parse(raw.strip(), YYYYMMDD).atStartOfDay(OpenDataDocument.NETHERLANDS)
                        .toInstant().toEpochMilli();
                since = since == null ? at : Math.max(since, at);
            } catch (DateTimeParseException e) {
                throw ApiError.invalid("lastmodifiedsince", "must be a date as yyyymmdd, such as 20220401, not '"
                        + raw + "'");
            }
        }
        return since;
    }

    /** A filter by slug (or by identifier): a slug no document uses matches nothing. */
    private static void slugFilter(Context ctx, SearchQuery.Builder query, String parameter, String field,
                                   Function<String, List<String>> ids) {
        List<String> values = new ArrayList<>();
        for (String raw : ctx.queryParams(parameter)) {
            for (String value : raw.split(",")) {
                String v = value.strip();
                if (v.isEmpty()) {
                    continue;
                }
                List<String> found = v.startsWith("http://") || v.startsWith("https://") ? List.of(v)
                        : ids.apply(v.toLowerCase(Locale.ROOT));
                values.addAll(found == null || found.isEmpty() ? List.of(NOTHING) : found);
            }
        }
        query.filter(field, values);
    }

    /** An organisation by the slug of its name (as in /infotypes/ministry) or by its platform slug. */
    private List<String> organisationIds(String slug) {
        List<String> ids = new ArrayList<>(organisationsBySlug.getOrDefault(slug, List.of()));
        organisations.bySlug(slug).ifPresent(o -> ids.add(o.organisation().id()));
        return ids;
    }

    /** A Woo category by the slug of its name (an identifier URI is taken as it is). */
    private List<String> categoryIds(String slug) {
        return categoriesBySlug.getOrDefault(slug, List.of());
    }

    private static Map<String, List<String>> bySlug(List<ValueItem> items) {
        Map<String, List<String>> out = new HashMap<>();
        for (ValueItem item : items) {
            out.computeIfAbsent(OpenDataDocument.slug(item.label()), k -> new ArrayList<>()).add(item.identifier());
        }
        return out;
    }

    /** The index marks matches with <em> in raw text; the fragment becomes HTML, like introduction. */
    private static String htmlFragment(String marked) {
        return marked.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("&lt;em&gt;", "<em>").replace("&lt;/em&gt;", "</em>");
    }

    private static void respondXml(Context ctx, String xml) {
        ctx.contentType("application/xml; charset=UTF-8").result(xml);
    }

    private static void respondJson(Context ctx, String json) {
        ctx.contentType("application/json; charset=UTF-8").result(json);
    }
}

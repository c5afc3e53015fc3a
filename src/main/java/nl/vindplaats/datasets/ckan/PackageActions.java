package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.datasets.Caller;
import nl.vindplaats.datasets.CkanDatasetMapping;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.DatasetAccess;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Harvested;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.datasets.PackageView;
import nl.vindplaats.http.Routes;
import nl.vindplaats.base.Json;
import nl.vindplaats.search.QueryLimits;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.Condition;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.StoredRecord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset (package) and resource actions.
 *
 * <p>Over 400 lines because it holds every package and resource action of the CKAN API as CKAN's own logic module
 * does; resource uploads live in ResourceUploads, search in PackageSearch.
 */
final class PackageActions {
    private final Datasets datasets;
    private final Organisations organisations;
    private final PackageSchema schema;
    private final PackageView view;
    private final SearchIndex index;
    private final Clock clock;
    private final ResourceUploads uploads;

    PackageActions(Datasets datasets, Organisations organisations, PackageSchema schema, PackageView view,
                   SearchIndex index, Clock clock, ResourceUploads uploads) {
        this.uploads = uploads;
        this.datasets = datasets;
        this.organisations = organisations;
        this.schema = schema;
        this.view = view;
        this.index = index;
        this.clock = clock;
    }

    List<Action> actions() {
        return List.of(
                Action.read("package_list", "Returns the names of the site's active public datasets, by name. "
                        + "Parameters: limit, offset.", this::packageList),
                Action.read("current_package_list_with_resources", "Returns the most recently modified datasets "
                        + "with their resources, newest first. Parameters: limit, offset.", this::currentList),
                Action.read("package_show", "Returns one dataset as a dict. Parameters: id (id or name).",
                        this::packageShow),
                Action.read("package_autocomplete", "Returns datasets whose name or title contains q: "
                        + "[{name, title, match_field, match_displayed}]. Parameters: q, limit (10).", this::autocomplete),
                Action.read("resource_show", "Returns one resource. Parameters: id.", this::resourceShow),
                Action.read("resource_search", "Searches resources by field: query ('field:term' or a list of them; "
                        + "fields name, description, format, url), order_by, offset, limit. Returns {count, results}.",
                        this::resourceSearch),
                Action.write("package_create", Level.WRITE, this::organisationOfNewDataset, "Creates a dataset. "
                        + "Parameters: name (required), owner_org (required), title, notes, private, tags, groups, "
                        + "extras, resources and the DCAT-AP-DONL fields. Returns the dataset.", this::create),
                Action.write("package_update", Level.WRITE, this::existingDataset, "Replaces a dataset: fields not "
                        + "given are cleared, except resources and groups, which are kept when absent. Parameters: id "
                        + "(or name) and the dataset fields. Returns the dataset.", this::update),
                Action.write("package_patch", Level.WRITE, this::existingDataset, "Changes only the given fields "
                        + "of a dataset. Parameters: id (or name) and the fields to change.", this::patch),
                Action.write("package_delete", Level.WRITE, this::existingDataset, "Marks a dataset deleted; it "
                        + "keeps its name until a new dataset takes it. Parameters: id.", this::delete),
                Action.write("dataset_purge", Level.ADMIN, (ctx, token) -> Resource.PLATFORM, "Removes a dataset "
                        + "for good (sysadmin): it leaves the index and frees its name. Parameters: id.", this::purge),
                Action.write("resource_create", Level.WRITE, this::datasetOfPackageId, "Adds a resource to a "
                        + "dataset. Parameters: package_id, url, name, description, format and other fields.",
                        this::resourceCreate),
                Action.write("resource_update", Level.WRITE, this::datasetOfResource, "Replaces a resource. "
                        + "Parameters: id and the resource fields.", this::resourceUpdate),
                Action.write("resource_patch", Level.WRITE, this::datasetOfResource, "Changes only the given "
                        + "fields of a resource. Parameters: id and the fields.", this::resourcePatch),
                Action.write("resource_delete", Level.WRITE, this::datasetOfResource, "Removes a resource from its "
                        + "dataset. Parameters: id.", this::resourceDelete));
    }

    // --- resource lookups for the permission check ---

    /**
     * The organisation a new dataset goes to. Without a usable owner_org there is nothing to check the
     * caller's rights on: the call is invalid (409 naming owner_org and every other error), as in CKAN.
     */
    private Resource organisationOfNewDataset(io.javalin.http.Context ctx, nl.vindplaats.access.ApiToken token) {
        ObjectNode data = CkanApi.data(ctx);
        JsonNode given = data.get("owner_org");
        Optional<Organisations.Versioned> org = given != null && given.isValueNode() && !given.isNull()
                ? organisations.find(given.asText()) : Optional.empty();
        if (org.isEmpty()) {
            schema.validate(data, null, new Caller(token), clock.instant());
            throw CkanErrors.validation("owner_org", "An organization must be provided");
        }
        return Resource.organisation(org.get().organisation().id());
    }

    private Resource existingDataset(io.javalin.http.Context ctx, nl.vindplaats.access.ApiToken token) {
        return Datasets.resourceOf(existing(CkanApi.data(ctx)));
    }

    private StoredRecord existing(ObjectNode data) {
        String ref = PackageSchema.text(data, "id");
        if (ref == null || ref.isBlank()) {
            ref = PackageSchema.text(data, "name");
        }
        if (ref == null || ref.isBlank()) {
            throw CkanErrors.validation("id", "Missing value");
        }
        String wanted = ref;
        return datasets.find(ref).orElseThrow(() -> CkanErrors.notFound("Dataset was not found: " + wanted));
    }

    private Resource datasetOfPackageId(io.javalin.http.Context ctx, nl.vindplaats.access.ApiToken token) {
        String ref = PackageSchema.text(CkanApi.data(ctx), "package_id");
        if (ref == null || ref.isBlank()) {
            throw CkanErrors.validation("package_id", "Missing value");
        }
        return Datasets.resourceOf(datasets.find(ref).orElseThrow(() -> CkanErrors.notFound("Dataset was not found")));
    }

    private Resource datasetOfResource(io.javalin.http.Context ctx, nl.vindplaats.access.ApiToken token) {
        return Datasets.resourceOf(holderOf(CkanApi.data(ctx)));
    }

    private StoredRecord holderOf(ObjectNode data) {
        String id = PackageSchema.text(data, "id");
        if (id == null || id.isBlank()) {
            throw CkanErrors.validation("id", "Missing value");
        }
        return datasets.byResourceId(id).filter(r -> !Datasets.PURGED.equals(r.state()))
                .orElseThrow(() -> CkanErrors.notFound("Resource was not found."));
    }

    // --- visibility ---

    /** Whether the caller may see this dataset ({@link DatasetAccess}). */
    static boolean canSee(Caller caller, StoredRecord record) {
        return DatasetAccess.canSee(caller, CkanDatasetMapping.visibility(record));
    }

    private StoredRecord visible(Call call, StoredRecord record) {
        if (!canSee(call.caller(), record)) {
            throw CkanErrors.denied("User not authorized to read package " + record.id());
        }
        return record;
    }

    // --- reads ---

    private Object packageList(Call call) {
        int limit = call.natural("limit", Integer.MAX_VALUE);
        int offset = call.natural("offset", 0);
        SearchQuery.Builder q = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").sortBy(SearchQuery.SortKey.keyword(Datasets.f("name"), false));
        long total = index.search(q.page(0, 0).build()).total();
        int size = (int) Math.min(limit, Math.max(0, total - offset));
        if (size <= 0) {
            return List.of();
        }
        // The names from the index's summaries, not from the records: reading every record of a large catalogue
        // took minutes and, held at once, exhausted the heap.
        List<String> names = new ArrayList<>(size);
        index.search(q.page(offset, size).build()).hits()
                .forEach(hit -> names.add(CkanDatasetMapping.summary(hit.summary()).name()));
        return names;
    }

    private Object currentList(Call call) {
        int limit = call.natural("limit", 10);
        int offset = call.natural("offset", 0);
        SearchQuery.Builder q = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .sortBy(SearchQuery.SortKey.number(Datasets.f("metadata_modified"), true)).page(offset, Math.min(limit, 1000));
        if (!call.caller().sysadmin()) {
            q.filter(Datasets.f("capacity"), "public");
        }
        PackageView.Session session = view.session();
        return index.search(q.build()).hits().stream().map(hit -> session.listed(hit.summary())).toList();
    }

    private Object packageShow(Call call) {
        return view.session().packageDict(visible(call, existing(call.data())));
    }

    private Object autocomplete(Call call) {
        String q = call.text("q");
        int limit = call.natural("limit", 10);
        if (q == null || q.isBlank()) {
            return List.of();
        }
        String lower = q.strip().toLowerCase(Locale.ROOT);
        String pattern = "*" + lower.replace("*", "\\*").replace("?", "\\?") + "*";
        Condition match = Condition.matchingPattern(pattern, List.of(Datasets.f("name"), Datasets.f("title_string")));
        SearchQuery.Builder query = SearchQuery.of(Datasets.KIND).extra(match).filter(Datasets.f("state"), Datasets.ACTIVE)
                .sortBy(SearchQuery.SortKey.keyword(Datasets.f("name"), false)).page(0, Math.min(limit, 1000));
        if (!call.caller().seesEverything()) {
            query.filter(Datasets.f("permission_labels"), call.caller().labels());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredRecord r : datasets.getAll(index.search(query.build()).ids())) {
            String name = r.body().path("name").asText();
            String title = r.body().path("title").asText();
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("name", name);
            item.put("title", title);
            boolean byName = name.contains(lower);
            item.put("match_field", byName ? "name" : "title");
            item.put("match_displayed", byName ? name : title + " (" + name + ")");
            out.add(item);
        }
        return out;
    }

    private Object resourceShow(Call call) {
        StoredRecord holder = visible(call, holderOf(call.data()));
        String id = call.text("id");
        for (JsonNode r : holder.body().path("resources")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw CkanErrors.notFound("Resource was not found.");
    }

    private Object resourceSearch(Call call) {
        List<String[]> terms = new ArrayList<>();
        for (String term : call.list("query")) {
            int colon = term.indexOf(':');
            if (colon < 1) {
                throw CkanErrors.validation("query", "Must be <field>:<value> pair(s)");
            }
            String field = term.substring(0, colon).strip();
            if (!List.of("name", "description", "format", "url", "id", "mimetype").contains(field)) {
                throw CkanErrors.validation("query", "Field \"" + field + "\" not recognised in resource_search.");
            }
            terms.add(new String[] {field, term.substring(colon + 1).strip().toLowerCase(Locale.ROOT)});
        }
        String orderBy = call.text("order_by");
        int offset = call.natural("offset", 0);
        int limit = call.natural("limit", Integer.MAX_VALUE);
        SearchQuery.Builder q = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").sortBy(SearchQuery.SortKey.keyword(Datasets.f("name"), false));
        for (String[] term : terms) {
            if (term[0].equals("format")) {
                // Formats are matched without regard to case, so the index narrows by dataset only.
                continue;
            }
            String field = switch (term[0]) {
                case "name" -> "res_name";
                case "description" -> "res_description";
                default -> null;
            };
            if (field != null && !term[1].isBlank()) {
                q.text(term[1], Map.of(Datasets.f(field), 1f));
            }
        }
        long total = index.search(q.page(0, 0).build()).total();
        List<JsonNode> found = new ArrayList<>();
        for (int from = 0; from < total; from += 500) {
            for (StoredRecord r : datasets.getAll(index.search(q.page(from, 500).build()).ids())) {
                for (JsonNode resource : r.body().path("resources")) {
                    if (terms.stream().allMatch(t -> resource.path(t[0]).asText("").toLowerCase(Locale.ROOT)
                            .contains(t[1]))) {
                        found.add(resource);
                    }
                }
            }
        }
        if (orderBy != null) {
            found.sort(java.util.Comparator.comparing(r -> r.path(orderBy).asText("")));
        }
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("count", found.size());
        result.put("results", found.stream().skip(offset).limit(limit).toList());
        return result;
    }

    // --- writes ---

    private Object create(Call call) {
        Harvested.refuseMarks(call.data());
        ObjectNode body = schema.validate(call.data(), null, call.caller(), clock.instant());
        datasets.find(body.path("name").asText()).filter(r -> Datasets.DELETED.equals(r.state()))
                .ifPresent(datasets::releaseName);
        StoredRecord created = datasets.create(body, "package_create");
        Routes.wrote(call.ctx(), Datasets.resourceOf(created));
        return view.session().packageDict(created);
    }

    private Object update(Call call) {
        StoredRecord current = existing(call.data());
        Harvested.refuseChange(current);
        Harvested.refuseMarks(call.data());
        return save(call, current, call.data(), "package_update");
    }

    private Object patch(Call call) {
        StoredRecord current = existing(call.data());
        Harvested.refuseChange(current);
        Harvested.refuseMarks(call.data());
        ObjectNode merged = current.body().deepCopy();
        merged.remove("metadata_modified");
        call.data().properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        return save(call, current, merged, "package_patch");
    }

    private Object save(Call call, StoredRecord current, ObjectNode data, String cause) {
        ObjectNode body = schema.validate(data, current, call.caller(), clock.instant());
        String newOrg = body.path("owner_org").asText(null);
        if (newOrg != null && !newOrg.equals(current.organisation())
                && !call.caller().may(Resource.organisation(newOrg), Level.WRITE)) {
            throw CkanErrors.denied("User not authorized to move the dataset to organization " + newOrg);
        }
        boolean setsModified = call.caller().sysadmin() && data.hasNonNull("metadata_modified");
        if (!setsModified && sameExceptModified(body, current.body())) {
            return view.session().packageDict(current);
        }
        String name = body.path("name").asText();
        if (!name.equals(current.name())) {
            datasets.find(name).filter(r -> Datasets.DELETED.equals(r.state()) && !r.id().equals(current.id()))
                    .ifPresent(datasets::releaseName);
        }
        return view.session().packageDict(datasets.update(current, body, cause));
    }

    private static boolean sameExceptModified(ObjectNode next, ObjectNode current) {
        ObjectNode a = next.deepCopy();
        ObjectNode b = current.deepCopy();
        a.remove("metadata_modified");
        b.remove("metadata_modified");
        for (ObjectNode body : List.of(a, b)) {
            for (JsonNode r : body.path("resources")) {
                ((ObjectNode) r).remove("metadata_modified");
            }
        }
        return a.equals(b);
    }

    private Object delete(Call call) {
        StoredRecord current = existing(call.data());
        Harvested.refuseChange(current);
        if (!Datasets.DELETED.equals(current.state())) {
            ObjectNode body = current.body().deepCopy();
            body.put("state", Datasets.DELETED);
            body.put("metadata_modified", Datasets.now(clock.instant()));
            datasets.update(current, body, "package_delete");
        }
        return null;
    }

    private Object purge(Call call) {
        StoredRecord current = existing(call.data());
        ObjectNode body = current.body().deepCopy();
        body.put("state", Datasets.PURGED);
        body.put("name", current.id());
        datasets.update(current, body, "dataset_purge");
        Routes.wrote(call.ctx(), Datasets.resourceOf(current));
        return null;
    }

    private Object resourceCreate(Call call) throws java.io.IOException {
        StoredRecord holder = datasets.find(call.required("package_id")).orElseThrow();
        Harvested.refuseChange(holder);
        Optional<ResourceUploads.Received> upload = uploads.receive(call);
        ObjectNode given = call.data().deepCopy();
        given.remove("package_id");
        forgetUploadFields(given);
        String id = given.path("id").asText(null);
        if (upload.isPresent()) {
            if (id == null || id.isBlank()) {
                id = nl.vindplaats.base.Ids.uuid();
                given.put("id", id);
            }
            uploads.describe(given, upload.get(), holder.id(), id, call, clock.instant());
        }
        ArrayNode resources = holder.body().path("resources").deepCopy();
        resources.add(given);
        Object created = changeResources(call, holder, resources, id, "resource_create");
        upload.ifPresent(u -> uploads.record(holder, ((JsonNode) created).path("id").asText(), u, clock.instant()));
        return created;
    }

    private Object resourceUpdate(Call call) throws java.io.IOException {
        return replaceResource(call, false);
    }

    private Object resourcePatch(Call call) throws java.io.IOException {
        return replaceResource(call, true);
    }

    private Object replaceResource(Call call, boolean patch) throws java.io.IOException {
        StoredRecord holder = holderOf(call.data());
        Harvested.refuseChange(holder);
        String id = call.text("id");
        Optional<ResourceUploads.Received> upload = uploads.receive(call);
        ArrayNode resources = Json.MAPPER.createArrayNode();
        for (JsonNode r : holder.body().path("resources")) {
            if (r.path("id").asText().equals(id)) {
                ObjectNode next = patch ? ((ObjectNode) r).deepCopy() : Json.object();
                if (!patch) {
                    next.put("id", id);
                }
                call.data().properties().forEach(e -> next.set(e.getKey(), e.getValue()));
                next.remove("package_id");
                forgetUploadFields(next);
                if (call.flag("clear_upload", false) && upload.isEmpty()) {
                    next.put("url_type", "");
                }
                upload.ifPresent(u -> uploads.describe(next, u, holder.id(), id, call, clock.instant()));
                resources.add(next);
            } else {
                resources.add(r);
            }
        }
        Object changed = changeResources(call, holder, resources, id, patch ? "resource_patch" : "resource_update");
        upload.ifPresent(u -> uploads.record(holder, id, u, clock.instant()));
        return changed;
    }

    /** The file part and CKAN's form flag are instructions, not resource fields. */
    private static void forgetUploadFields(ObjectNode resource) {
        resource.remove("upload");
        resource.remove("clear_upload");
    }

    private Object resourceDelete(Call call) {
        StoredRecord holder = holderOf(call.data());
        Harvested.refuseChange(holder);
        String id = call.text("id");
        ArrayNode resources = Json.MAPPER.createArrayNode();
        holder.body().path("resources").forEach(r -> {
            if (!r.path("id").asText().equals(id)) {
                resources.add(r);
            }
        });
        changeResources(call, holder, resources, null, "resource_delete");
        return null;
    }

    private Object changeResources(Call call, StoredRecord holder, ArrayNode resources, String resourceId, String cause) {
        ObjectNode errors = Json.object();
        ArrayNode normalised = PackageSchema.resources(resources, holder.body().path("resources"), holder.id(),
                clock.instant(), errors);
        if (!errors.isEmpty()) {
            throw CkanErrors.validation(errors);
        }
        ObjectNode body = holder.body().deepCopy();
        body.set("resources", normalised);
        body.put("metadata_modified", Datasets.now(clock.instant()));
        datasets.update(holder, body, cause);
        if (resourceId == null && cause.equals("resource_create")) {
            return normalised.get(normalised.size() - 1);
        }
        for (JsonNode r : normalised) {
            if (r.path("id").asText().equals(resourceId)) {
                return r;
            }
        }
        return null;
    }
}

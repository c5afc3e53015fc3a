package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.http.Routes;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.StoredRecord;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Organisations (the platform's organisations, shown as CKAN organizations), groups, their members
 * (datasets) and tags.
 *
 * <p>Over 400 lines because CKAN's group and organization actions are twins that differ in a few rules, kept side by
 * side so the differences stay visible; the organisation profile already lives in OrganizationProfile.
 */
final class GroupActions {
    private static final String ORG_URI_BASE = "http://data.overheid.nl/organisatie/";

    private final Datasets datasets;
    private final Organisations organisations;
    private final Groups groups;
    private final PackageView view;
    private final SearchIndex index;
    private final Clock clock;

    GroupActions(Datasets datasets, Organisations organisations, Groups groups, PackageView view, SearchIndex index,
                 Clock clock) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.groups = groups;
        this.view = view;
        this.index = index;
        this.clock = clock;
    }

    List<Action> actions() {
        return List.of(
                Action.read("organization_list", "Lists organizations. Parameters: sort ('title asc'; name, title "
                        + "or package_count with asc or desc), limit, offset, all_fields, organizations (names).",
                        call -> list(call, true)),
                Action.read("organization_show", "Returns one organization. Parameters: id (id or name), "
                        + "include_datasets (false).", call -> show(call, true)),
                Action.read("organization_list_for_user", "Lists the organizations the caller's token may act in.",
                        this::listForUser),
                Action.read("group_list", "Lists groups. Parameters: sort ('title asc'; name, title or "
                        + "package_count with asc or desc), limit, offset, all_fields, groups (names).",
                        call -> list(call, false)),
                Action.read("group_show", "Returns one group. Parameters: id (id or name), include_datasets (false).",
                        call -> show(call, false)),
                Action.read("member_list", "Lists the datasets in a group or organization as [id, type, capacity]. "
                        + "Parameters: id, object_type (package).", this::memberList),
                Action.read("tag_list", "Lists the tags of public datasets. Parameters: query, vocabulary_id, "
                        + "all_fields.", this::tagList),
                Action.read("tag_show", "Returns one tag. Parameters: id (the tag name), include_datasets.",
                        this::tagShow),
                Action.read("format_autocomplete", "Returns resource formats containing q. Parameters: q, limit (5).",
                        this::formatAutocomplete),
                Action.write("organization_create", Level.ADMIN, (ctx, token) -> Resource.PLATFORM,
                        "Creates an organization (platform admin). Parameters: name, title, id (its TOOI URI), "
                                + "description, image_url, extras.",
                        this::organizationCreate),
                Action.write("organization_update", Level.ADMIN, this::existingOrganisation,
                        "Replaces an organization's fields; those not given are cleared. Parameters: id, name, "
                                + "title, description, image_url, extras.",
                        call -> organizationUpdate(call, false)),
                Action.write("organization_patch", Level.ADMIN, this::existingOrganisation,
                        "Changes the given fields of an organization. Parameters: id, name, title, description, "
                                + "image_url, extras.",
                        call -> organizationUpdate(call, true)),
                Action.write("organization_delete", Level.ADMIN, this::existingOrganisation,
                        "Organizations belong to the platform and are not deleted through this API; refused.",
                        this::organizationDelete),
                Action.write("group_create", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Creates a group. Parameters: name, title, description, image_url.", this::groupCreate),
                Action.write("group_update", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Replaces a group's fields. Parameters: id, name, title, description, image_url.",
                        call -> groupUpdate(call, false)),
                Action.write("group_patch", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Changes the given fields of a group.", call -> groupUpdate(call, true)),
                Action.write("group_delete", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Marks a group deleted. Parameters: id.", this::groupDelete),
                Action.write("member_create", Level.WRITE, this::memberDataset, "Adds a dataset to a group. "
                        + "Parameters: id (the group), object (dataset id or name), object_type (package), capacity.",
                        call -> member(call, true)),
                Action.write("member_delete", Level.WRITE, this::memberDataset, "Removes a dataset from a group. "
                        + "Parameters: id (the group), object, object_type (package).", call -> member(call, false)),
                Action.write("tag_delete", Level.ADMIN, this::existingTag, "Removes a free tag from every dataset "
                        + "(platform admin). Parameters: id (the tag name).", this::tagDelete));
    }

    // --- organisations and groups as CKAN group dicts ---

    private Optional<Organisations.Versioned> organisation(String ref) {
        return ref == null ? Optional.empty() : organisations.find(ref);
    }

    private Optional<StoredRecord> group(String ref) {
        return groups.find(ref);
    }

    /** Counts of public active datasets per organisation id and per group name, from the index. */
    private Map<String, Long> packageCounts(String field) {
        SearchResult r = index.search(SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").facets(List.of(Datasets.f(field)), 100_000).page(0, 0).build());
        Map<String, Long> counts = new java.util.HashMap<>();
        r.facets().getOrDefault(Datasets.f(field), List.of()).forEach(c -> counts.put(c.value(), c.count()));
        return counts;
    }

    private Object list(Call call, boolean orgs) {
        String sort = call.text("sort") == null ? "title asc" : call.text("sort");
        int limit = call.natural("limit", call.flag("all_fields", false) ? 25 : 1000);
        int offset = call.natural("offset", 0);
        boolean allFields = call.flag("all_fields", false);
        List<String> only = call.list(orgs ? "organizations" : "groups");
        String[] sortParts = sort.strip().split("\\s+");
        String sortField = sortParts[0];
        boolean descending = sortParts.length > 1 && sortParts[1].equalsIgnoreCase("desc");
        if (!Set.of("name", "title", "package_count").contains(sortField) || sortParts.length > 2
                || (sortParts.length == 2 && !Set.of("asc", "desc").contains(sortParts[1].toLowerCase()))) {
            throw CkanErrors.validation("sort", "Cannot sort by field `" + sortField + "`");
        }
        List<ObjectNode> dicts = new ArrayList<>();
        if (orgs) {
            Map<String, Long> counts = packageCounts("owner_org");
            for (Organisations.Versioned o : organisations.search(null, 0, 10_000).organisations()) {
                ObjectNode d = PackageView.organizationDict(o);
                d.put("package_count", counts.getOrDefault(o.organisation().id(), 0L));
                dicts.add(d);
            }
        } else {
            Map<String, Long> counts = packageCounts("groups");
            SearchResult found = index.search(SearchQuery.of(Groups.KIND).filter("group.state", Datasets.ACTIVE)
                    .sortBy(SearchQuery.SortKey.keyword("group.title_sort", false)).page(0, 10_000).build());
            for (StoredRecord g : groupsById(found.ids())) {
                ObjectNode d = PackageView.groupDict(g, true);
                d.put("package_count", counts.getOrDefault(d.path("name").asText(), 0L));
                dicts.add(d);
            }
        }
        if (!only.isEmpty()) {
            dicts.removeIf(d -> !only.contains(d.path("name").asText()));
        }
        Comparator<ObjectNode> order = switch (sortField) {
            case "name" -> Comparator.comparing(d -> d.path("name").asText());
            case "package_count" -> Comparator.comparingLong(d -> d.path("package_count").asLong());
            default -> Comparator.comparing(d -> d.path("title").asText().toLowerCase(java.util.Locale.ROOT));
        };
        dicts.sort(descending ? order.reversed() : order);
        return dicts.stream().skip(offset).limit(limit)
                .map(d -> allFields ? d : (Object) d.path("name").asText()).toList();
    }

    private List<StoredRecord> groupsById(List<String> ids) {
        return ids.stream().map(groups::find).flatMap(Optional::stream).toList();
    }

    private Object show(Call call, boolean org) {
        String ref = call.required("id");
        ObjectNode dict;
        String filterField;
        String filterValue;
        if (org) {
            Organisations.Versioned o = organisation(ref)
                    .orElseThrow(() -> CkanErrors.notFound("Organization was not found."));
            dict = PackageView.organizationDict(o);
            dict.set("extras", o.profile().path("extras").isArray() ? o.profile().get("extras").deepCopy()
                    : Json.MAPPER.createArrayNode());
            filterField = "owner_org";
            filterValue = o.organisation().id();
        } else {
            StoredRecord g = group(ref).filter(r -> !Datasets.DELETED.equals(r.state()) || call.caller().sysadmin())
                    .orElseThrow(() -> CkanErrors.notFound("Group was not found."));
            dict = PackageView.groupDict(g, true);
            filterField = "groups";
            filterValue = dict.path("name").asText();
        }
        SearchQuery.Builder q = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE).filter(Datasets.f(filterField), filterValue)
                .sortBy(SearchQuery.SortKey.keyword(Datasets.f("name"), false));
        if (!call.caller().seesEverything()) {
            q.filter(Datasets.f("permission_labels"), call.caller().labels());
        }
        boolean include = call.flag("include_datasets", false);
        SearchResult found = index.search(q.page(0, include ? 1000 : 0).build());
        dict.put("package_count", found.total());
        if (include) {
            PackageView.Session session = view.session();
            ArrayNode packages = dict.putArray("packages");
            found.hits().forEach(hit -> packages.addRawValue(session.listed(hit.summary())));
        }
        return dict;
    }

    private Object listForUser(Call call) {
        Caller caller = call.caller();
        if (caller.anonymous()) {
            return List.of();
        }
        List<ObjectNode> out = new ArrayList<>();
        if (caller.seesEverything()) {
            organisations.search(null, 0, 10_000).organisations().forEach(o -> out.add(PackageView.organizationDict(o)));
        } else if (caller.token().scope().organisation() != null) {
            organisation(caller.token().scope().organisation()).ifPresent(o -> out.add(PackageView.organizationDict(o)));
        }
        return out;
    }

    private Object memberList(Call call) {
        String ref = call.required("id");
        String type = call.text("object_type");
        SearchQuery.Builder q = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").sortBy(SearchQuery.SortKey.keyword(Datasets.f("name"), false)).page(0, 10_000);
        Optional<Organisations.Versioned> org = organisation(ref);
        if (org.isPresent()) {
            q.filter(Datasets.f("owner_org"), org.get().organisation().id());
        } else {
            StoredRecord g = group(ref).orElseThrow(() -> CkanErrors.notFound("Group was not found."));
            q.filter(Datasets.f("groups"), g.body().path("name").asText());
        }
        if (type != null && !type.equals("package")) {
            // Users are not modelled: people act through tokens, which are not members.
            return List.of();
        }
        return index.search(q.build()).ids().stream().map(id -> List.of(id, "package", "public")).toList();
    }

    // --- organisation writes ---

    private Resource existingOrganisation(Context ctx, ApiToken token) {
        String ref = PackageSchema.text(CkanApi.data(ctx), "id");
        if (ref == null) {
            throw CkanErrors.validation("id", "Missing value");
        }
        return organisation(ref).map(o -> Resource.organisation(o.organisation().id()))
                .orElseThrow(() -> CkanErrors.notFound("Organization was not found."));
    }


    private Object organizationCreate(Call call) {
        String name = call.text("name");
        ObjectNode errors = Json.object();
        PackageSchema.nameRuleErrors(name).forEach(m -> PackageSchema.error(errors, "name", m));
        if (name != null && (organisations.bySlug(name).isPresent() || groups.find(name).isPresent())) {
            PackageSchema.error(errors, "name", "Group name already exists in database");
        }
        String id = call.text("id");
        if (id == null || !isHttpUri(id)) {
            // CKAN ids are UUIDs; a platform organisation is known by a URI, so one is made from the name.
            id = ORG_URI_BASE + name;
        }
        if (organisations.byId(id).isPresent()) {
            PackageSchema.error(errors, "id", "Organization id already exists");
        }
        if (!errors.isEmpty()) {
            throw CkanErrors.validation(errors);
        }
        ObjectNode profile = OrganizationProfile.from(call, Json.object(), false, errors);
        if (!errors.isEmpty()) {
            throw CkanErrors.validation(errors);
        }
        String title = call.text("title") == null || call.text("title").isBlank() ? name : call.text("title");
        Organisations.Versioned created = organisations.create(new Organisation(id, title, name), profile,
                "organization_create");
        Routes.wrote(call.ctx(), Resource.organisation(id));
        return PackageView.organizationDict(created);
    }

    private Object organizationUpdate(Call call, boolean patch) {
        Organisations.Versioned current = organisation(call.text("id")).orElseThrow();
        String name = call.text("name") == null ? current.organisation().slug() : call.text("name");
        String title = call.text("title");
        if (title == null) {
            title = patch ? current.organisation().name() : name;
        }
        ObjectNode errors = Json.object();
        PackageSchema.nameRuleErrors(name).forEach(m -> PackageSchema.error(errors, "name", m));
        if (!name.equals(current.organisation().slug()) && organisations.bySlug(name).isPresent()) {
            PackageSchema.error(errors, "name", "Group name already exists in database");
        }
        ObjectNode profile = OrganizationProfile.from(call, current.profile(), patch, errors);
        if (!errors.isEmpty()) {
            throw CkanErrors.validation(errors);
        }
        Organisations.Versioned updated = organisations.update(
                new Organisation(current.organisation().id(), title, name), profile, current.version(), call.action());
        if (!name.equals(current.organisation().slug()) || !title.equals(current.organisation().name())) {
            renameInDatasets(updated.organisation());
        }
        return PackageView.organizationDict(updated);
    }

    /** Datasets index their organisation's name and title (for organization:name queries and facets). */
    private void renameInDatasets(Organisation organisation) {
        SearchResult found = index.search(SearchQuery.of(Datasets.KIND).filter(Datasets.f("owner_org"),
                organisation.id()).page(0, 1_000_000).build());
        for (StoredRecord r : datasets.getAll(found.ids())) {
            ObjectNode body = r.body().deepCopy();
            body.put("organization_name", organisation.slug());
            body.put("organization_title", organisation.name());
            datasets.update(r, body, "organization_update");
        }
    }

    private Object organizationDelete(Call call) {
        throw CkanErrors.validation("id", "Organizations are managed by the platform and cannot be deleted here");
    }

    private static boolean isHttpUri(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    // --- group writes ---

    private Object groupCreate(Call call) {
        String name = call.text("name");
        ObjectNode errors = Json.object();
        PackageSchema.nameRuleErrors(name).forEach(m -> PackageSchema.error(errors, "name", m));
        if (name != null && (groups.find(name).isPresent() || organisations.bySlug(name).isPresent())) {
            PackageSchema.error(errors, "name", "Group name already exists in database");
        }
        String id = call.caller().sysadmin() && call.text("id") != null ? call.text("id") : Ids.uuid();
        if (groups.find(id).isPresent()) {
            PackageSchema.error(errors, "id", "Group id already exists");
        }
        if (!errors.isEmpty()) {
            throw CkanErrors.validation(errors);
        }
        ObjectNode body = Json.object().put("id", id).put("name", name)
                .put("title", call.text("title") == null ? "" : call.text("title"))
                .put("description", call.text("description") == null ? "" : call.text("description"))
                .put("image_url", call.text("image_url") == null ? "" : call.text("image_url"))
                .put("state", Datasets.ACTIVE);
        return PackageView.groupDict(groups.create(body, "group_create"), true);
    }

    private Object groupUpdate(Call call, boolean patch) {
        StoredRecord current = group(call.required("id")).orElseThrow(() -> CkanErrors.notFound("Group was not found."));
        ObjectNode body = patch ? current.body().deepCopy() : Json.object().put("id", current.id())
                .put("name", current.body().path("name").asText()).put("state", current.state());
        for (String field : List.of("name", "title", "description", "image_url")) {
            if (call.has(field)) {
                body.put(field, call.text(field) == null ? "" : call.text(field));
            } else if (!patch && !field.equals("name")) {
                body.put(field, "");
            }
        }
        String name = body.path("name").asText();
        ObjectNode errors = Json.object();
        PackageSchema.nameRuleErrors(name).forEach(m -> PackageSchema.error(errors, "name", m));
        if (!name.equals(current.name()) && groups.find(name).isPresent()) {
            PackageSchema.error(errors, "name", "Group name already exists in database");
        }
        if (!errors.isEmpty()) {
            throw CkanErrors.validation(errors);
        }
        return PackageView.groupDict(groups.update(current, body, call.action()), true);
    }

    private Object groupDelete(Call call) {
        StoredRecord current = group(call.required("id")).orElseThrow(() -> CkanErrors.notFound("Group was not found."));
        ObjectNode body = current.body().deepCopy();
        body.put("state", Datasets.DELETED);
        groups.update(current, body, "group_delete");
        return null;
    }

    // --- members ---

    private Resource memberDataset(Context ctx, ApiToken token) {
        ObjectNode data = CkanApi.data(ctx);
        String type = PackageSchema.text(data, "object_type");
        if (type != null && !type.equals("package")) {
            throw CkanErrors.validation("object_type", "Only datasets (object_type package) can be members here");
        }
        String object = PackageSchema.text(data, "object");
        if (object == null) {
            throw CkanErrors.validation("object", "Missing value");
        }
        return Datasets.resourceOf(datasets.find(object)
                .orElseThrow(() -> CkanErrors.notFound("Dataset was not found: " + object)));
    }

    private Object member(Call call, boolean add) {
        StoredRecord g = group(call.required("id")).filter(r -> !Datasets.DELETED.equals(r.state()))
                .orElseThrow(() -> CkanErrors.notFound("Group was not found."));
        StoredRecord dataset = datasets.find(call.required("object")).orElseThrow();
        ArrayNode list = Json.MAPPER.createArrayNode();
        boolean present = false;
        for (JsonNode member : dataset.body().path("groups")) {
            if (member.path("id").asText().equals(g.id())) {
                present = true;
                if (!add) {
                    continue;
                }
            }
            list.add(member);
        }
        if (add && !present) {
            list.addObject().put("id", g.id()).put("name", g.body().path("name").asText())
                    .put("title", g.body().path("title").asText());
        }
        if (add != present) {
            ObjectNode body = dataset.body().deepCopy();
            body.set("groups", list);
            body.put("metadata_modified", Datasets.now(clock.instant()));
            datasets.update(dataset, body, call.action());
        }
        if (!add) {
            return null;
        }
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("table_name", "package");
        result.put("table_id", dataset.id());
        result.put("group_id", g.id());
        result.put("capacity", call.text("capacity") == null ? "public" : call.text("capacity"));
        result.put("state", "active");
        return result;
    }

    // --- tags ---

    private Object tagList(Call call) {
        String vocabulary = call.text("vocabulary_id");
        if (vocabulary != null && !vocabulary.isBlank()) {
            throw CkanErrors.notFound("Could not find vocabulary \"" + vocabulary + "\"");
        }
        String query = call.text("query");
        SearchResult r = index.search(SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").facets(List.of(Datasets.f("tags")), 1_000_000).page(0, 0).build());
        List<String> names = r.facets().getOrDefault(Datasets.f("tags"), List.of()).stream().map(SearchResult.FacetCount::value)
                .filter(n -> query == null || n.toLowerCase().contains(query.toLowerCase())).sorted().toList();
        if (call.flag("all_fields", false)) {
            return names.stream().map(PackageView::tagDict).toList();
        }
        return names;
    }

    private Object tagShow(Call call) {
        String name = call.required("id");
        SearchQuery.Builder q = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE).filter(Datasets.f("tags"), name)
                .sortBy(SearchQuery.SortKey.keyword(Datasets.f("name"), false));
        if (!call.caller().seesEverything()) {
            q.filter(Datasets.f("permission_labels"), call.caller().labels());
        }
        boolean include = call.flag("include_datasets", false);
        SearchResult found = index.search(q.page(0, include ? 1000 : 0).build());
        if (found.total() == 0) {
            throw CkanErrors.notFound("Could not find tag \"" + name + "\"");
        }
        ObjectNode tag = PackageView.tagDict(name);
        if (include) {
            PackageView.Session session = view.session();
            ArrayNode packages = tag.putArray("packages");
            found.hits().forEach(hit -> packages.addRawValue(session.listed(hit.summary())));
        }
        return tag;
    }

    private Resource existingTag(Context ctx, ApiToken token) {
        String name = PackageSchema.text(CkanApi.data(ctx), "id");
        if (name == null) {
            throw CkanErrors.validation("id", "Missing value");
        }
        return Resource.PLATFORM; // whether the tag exists is told only to whom may delete it: see tagDelete
    }

    private Object tagDelete(Call call) {
        String name = call.required("id");
        SearchResult found = index.search(SearchQuery.of(Datasets.KIND).filter(Datasets.f("tags"), name).page(0, 100_000).build());
        if (found.ids().isEmpty()) {
            throw CkanErrors.notFound("Could not find tag \"" + name + "\"");
        }
        for (StoredRecord r : datasets.getAll(found.ids())) {
            ObjectNode body = r.body().deepCopy();
            ArrayNode kept = body.putArray("tags");
            r.body().path("tags").forEach(t -> {
                if (!t.asText().equals(name)) {
                    kept.add(t);
                }
            });
            datasets.update(r, body, "tag_delete");
        }
        return null;
    }

    private Object formatAutocomplete(Call call) {
        String q = call.text("q") == null ? "" : call.text("q").toLowerCase();
        int limit = call.natural("limit", 5);
        SearchResult r = index.search(SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").facets(List.of(Datasets.f("res_format")), 100_000).page(0, 0).build());
        return r.facets().getOrDefault(Datasets.f("res_format"), List.of()).stream().map(SearchResult.FacetCount::value)
                .filter(f -> f.toLowerCase().contains(q)).map(String::toLowerCase).distinct().limit(limit).toList();
    }
}

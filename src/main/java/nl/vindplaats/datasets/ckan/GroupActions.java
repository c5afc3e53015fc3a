package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.Caller;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Groups;
import nl.vindplaats.datasets.PackageView;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.StoredRecord;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CKAN's actions on organisations (the platform's organisations, shown as CKAN organizations), groups, their members
 * (datasets) and tags: the table of these actions in CKAN's order (which the OpenAPI document keeps), and the reads of
 * organizations and groups, twins that differ in a few rules, kept side by side so the differences stay visible. The
 * writes and the other reads live with their concept: {@link OrganizationWrites}, {@link GroupWrites},
 * {@link GroupMembers}, {@link DatasetTags}; the organisation profile in {@link OrganizationProfile}.
 */
final class GroupActions {
    private final Organisations organisations;
    private final Groups groups;
    private final PackageView view;
    private final SearchIndex index;
    private final OrganizationWrites organizationWrites;
    private final GroupWrites groupWrites;
    private final GroupMembers members;
    private final DatasetTags tags;

    GroupActions(Datasets datasets, Organisations organisations, Groups groups, PackageView view, SearchIndex index,
                 Clock clock) {
        this.organisations = organisations;
        this.groups = groups;
        this.view = view;
        this.index = index;
        this.organizationWrites = new OrganizationWrites(datasets, organisations, groups, index);
        this.groupWrites = new GroupWrites(organisations, groups);
        this.members = new GroupMembers(datasets, organisations, groups, index, clock);
        this.tags = new DatasetTags(datasets, view, index);
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
                        + "Parameters: id, object_type (package).", members::memberList),
                Action.read("tag_list", "Lists the tags of public datasets. Parameters: query, vocabulary_id, "
                        + "all_fields.", tags::tagList),
                Action.read("tag_show", "Returns one tag. Parameters: id (the tag name), include_datasets.",
                        tags::tagShow),
                Action.read("format_autocomplete", "Returns resource formats containing q. Parameters: q, limit (5).",
                        tags::formatAutocomplete),
                Action.write("organization_create", Level.ADMIN, (ctx, token) -> Resource.PLATFORM,
                        "Creates an organization (platform admin). Parameters: name, title, id (its TOOI URI), "
                                + "description, image_url, extras.",
                        organizationWrites::organizationCreate),
                Action.write("organization_update", Level.ADMIN, organizationWrites::existingOrganisation,
                        "Replaces an organization's fields; those not given are cleared. Parameters: id, name, "
                                + "title, description, image_url, extras.",
                        call -> organizationWrites.organizationUpdate(call, false)),
                Action.write("organization_patch", Level.ADMIN, organizationWrites::existingOrganisation,
                        "Changes the given fields of an organization. Parameters: id, name, title, description, "
                                + "image_url, extras.",
                        call -> organizationWrites.organizationUpdate(call, true)),
                Action.write("organization_delete", Level.ADMIN, organizationWrites::existingOrganisation,
                        "Organizations belong to the platform and are not deleted through this API; refused.",
                        organizationWrites::organizationDelete),
                Action.write("group_create", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Creates a group. Parameters: name, title, description, image_url.", groupWrites::groupCreate),
                Action.write("group_update", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Replaces a group's fields. Parameters: id, name, title, description, image_url.",
                        call -> groupWrites.groupUpdate(call, false)),
                Action.write("group_patch", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Changes the given fields of a group.", call -> groupWrites.groupUpdate(call, true)),
                Action.write("group_delete", Level.WRITE, (ctx, token) -> Resource.PLATFORM,
                        "Marks a group deleted. Parameters: id.", groupWrites::groupDelete),
                Action.write("member_create", Level.WRITE, members::memberDataset, "Adds a dataset to a group. "
                        + "Parameters: id (the group), object (dataset id or name), object_type (package), capacity.",
                        call -> members.member(call, true)),
                Action.write("member_delete", Level.WRITE, members::memberDataset, "Removes a dataset from a group. "
                        + "Parameters: id (the group), object, object_type (package).",
                        call -> members.member(call, false)),
                Action.write("tag_delete", Level.ADMIN, tags::existingTag, "Removes a free tag from every dataset "
                        + "(platform admin). Parameters: id (the tag name).", tags::tagDelete));
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
}

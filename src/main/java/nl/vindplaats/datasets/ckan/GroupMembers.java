package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Groups;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.store.StoredRecord;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of CKAN's groups and organizations, which here are datasets only (people act through tokens):
 * {@code member_list} of a group or organization, and {@code member_create} / {@code member_delete}, which add a
 * dataset to a group or take it out by writing the dataset's {@code groups}.
 */
final class GroupMembers {
    private final Datasets datasets;
    private final Organisations organisations;
    private final Groups groups;
    private final SearchIndex index;
    private final Clock clock;

    GroupMembers(Datasets datasets, Organisations organisations, Groups groups, SearchIndex index, Clock clock) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.groups = groups;
        this.index = index;
        this.clock = clock;
    }

    Object memberList(Call call) {
        String ref = call.required("id");
        String type = call.text("object_type");
        SearchQuery.Builder q = SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").sortBy(SearchQuery.SortKey.keyword(Datasets.f("name"), false)).page(0, 10_000);
        Optional<Organisations.Versioned> org = organisations.find(ref);
        if (org.isPresent()) {
            q.filter(Datasets.f("owner_org"), org.get().organisation().id());
        } else {
            StoredRecord g = groups.find(ref).orElseThrow(() -> CkanErrors.notFound("Group was not found."));
            q.filter(Datasets.f("groups"), g.body().path("name").asText());
        }
        if (type != null && !type.equals("package")) {
            // Users are not modelled: people act through tokens, which are not members.
            return List.of();
        }
        return index.search(q.build()).ids().stream().map(id -> List.of(id, "package", "public")).toList();
    }

    Resource memberDataset(Context ctx, ApiToken token) {
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

    Object member(Call call, boolean add) {
        StoredRecord g = groups.find(call.required("id")).filter(r -> !Datasets.DELETED.equals(r.state()))
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
}

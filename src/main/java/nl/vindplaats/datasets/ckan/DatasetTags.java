package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Resource;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.datasets.PackageView;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.StoredRecord;

import java.util.List;

/**
 * The free tags of datasets in CKAN's actions: {@code tag_list} and {@code tag_show} (counted from the index over the
 * datasets the caller may see), {@code tag_delete} (from every dataset; platform admins), and
 * {@code format_autocomplete}, the resource formats, counted the same way.
 */
final class DatasetTags {
    private final Datasets datasets;
    private final PackageView view;
    private final SearchIndex index;

    DatasetTags(Datasets datasets, PackageView view, SearchIndex index) {
        this.datasets = datasets;
        this.view = view;
        this.index = index;
    }

    Object tagList(Call call) {
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

    Object tagShow(Call call) {
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

    Resource existingTag(Context ctx, ApiToken token) {
        String name = PackageSchema.text(CkanApi.data(ctx), "id");
        if (name == null) {
            throw CkanErrors.validation("id", "Missing value");
        }
        return Resource.PLATFORM; // whether the tag exists is told only to whom may delete it: see tagDelete
    }

    Object tagDelete(Call call) {
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

    Object formatAutocomplete(Call call) {
        String q = call.text("q") == null ? "" : call.text("q").toLowerCase();
        int limit = call.natural("limit", 5);
        SearchResult r = index.search(SearchQuery.of(Datasets.KIND).filter(Datasets.f("state"), Datasets.ACTIVE)
                .filter(Datasets.f("capacity"), "public").facets(List.of(Datasets.f("res_format")), 100_000).page(0, 0).build());
        return r.facets().getOrDefault(Datasets.f("res_format"), List.of()).stream().map(SearchResult.FacetCount::value)
                .filter(f -> f.toLowerCase().contains(q)).map(String::toLowerCase).distinct().limit(limit).toList();
    }
}

package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Groups;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.datasets.PackageView;
import nl.vindplaats.http.Routes;
import nl.vindplaats.search.SearchIndex;
import nl.vindplaats.search.SearchQuery;
import nl.vindplaats.search.SearchResult;
import nl.vindplaats.store.StoredRecord;

import java.net.URI;
import java.util.Optional;

/**
 * CKAN's organization writes over the platform's organisations: {@code organization_create}, {@code _update} and
 * {@code _patch} (platform admins), and {@code organization_delete}, always refused (organisations belong to the
 * platform). A new or changed name or title is written into the organisation's datasets, which index it.
 */
final class OrganizationWrites {
    private static final String ORG_URI_BASE = "http://data.overheid.nl/organisatie/";

    private final Datasets datasets;
    private final Organisations organisations;
    private final Groups groups;
    private final SearchIndex index;

    OrganizationWrites(Datasets datasets, Organisations organisations, Groups groups, SearchIndex index) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.groups = groups;
        this.index = index;
    }

    Resource existingOrganisation(Context ctx, ApiToken token) {
        String ref = PackageSchema.text(CkanApi.data(ctx), "id");
        if (ref == null) {
            throw CkanErrors.validation("id", "Missing value");
        }
        return organisations.find(ref).map(o -> Resource.organisation(o.organisation().id()))
                .orElseThrow(() -> CkanErrors.notFound("Organization was not found."));
    }

    Object organizationCreate(Call call) {
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

    Object organizationUpdate(Call call, boolean patch) {
        Organisations.Versioned current = Optional.ofNullable(call.text("id")).flatMap(organisations::find)
                .orElseThrow();
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

    Object organizationDelete(Call call) {
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
}

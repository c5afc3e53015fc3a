package nl.vindplaats.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Json;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The organisations of the register's REST API ({@code /organisations}): the platform's organisations, listed and
 * searched, each linking to its APIs; a platform admin registers a new one by its TOOI URI and label.
 */
final class RegisterOrganisations {
    private final Organisations organisations;

    RegisterOrganisations(Organisations organisations) {
        this.organisations = organisations;
    }

    void list(Context ctx) {
        RegisterPaging.Page page = RegisterPaging.page(ctx);
        Organisations.Found found = organisations.search(ctx.queryParam("q"), page.offset(), page.perPage());
        ArrayNode items = Json.MAPPER.createArrayNode();
        found.organisations().forEach(o -> items.add(organisationJson(o.organisation())));
        RegisterPaging.headers(ctx, page, found.total());
        ctx.json(items);
    }

    void create(Context ctx) throws JsonProcessingException {
        ObjectNode body = Requests.jsonObject(ctx);
        List<InvalidParam> invalid = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!Set.of("uri", "label").contains(f)) {
                invalid.add(new InvalidParam(f, "unknown field"));
            }
        });
        String uri = ApiEntryJson.text(body, "uri");
        if (uri == null || !EntryFields.isHttpUrl(uri)) {
            invalid.add(new InvalidParam("uri", "required: the organisation's TOOI URI"));
        }
        String label = ApiEntryJson.text(body, "label");
        if (label == null || label.length() > 300) {
            invalid.add(new InvalidParam("label", "required: the organisation's name, at most 300 characters"));
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The organisation is not valid.", invalid);
        }
        if (organisations.byId(uri).isPresent()) {
            throw ApiError.conflict("The organisation " + uri + " is already registered.");
        }
        String slug = Register.slug(label);
        for (int n = 2; organisations.bySlug(slug).isPresent(); n++) {
            slug = Register.slug(label) + "-" + n;
        }
        Organisation organisation = new Organisation(uri, label, slug);
        organisations.create(organisation, "created in the API register");
        Routes.wrote(ctx, Resource.organisation(uri));
        ctx.status(201).json(organisationJson(organisation));
    }

    private static ObjectNode organisationJson(Organisation o) {
        ObjectNode json = Json.object().put("uri", o.id()).put("label", o.name());
        json.putObject("_links").putObject("apis").put("href",
                RegisterApi.BASE + "/apis?organisation=" + URLEncoder.encode(o.id(), StandardCharsets.UTF_8));
        return json;
    }
}

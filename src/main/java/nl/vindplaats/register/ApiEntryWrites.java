package nl.vindplaats.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.access.Resource;
import nl.vindplaats.base.Json;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.IfMatch;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.http.Requests;
import nl.vindplaats.http.Routes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Registration and update of API entries by the owning organisation ({@code POST /apis}, {@code PUT /apis/{id}}):
 * the request read into a {@link Register.Registration}, every fault named in {@code invalidParams}; an entry that is
 * harvested changes only through its harvest source, and never moves to another organisation.
 */
final class ApiEntryWrites {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Register register;
    private final ApiEntries entries;
    private final Organisations organisations;

    ApiEntryWrites(Register register, ApiEntries entries, Organisations organisations) {
        this.register = register;
        this.entries = entries;
        this.organisations = organisations;
    }

    void create(Context ctx) throws JsonProcessingException {
        ObjectNode body = Requests.jsonObject(ctx);
        Register.Registration registration = registration(body, true);
        ApiEntries.Versioned created = register.create(registration, Routes.resource(ctx).id());
        Routes.wrote(ctx, RegisterApi.resourceOf(created));
        ctx.status(201).header("Location", RegisterApi.BASE + "/apis/" + created.entry().id())
                .header("ETag", Requests.etag(created.version()));
        ctx.json(ApiEntryJson.itemJson(created));
    }

    void update(Context ctx) throws JsonProcessingException {
        ApiEntries.Versioned current = RegisterApi.existing(entries, ctx.pathParam("id"));
        String harvestedFrom = RegisterHarvester.markOf(current.entry(), RegisterHarvester.SOURCE_URL);
        if (harvestedFrom != null) {
            throw ApiError.conflict("This API is harvested from " + harvestedFrom + " (harvest source "
                    + RegisterHarvester.markOf(current.entry(), RegisterHarvester.SOURCE_ID)
                    + "); it changes only through its harvest source. Change it there.");
        }
        ObjectNode body = ctx.body().isBlank() ? Json.object() : Requests.jsonObject(ctx);
        Register.Registration registration = registration(body, false);
        if (registration.organisationUri() != null && current.entry().organisation() != null
                && !registration.organisationUri().equals(current.entry().organisation().uri())) {
            throw ApiError.invalid("organisationUri", "an API cannot move to another organisation");
        }
        IfMatch precondition = IfMatch.of(ctx.header("If-Match"));
        long expected = precondition == null ? current.version()
                : precondition.versionToReplace(current.version(), "API " + current.entry().id());
        ApiEntries.Versioned updated = register.update(current, registration, expected);
        ctx.header("ETag", Requests.etag(updated.version()));
        ctx.json(ApiEntryJson.itemJson(updated));
    }

    private Register.Registration registration(ObjectNode body, boolean creating) {
        List<InvalidParam> invalid = new ArrayList<>();
        Set<String> known = Set.of("id", "oasUrl", "oasBody", "organisationUri", "contact", "apiType", "auth",
                "description", "docsUrl", "apiUrl", "lifecycle");
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                invalid.add(new InvalidParam(f, "unknown field"));
            }
        });
        String id = ApiEntryJson.text(body, "id");
        if (id != null && (!creating || !ID.matcher(id).matches() || id.length() > 100)) {
            invalid.add(new InvalidParam("id", creating ? "lower-case letters, digits and single hyphens, at most 100"
                    : "an API's id cannot change"));
        }
        String oasUrl = ApiEntryJson.text(body, "oasUrl");
        if (oasUrl != null && !EntryFields.isHttpUrl(oasUrl)) {
            invalid.add(new InvalidParam("oasUrl", "must be an http or https URL"));
        }
        JsonNode oasBodyNode = body.get("oasBody");
        byte[] oasBody = null;
        if (oasBodyNode != null && !oasBodyNode.isNull()) {
            oasBody = oasBodyNode.isTextual() ? oasBodyNode.asText().getBytes(StandardCharsets.UTF_8)
                    : oasBodyNode.isObject() ? Json.write(oasBodyNode).getBytes(StandardCharsets.UTF_8) : null;
            if (oasBody == null) {
                invalid.add(new InvalidParam("oasBody", "the OpenAPI document, as a JSON object or as JSON or YAML text"));
            }
        }
        if (creating && oasUrl == null && oasBody == null) {
            invalid.add(new InvalidParam("oasUrl", "required: oasUrl or oasBody"));
        }
        if (oasUrl != null && oasBody != null) {
            invalid.add(new InvalidParam("oasBody", "send oasUrl or oasBody, not both"));
        }
        String organisationUri = ApiEntryJson.text(body, "organisationUri");
        if (creating && organisationUri == null) {
            invalid.add(new InvalidParam("organisationUri", "required: the organisation's TOOI URI"));
        }
        ApiEntry.Contact contact = null;
        JsonNode c = body.get("contact");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                invalid.add(new InvalidParam("contact", "must be an object with name, email, phone and url"));
            } else {
                c.fieldNames().forEachRemaining(f -> {
                    if (!Set.of("name", "email", "phone", "url").contains(f)) {
                        invalid.add(new InvalidParam("contact." + f, "unknown field"));
                    }
                });
                String email = ApiEntryJson.text(c, "email");
                if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    invalid.add(new InvalidParam("contact.email", "must be an e-mail address"));
                }
                String url = EntryFields.url(c.get("url"), "contact.url", false, invalid);
                contact = new ApiEntry.Contact(ApiEntryJson.text(c, "name"), email, ApiEntryJson.text(c, "phone"), url);
                if (contact.name() == null && contact.email() == null && contact.url() == null && contact.phone() == null) {
                    invalid.add(new InvalidParam("contact", "give at least one of name, email, phone, url"));
                }
            }
        } else if (creating) {
            invalid.add(new InvalidParam("contact", "required: who to contact about the API (name, email, url)"));
        }
        String apiType = ApiEntryJson.text(body, "apiType");
        if (apiType != null && !ApiEntry.API_TYPES.contains(apiType)) {
            invalid.add(new InvalidParam("apiType", "one of " + ApiEntryJson.sorted(ApiEntry.API_TYPES)));
        }
        String auth = ApiEntryJson.text(body, "auth");
        if (auth != null && !ApiEntry.AUTHENTICATIONS.contains(auth)) {
            invalid.add(new InvalidParam("auth", "one of " + ApiEntryJson.sorted(ApiEntry.AUTHENTICATIONS)));
        }
        String lifecycle = ApiEntryJson.text(body, "lifecycle");
        if (lifecycle != null && !ApiEntry.LIFECYCLES.contains(lifecycle)) {
            invalid.add(new InvalidParam("lifecycle", "one of " + ApiEntryJson.sorted(ApiEntry.LIFECYCLES)));
        }
        String docsUrl = EntryFields.url(body.get("docsUrl"), "docsUrl", false, invalid);
        String apiUrl = EntryFields.url(body.get("apiUrl"), "apiUrl", false, invalid);
        String description = ApiEntryJson.text(body, "description");
        if (description != null && description.length() > EntryFields.MAX_DESCRIPTION) {
            invalid.add(new InvalidParam("description", "at most " + EntryFields.MAX_DESCRIPTION + " characters"));
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("The API registration is not valid.", invalid);
        }
        return new Register.Registration(id, oasUrl, oasBody, organisationUri, contact, apiType, auth, description,
                docsUrl, apiUrl, lifecycle);
    }

    Resource organisationOfBody(Context ctx) {
        ObjectNode body;
        try {
            body = Requests.jsonObject(ctx);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("body", "not valid JSON: " + e.getOriginalMessage());
        }
        String uri = ApiEntryJson.text(body, "organisationUri");
        if (uri == null) {
            throw ApiError.invalid("organisationUri", "required: the organisation's TOOI URI");
        }
        Organisations.Versioned organisation = organisations.byId(uri).orElseThrow(() ->
                ApiError.invalid("organisationUri", "there is no organisation " + uri + " in this register"));
        return Resource.organisation(organisation.organisation().id());
    }
}

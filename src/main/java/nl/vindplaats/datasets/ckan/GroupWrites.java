package nl.vindplaats.datasets.ckan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisations;
import nl.vindplaats.base.Ids;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.CkanErrors;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.datasets.Groups;
import nl.vindplaats.datasets.PackageSchema;
import nl.vindplaats.datasets.PackageView;
import nl.vindplaats.store.StoredRecord;

import java.util.List;

/**
 * CKAN's group writes: {@code group_create}, {@code group_update} (the fields not given are cleared),
 * {@code group_patch} and {@code group_delete} (the group is marked deleted). A group's name is unique among groups
 * and organisations alike, as in CKAN, where both are groups.
 */
final class GroupWrites {
    private final Organisations organisations;
    private final Groups groups;

    GroupWrites(Organisations organisations, Groups groups) {
        this.organisations = organisations;
        this.groups = groups;
    }

    Object groupCreate(Call call) {
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

    Object groupUpdate(Call call, boolean patch) {
        StoredRecord current = groups.find(call.required("id")).orElseThrow(() -> CkanErrors.notFound("Group was not found."));
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

    Object groupDelete(Call call) {
        StoredRecord current = groups.find(call.required("id")).orElseThrow(() -> CkanErrors.notFound("Group was not found."));
        ObjectNode body = current.body().deepCopy();
        body.put("state", Datasets.DELETED);
        groups.update(current, body, "group_delete");
        return null;
    }
}

package nl.vindplaats.valuelists;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.OpenApiDocument;
import nl.vindplaats.http.Operation;
import nl.vindplaats.http.Permission;
import nl.vindplaats.http.Requests;
import nl.vindplaats.base.Json;

import java.util.List;

/** The public value-list API: which lists there are, and the items of one (paged, label-prefix search). */
public final class ValueListApi {
    public static final String BASE = "/waardelijsten/v1";
    /** The OpenAPI document served at {@code BASE + "/openapi.json"}, a classpath resource. */
    public static final String OPENAPI = "openapi/waardelijsten.json";
    public static final String VERSION = "1.0.0";

    private final ValueLists lists;

    public ValueListApi(ValueLists lists) {
        this.lists = lists;
    }

    public List<Operation> operations() {
        return List.of(
                OpenApiDocument.operation(BASE, OPENAPI),
                Operation.read("valuelist.list", HandlerType.GET, BASE + "/lists", Permission.anyone(), this::index),
                Operation.read("valuelist.show", HandlerType.GET, BASE + "/lists/{name}", Permission.anyone(),
                        this::show));
    }

    private void index(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ValueList list : lists.all()) {
            out.addObject().put("name", list.name()).put("title", list.title()).put("source", list.source())
                    .put("itemCount", list.items().size()).put("href", BASE + "/lists/" + list.name());
        }
        ObjectNode body = Json.object();
        body.set("lists", out);
        ctx.json(body);
    }

    private void show(Context ctx) {
        String name = ctx.pathParam("name");
        ValueList list = lists.list(name).orElseThrow(() -> ApiError.notFound("There is no value list " + name
                + "; GET " + BASE + "/lists names them all."));
        Requests.Page page = Requests.page(ctx);
        String label = ctx.queryParam("label");
        List<ValueItem> matching = list.withLabelPrefix(label);
        int from = (int) Math.min(matching.size(), (long) page.offset());
        int to = Math.min(matching.size(), from + page.pageSize());
        ObjectNode body = Json.object().put("name", list.name()).put("title", list.title())
                .put("source", list.source()).put("total", matching.size()).put("page", page.page())
                .put("pageSize", page.pageSize());
        ArrayNode items = body.putArray("items");
        for (ValueItem item : matching.subList(from, to)) {
            items.addObject().put("identifier", item.identifier()).put("label", item.label());
        }
        Requests.pageLinks(ctx, page, matching.size()); // the links keep the search (label)
        ctx.json(body);
    }
}

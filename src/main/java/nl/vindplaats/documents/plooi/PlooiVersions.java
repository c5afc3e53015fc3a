package nl.vindplaats.documents.plooi;

import java.util.Objects;
import nl.vindplaats.documents.StoredPublication;
import nl.vindplaats.documents.PublicationMetadata;
import nl.vindplaats.documents.Documents;
import nl.vindplaats.documents.PublicationVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.Change;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A document's PLOOI versions: how each is recorded, how they are listed ({@code /versies}), and the
 * reason for a version after the first ({@code redenVerwijderingVervanging}), where a client gives
 * one. PLOOI's aanlever-API takes no reason at all ({@code replaceMetadataInstance},
 * {@code deleteDocumentInstance}); PLOOI's internal delivery request carries it as a top-level
 * {@code redenVerwijderingVervanging} next to {@code oorzaak}, as free text, and expects it but does
 * not check it. So a reason is optional here and read from either place: the query parameter, or the
 * top level of a JSON body. It is a TOOI URI from the list redenen-intrekking-vervanging, or free text.
 */
final class PlooiVersions {
    static final String REASON = PublicationVersion.REASON;
    static final String CAUSE = PublicationVersion.CAUSE;
    private static final int MAX_TEXT = 1000;

    private final ValueLists lists;

    PlooiVersions(ValueLists lists) {
        this.lists = lists;
    }

    /**
     * The reason given with this request, as stored on the version: {@code {id, label}} for a list item
     * (also when the client sent its label as text), {@code {label}} for free text. Removes
     * {@code redenVerwijderingVervanging} and {@code oorzaak} from {@code body} (may be null), so that what
     * remains is the metadata alone. An {@code oorzaak} must be one of {@code causes}.
     */
    Optional<PublicationMetadata.Concept> take(Context ctx, JsonNode body, Set<String> causes) {
        return given(ctx, body, causes).map(reason -> new PublicationMetadata.Concept(
                reason.has("id") ? reason.get("id").asText() : null,
                reason.has("label") ? reason.get("label").asText() : null));
    }

    private Optional<ObjectNode> given(Context ctx, JsonNode body, Set<String> causes) {
        Optional<ObjectNode> fromQuery = parse(ctx.queryParam(REASON));
        Optional<ObjectNode> fromBody = body instanceof ObjectNode object ? takeFromBody(object, causes)
                : Optional.empty();
        if (fromQuery.isPresent() && fromBody.isPresent() && !fromQuery.equals(fromBody)) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, "De queryparameter en het veld " + REASON
                    + " geven verschillende redenen; geef er één." + PlooiErrors.SEE_DOCS);
        }
        return fromQuery.isPresent() ? fromQuery : fromBody;
    }

    /** Removes {@code oorzaak} and {@code redenVerwijderingVervanging} from the body; the reason, if any. */
    private Optional<ObjectNode> takeFromBody(ObjectNode object, Set<String> causes) {
        JsonNode cause = object.remove(CAUSE);
        if (cause != null && !causes.contains(cause.asText())) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, CAUSE + " '" + cause.asText() + "' past niet bij "
                    + "dit verzoek; verwacht: " + String.join(" of ", causes.stream().sorted().toList()) + "."
                    + PlooiErrors.SEE_DOCS);
        }
        JsonNode reason = object.remove(REASON);
        if (reason == null || reason.isNull()) {
            return Optional.empty();
        }
        return parse(reason.isObject() ? reason.path("id").asText(reason.path("label").asText())
                : reason.isTextual() ? reason.asText() : notText(reason));
    }

    /**
     * Every PLOOI version of a document, oldest first: number (none on a withdrawal), cause, time, reason,
     * openbaarmakingsdatum, embargo, status and file. Technical versions (text extraction) are left out.
     */
    static ObjectNode listing(String pid, List<Change> history) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Change change : history) {
            if (!List.of(Documents.DELIVERY, Documents.CHANGE, Documents.WITHDRAWAL, Documents.REPUBLICATION)
                    .contains(change.cause())) {
                continue;
            }
            StoredPublication stored = StoredPublication.of(change.record());
            ObjectNode v = out.addObject();
            if (!change.cause().equals(Documents.WITHDRAWAL)) {
                v.put("nummer", stored.versionNumber(0));
            }
            v.put(CAUSE, change.cause());
            v.put("datumtijd", change.record().modified().toString());
            PublicationMetadata.Concept reason = stored.version() == null ? null : stored.version().reason();
            if (reason != null) {
                ObjectNode given = v.putObject(REASON);
                Json.putPresent(given, "id", reason.uri());
                Json.putPresent(given, "label", reason.label());
            }
            v.put("openbaarmakingsdatum", Objects.toString(stored.metadata().published(), ""));
            if (stored.visibleFrom() != null) {
                v.put(PlooiApi.VISIBLE_FROM, stored.visibleFrom().toString());
            }
            v.put("publicatiestatus", change.record().state());
            ArrayNode files = v.putArray("bestanden");
            StoredPublication.StoredFile file = stored.file();
            if (file != null) {
                ObjectNode f = files.addObject();
                Json.putPresent(f, "sha256", file.sha256());
                f.put("size", file.size());
                Json.putPresent(f, "mimeType", file.mediaType());
                if (file.received() != null) {
                    f.put("ontvangen", file.received().toString());
                }
                Json.putPresent(f, "bestandsnaam", file.name());
            }
        }
        ObjectNode response = Json.object().put("pid", pid);
        response.set("versies", out);
        return response;
    }

    private Optional<ObjectNode> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.length() > MAX_TEXT) {
            throw PlooiErrors.error(400, PlooiErrors.VALIDATION, REASON + " is langer dan " + MAX_TEXT + " tekens."
                    + PlooiErrors.SEE_DOCS);
        }
        if (text.startsWith("http://") || text.startsWith("https://")) {
            ValueItem item = lists.find(ValueLists.REDENEN_INTREKKING_VERVANGING, text).orElseThrow(() ->
                    PlooiErrors.error(400, PlooiErrors.VALIDATION, REASON + " '" + text + "' staat niet in de "
                            + "TOOI-lijst; kies uit: " + String.join(", ", listed()) + ", of geef de reden als tekst."
                            + PlooiErrors.SEE_DOCS));
            return Optional.of(fromList(item));
        }
        Optional<ValueItem> byLabel = items().stream()
                .filter(i -> i.label().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))).findFirst();
        return Optional.of(byLabel.map(PlooiVersions::fromList).orElseGet(() -> Json.object().put("label", text)));
    }

    private static String notText(JsonNode reason) {
        throw PlooiErrors.error(400, PlooiErrors.VALIDATION, REASON + " is tekst (een TOOI-URI of een omschrijving), "
                + "niet " + reason.getNodeType().toString().toLowerCase(Locale.ROOT) + "." + PlooiErrors.SEE_DOCS);
    }

    private static ObjectNode fromList(ValueItem item) {
        return Json.object().put("id", item.identifier()).put("label", item.label());
    }

    private List<ValueItem> items() {
        return lists.list(ValueLists.REDENEN_INTREKKING_VERVANGING).orElseThrow().items();
    }

    private List<String> listed() {
        return items().stream().map(i -> i.identifier() + " (" + i.label() + ")").toList();
    }
}

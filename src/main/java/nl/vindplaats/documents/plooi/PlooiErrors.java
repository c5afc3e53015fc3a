package nl.vindplaats.documents.plooi;

import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.documents.PublicationFile;
import io.javalin.http.Context;
import nl.vindplaats.http.ApiError;
import nl.vindplaats.http.ErrorFormat;
import nl.vindplaats.http.InvalidParam;
import nl.vindplaats.base.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PLOOI's own error shape for the delivery API: problem details whose {@code type} points into PLOOI's
 * error documentation, a Dutch title per kind of error, and {@code messages} with the JSON pointers of
 * the schema rule and the data that failed.
 */
public final class PlooiErrors {
    static final String DOCS = "https://koop.gitlab.io/plooi/aanleveren/openapi-spec/foutenbeschrijvingen/index.html#";
    static final String SEE_DOCS = " Raadpleeg voor meer informatie de documentatie.";

    static final String PARSE = "Parsefout";
    static final String METADATA_VALIDATION = "ValidatieMetadatafout";
    static final String VALIDATION = "Validatiefout";
    static final String FILE_TYPE = "Bestandstype-fout";
    static final String IDENTIFICATION = "Identificatiefout";
    static final String AUTHORISATION = "Autorisatiefout";
    static final String NOT_FOUND = "Niet-gevonden-fout";
    static final String CONFLICT = "Conflictfout";
    static final String TOO_LARGE = "BestandTeGrootFout";
    static final String METADATA_MEDIA_TYPE = "MediatypeMetadatafout";
    static final String MEDIA_TYPE = "Mediatypefout";

    private static final Map<String, String> ANCHORS = Map.ofEntries(
            Map.entry(PARSE, "parse-fout"), Map.entry(METADATA_VALIDATION, "validatie-metadata-fout"),
            Map.entry(VALIDATION, "validatie-fout"), Map.entry(FILE_TYPE, "bestandstype-fout"),
            Map.entry(IDENTIFICATION, "identificatie-fout"), Map.entry(AUTHORISATION, "autorisatie-fout"),
            Map.entry(NOT_FOUND, "niet-gevonden-fout"), Map.entry(CONFLICT, "conflict-fout"),
            Map.entry(TOO_LARGE, "bestand-te-groot-fout"), Map.entry(METADATA_MEDIA_TYPE, "mediatype-metadata-fout"),
            Map.entry(MEDIA_TYPE, "mediatype-fout"));

    private static final String MESSAGES = "plooi.messages";

    private PlooiErrors() {
    }

    public static ApiError error(int status, String title, String detail) {
        return new ApiError(status, title, detail, List.of());
    }

    /** A 400 ValidatieMetadatafout carrying its messages (kept on the request for the error format). */
    public static ApiError invalidMetadata(Context ctx, List<MetadataValidator.Message> messages) {
        ctx.attribute(MESSAGES, List.copyOf(messages));
        List<InvalidParam> params = new ArrayList<>();
        for (MetadataValidator.Message m : messages) {
            params.add(new InvalidParam(m.dataPointers().isEmpty() ? "" : m.dataPointers().getFirst(), m.content()));
        }
        return new ApiError(400, METADATA_VALIDATION, "De aangeleverde metadata is niet geldig: "
                + String.join("; ", messages.stream().map(MetadataValidator.Message::content).toList()) + "." + SEE_DOCS, params);
    }

    public static final ErrorFormat FORMAT = (ctx, error) -> {
        String title = ANCHORS.containsKey(error.title()) ? error.title() : titleOf(error);
        Map<String, Object> body = new LinkedHashMap<>();
        String anchor = ANCHORS.get(title);
        body.put("type", anchor == null ? "about:blank" : DOCS + anchor);
        body.put("title", title);
        body.put("status", error.status());
        body.put("detail", title.equals(IDENTIFICATION) && !ANCHORS.containsKey(error.title())
                ? "Deze handeling is alleen mogelijk voor geautoriseerden: stuur een geldig token in Aanlever-Token, "
                + "X-API-Key of Authorization." + SEE_DOCS
                : error.detail());
        body.put("instance", ctx.path());
        List<MetadataValidator.Message> messages = ctx.attribute(MESSAGES);
        if (messages != null) {
            body.put("messages", messages);
        } else if (!error.invalidParams().isEmpty()) {
            body.put("messages", error.invalidParams().stream()
                    .map(p -> new MetadataValidator.Message(List.of(), List.of(p.name()), p.reason())).toList());
        }
        if (title.equals(MEDIA_TYPE)) {
            body.put("supportedMediaTypes", List.of(PublicationFile.PDF, PublicationFile.ZIP));
        } else if (title.equals(METADATA_MEDIA_TYPE)) {
            body.put("supportedMediaTypes", List.of("application/json", "application/hal+json"));
        }
        ctx.status(error.status()).contentType("application/problem+json").result(Json.write(body));
    };

    /** PLOOI's title for an error the platform raised in its own words (auth, paths, body limits). */
    private static String titleOf(ApiError error) {
        return switch (error.status()) {
            case 401 -> IDENTIFICATION;
            case 403 -> AUTHORISATION;
            case 404, 405 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 415 -> MEDIA_TYPE;
            case 400 -> error.invalidParams().stream().anyMatch(p -> p.name().equals("body")) ? PARSE : VALIDATION;
            default -> error.title();
        };
    }
}

package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks delivered PLOOI metadata in two steps: its structure against the JSON Schema written from
 * PLOOI's 0.9.0-beta schema, then every coded value against its value list. On success the metadata
 * is normalised: every label of a listed value is the list's (whatever the client sent), a historical
 * organisation URI is replaced by the current one, and the Woo information category is derived where the documentsoort
 * determines it.
 */
public final class MetadataValidator {
    static final String SCHEMA = "plooi/metadata-0.9.0-beta.schema.json";

    /** One failed rule: where in the schema, where in the delivered data, and what is wrong. */
    public record Message(List<String> schemaPointers, List<String> dataPointers, String content) {
    }

    /** The outcome: the normalised metadata, or what is wrong with it. */
    public record Result(ObjectNode metadata, List<MetadataValidator.Message> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final JsonSchema schema;
    private final ValueLists lists;

    public MetadataValidator(ValueLists lists) {
        this.lists = lists;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .locale(java.util.Locale.ENGLISH)
                .build();
        try (InputStream in = MetadataValidator.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA);
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fields PLOOI requires of a delivery that DiWoo leaves optional (its {@code language}, {@code themas},
     * {@code documentsoorten}, a documenthandeling's {@code wasAssociatedWith}): a document harvested from DiWoo
     * sitemaps may lack them (open.minvws.nl's entries carry none of them).
     */
    private static final Pattern OPTIONAL_IN_DIWOO = Pattern.compile(
            "/document/(language|classificatiecollectie/(documentsoorten|themas)|documenthandelingen/[0-9]+/wasAssociatedWith)");

    /** Validates a copy of {@code delivered}; never changes the argument. */
    public Result validate(JsonNode delivered) {
        return validate(delivered, false);
    }

    /** Validates metadata read from DiWoo sitemaps: as a delivery, but without PLOOI's {@link #OPTIONAL_IN_DIWOO}. */
    public Result validateHarvested(JsonNode harvested) {
        return validate(harvested, true);
    }

    private Result validate(JsonNode delivered, boolean harvested) {
        List<MetadataValidator.Message> errors = new ArrayList<>(MetadataLimits.exceeded(delivered));
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        List<ValidationMessage> messages = new ArrayList<>(schema.validate(delivered));
        messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        for (ValidationMessage m : messages) {
            String data = m.getInstanceLocation().toString();
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                data = data + "/" + m.getProperty();
                if (harvested && OPTIONAL_IN_DIWOO.matcher(data).matches()) {
                    continue;
                }
            }
            String schemaAt = m.getSchemaLocation().toString();
            schemaAt = schemaAt.contains("#") ? schemaAt.substring(schemaAt.indexOf('#')) : schemaAt;
            errors.add(new MetadataValidator.Message(List.of(schemaAt), List.of(pointer(data)), m.getMessage()));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        ObjectNode metadata = delivered.deepCopy();
        for (CodedValues.Position position : CodedValues.in(metadata, lists)) {
            Optional<ValueItem> item = position.lookup().apply(position.id());
            if (item.isPresent()) {
                CodedValues.setFromList(position.value(), item.get());
            } else if (position.listed()) {
                String pointer = position.pointer();
                errors.add(new MetadataValidator.Message(List.of(schemaPointer(pointer)), List.of(pointer + "/id"),
                        pointer + "/id: " + position.id() + " is not in the value list " + position.listName()));
            }
        }
        if (metadata.has("documentrelaties")) {
            String role = metadata.path("documentrelaties").path("role").asText();
            if (lists.find(ValueLists.DOCUMENTRELATIES, role).isEmpty()) {
                errors.add(new MetadataValidator.Message(List.of("#/properties/documentrelaties/properties/role"),
                        List.of("/documentrelaties/role"), "/documentrelaties/role: " + role
                        + " is not in the value list " + ValueLists.DOCUMENTRELATIES));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        deriveInformatiecategorie((ObjectNode) metadata.path("document").path("classificatiecollectie"));
        return new Result(metadata, List.of());
    }

    /** DiWoo's informatiecategorieen: kept when delivered, else derived from the documentsoorten where they decide it. */
    private void deriveInformatiecategorie(ObjectNode classification) {
        if (classification.has("informatiecategorieen")) {
            return;
        }
        List<ValueItem> derived = new ArrayList<>();
        for (JsonNode soort : classification.path("documentsoorten")) {
            lists.informatiecategorieOf(soort.path("id").asText()).filter(c -> !derived.contains(c))
                    .ifPresent(derived::add);
        }
        if (!derived.isEmpty()) {
            ArrayNode out = classification.putArray("informatiecategorieen");
            derived.forEach(c -> out.addObject().put("id", c.identifier()).put("label", c.label()));
        }
    }

    private static String pointer(String path) {
        return path.isEmpty() ? "/" : path;
    }

    private static String schemaPointer(String dataPointer) {
        return "#" + dataPointer.replaceAll("/([A-Za-z]+)", "/properties/$1").replaceAll("/[0-9]+", "/items");
    }
}

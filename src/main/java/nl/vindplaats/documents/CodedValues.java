package nl.vindplaats.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.valuelists.ValueItem;
import nl.vindplaats.valuelists.ValueLists;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where PLOOI metadata holds coded values ({@code {id, label}}) and which value list each comes from.
 * The list is the authority for a label: whatever label a client sends, what is stored and served is
 * the list's, so a client cannot make a TOOI organisation or theme show under a name of its own.
 */
public final class CodedValues {

    /**
     * One coded value in the metadata.
     *
     * @param pointer  JSON pointer of the value, for error messages
     * @param value    the {@code {id, label}} object itself
     * @param lookup   finds the id in its value list (historical organisation URIs give the current one)
     * @param listName the list's name, for error messages
     * @param listed   whether the id must be in the list (PLOOI's {@code opsteller} may be any URI)
     */
    record Position(String pointer, ObjectNode value, Function<String, Optional<ValueItem>> lookup, String listName,
                    boolean listed) {
        String id() {
            return value.path("id").asText();
        }
    }

    private static final String ORGANISATIONS = "organisatielijsten";

    private CodedValues() {
    }

    /** Every coded value of structurally valid metadata ({@code {document: …}}), in document order. */
    static List<Position> in(JsonNode metadata, ValueLists lists) {
        List<Position> out = new ArrayList<>();
        JsonNode document = metadata.path("document");
        Function<String, Optional<ValueItem>> organisation = lists::organisation;
        add(out, document, "publisher", "/document", organisation, ORGANISATIONS, true);
        add(out, document, "verantwoordelijke", "/document", organisation, ORGANISATIONS, true);
        add(out, document, "opsteller", "/document", organisation, ORGANISATIONS, false);
        add(out, document, "language", "/document", list(lists, ValueLists.TALEN), ValueLists.TALEN, true);
        add(out, document, "format", "/document", list(lists, ValueLists.BESTANDSTYPEN), ValueLists.BESTANDSTYPEN,
                true);
        JsonNode classification = document.path("classificatiecollectie");
        String at = "/document/classificatiecollectie";
        addAll(out, classification, "documentsoorten", at, lists, ValueLists.DOCUMENTSOORTEN);
        addAll(out, classification, "themas", at, lists, ValueLists.THEMAS);
        addAll(out, classification, "informatiecategorieen", at, lists, ValueLists.INFORMATIECATEGORIEEN);
        JsonNode handelingen = document.path("documenthandelingen");
        for (int i = 0; i < handelingen.size(); i++) {
            String handeling = "/document/documenthandelingen/" + i;
            add(out, handelingen.get(i), "soortHandeling", handeling, list(lists, ValueLists.DOCUMENTHANDELINGEN),
                    ValueLists.DOCUMENTHANDELINGEN, true);
            add(out, handelingen.get(i), "wasAssociatedWith", handeling, organisation, ORGANISATIONS, true);
        }
        return out;
    }

    /**
     * Gives every coded value whose id is in its list the list's current id and label. Values not in
     * their list are left as they are (validation refuses them where they must be listed).
     */
    public static void relabel(JsonNode metadata, ValueLists lists) {
        for (Position position : in(metadata, lists)) {
            position.lookup().apply(position.id()).ifPresent(item -> setFromList(position.value(), item));
        }
    }

    /** The id and label of {@code item}, replacing whatever was delivered. */
    static void setFromList(ObjectNode value, ValueItem item) {
        value.put("id", item.identifier());
        value.put("label", item.label());
    }

    private static void add(List<Position> out, JsonNode parent, String field, String at,
                            Function<String, Optional<ValueItem>> lookup, String listName, boolean listed) {
        if (parent.get(field) instanceof ObjectNode value) {
            out.add(new Position(at + "/" + field, value, lookup, listName, listed));
        }
    }

    private static void addAll(List<Position> out, JsonNode parent, String field, String at, ValueLists lists,
                               String listName) {
        JsonNode values = parent.path(field);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof ObjectNode value) {
                out.add(new Position(at + "/" + field + "/" + i, value, list(lists, listName), listName, true));
            }
        }
    }

    private static Function<String, Optional<ValueItem>> list(ValueLists lists, String name) {
        return id -> lists.find(name, id);
    }
}

package nl.vindplaats.portal;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of record the portal finds, with the code the search page's {@code soort} filter uses. */
public enum Kind {
    API("api", "API", "API's"),
    DATASET("dataset", "Dataset", "Datasets"),
    DOCUMENT("document", "Document", "Documenten");

    private final String code;
    private final String singular;
    private final String plural;

    Kind(String code, String singular, String plural) {
        this.code = code;
        this.singular = singular;
        this.plural = plural;
    }

    public String code() {
        return code;
    }

    public String singular() {
        return singular;
    }

    public String plural() {
        return plural;
    }

    static Optional<Kind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}

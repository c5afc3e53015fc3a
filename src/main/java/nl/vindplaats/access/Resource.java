package nl.vindplaats.access;

import java.util.Arrays;

/**
 * Something a token can be scoped to or a write can touch: the platform, one organisation, or one
 * single dataset, document source or API entry (which belongs to an organisation).
 */
public record Resource(Type type, String id, String organisation) {
    public enum Type {
        PLATFORM("platform"), ORGANISATION("organisation"), DATASET("dataset"),
        DOCUMENT_SOURCE("document-source"), API_ENTRY("api-entry");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Type parse(String text) {
            return Arrays.stream(values()).filter(t -> t.wireName.equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown resource type: " + text));
        }
    }

    public static final Resource PLATFORM = new Resource(Type.PLATFORM, null, null);

    public static Resource organisation(String organisationId) {
        return new Resource(Type.ORGANISATION, organisationId, organisationId);
    }

    /** True when a token scoped to this resource may act on {@code other}. */
    public boolean covers(Resource other) {
        return switch (type) {
            case PLATFORM -> true;
            case ORGANISATION -> id.equals(other.organisation());
            default -> type == other.type && id.equals(other.id);
        };
    }

    /** A stable text form for audit entries, e.g. {@code organisation:https://…/gm0363}. */
    public String label() {
        return id == null ? type.wireName : type.wireName + ":" + id;
    }
}

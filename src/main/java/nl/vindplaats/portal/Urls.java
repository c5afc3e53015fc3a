package nl.vindplaats.portal;

import nl.vindplaats.access.Organisation;

/** URLs the templates write: our own pages, and links out that are safe to follow. */
public final class Urls {
    private Urls() {
    }

    public static String organisation(Organisation organisation) {
        return "/organisaties/" + Links.path(organisation.slug());
    }

    public static String search(String words, Kind kind) {
        return Links.search(words, kind, null, 1);
    }

    /**
     * A link out as given by a publisher, only when it is a web address: a {@code javascript:} or {@code data:}
     * URL in a dataset's metadata must not become a link anyone clicks. Null otherwise.
     */
    public static String external(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    /** A document's page; with the words searched for, so that it shows where they occur in the text. */
    public static String document(String id, String words) {
        String page = "/documenten/" + Links.path(id);
        return words == null || words.isBlank() ? page : page + "?q=" + Links.query(words.strip());
    }
}

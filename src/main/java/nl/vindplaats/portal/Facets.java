package nl.vindplaats.portal;

import java.util.List;

/** What the search pages' filter columns are made of, whatever the kind searched. */
public final class Facets {
    private Facets() {
    }

    /**
     * One value of a facet; {@code children}: the values under it (the sub themes of a chosen top theme);
     * {@code lang}: the label's language where it differs from the page's ({@link Texts#dutchValue}), else null.
     */
    public record Option(String label, long count, String url, boolean selected, List<Option> children, String lang) {
        public Option(String label, long count, String url, boolean selected, List<Option> children) {
            this(label, count, url, selected, children, null);
        }
    }

    /** One facet: its heading's id, its title, its values (most matches first). */
    public record FacetBlock(String id, String title, List<Option> options) {
    }

    /** A chosen filter, with the link that takes it away; {@code lang} as an {@link Option}'s. */
    public record Chosen(String facet, String label, String removeUrl, String lang) {
        public Chosen(String facet, String label, String removeUrl) {
            this(facet, label, removeUrl, null);
        }
    }
}

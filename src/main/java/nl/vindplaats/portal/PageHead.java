package nl.vindplaats.portal;

import java.util.List;

/**
 * What the layout puts in a page's {@code <head>} besides its title: the canonical address and the alternate forms
 * (Atom feeds, DCAT). Set for the one page being rendered on this thread, so that every template's layout finds
 * it without each page model carrying it.
 *
 * @param canonical the page's absolute address, or null (error pages have none)
 */
public record PageHead(String canonical, List<Alternate> alternates) {
    static final PageHead NONE = new PageHead(null, List.of());
    private static final ThreadLocal<PageHead> CURRENT = new ThreadLocal<>();

    /** A {@code <link rel="alternate">}: the same content in another form. */
    public record Alternate(String type, String title, String href) {
    }

    /** The head of the page being rendered on this thread. */
    public static PageHead current() {
        PageHead head = CURRENT.get();
        return head == null ? NONE : head;
    }

    static void during(PageHead head, Runnable render) {
        CURRENT.set(head);
        try {
            render.run();
        } finally {
            CURRENT.remove();
        }
    }

    static Alternate atom(String title, String href) {
        return new Alternate(Feeds.ATOM, title, href);
    }
}

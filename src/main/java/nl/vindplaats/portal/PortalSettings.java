package nl.vindplaats.portal;

import nl.vindplaats.base.Setting;

import java.nio.file.Path;
import java.util.List;

/**
 * What an operator sets for the portal, the pages for people.
 *
 * @param pageSitemapSize portal pages per {@code /sitemap.xml}; over that, it is a sitemap index
 * @param themeCss        the house style: a CSS file of design tokens served after the base tokens; null: none
 */
public record PortalSettings(int pageSitemapSize, Path themeCss) {
    /** Portal pages per sitemap: the sitemaps protocol's limit (a page's entry is short). */
    public static final int DEFAULT_PAGE_SITEMAP_SIZE = 50_000;

    /** What an operator sets: flags and environment variables of {@code serve}, applied to {@link #defaults()}. */
    public static final List<Setting<PortalSettings, ?>> SETTINGS = List.of(
            new Setting<>("--portal-theme-css", "VINDPLAATS_PORTAL_THEME_CSS", null, Path.class,
                    "A CSS file of design tokens (custom properties on :root, as an NL Design System theme's "
                            + "variables.css) that gives the portal the house style of the organisation; served after "
                            + "the base tokens, so its values win; default none", PortalSettings::withThemeCss));

    public static PortalSettings defaults() {
        return new PortalSettings(DEFAULT_PAGE_SITEMAP_SIZE, null);
    }

    public PortalSettings withPageSitemapSize(int pages) {
        return new PortalSettings(pages, themeCss);
    }

    public PortalSettings withThemeCss(Path css) {
        return new PortalSettings(pageSitemapSize, css);
    }
}

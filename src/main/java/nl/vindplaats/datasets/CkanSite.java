package nl.vindplaats.datasets;

import nl.vindplaats.base.Setting;

import java.util.List;

/**
 * Site settings of the CKAN-compatible API, part of the service's {@link nl.vindplaats.platform.Config}; an operator
 * sets them by the flags and environment variables of {@link #SETTINGS}. The site URL is the service's public base
 * URL.
 *
 * @param hideVersion CKAN's ckan.hide_version: status_show leaves out ckan_version except for sysadmins
 * @param defaultSort CKAN's ckan.search.default_package_sort
 * @param strictDonl  refuse datasets that lack a mandatory DCAT-AP-DONL field (data.overheid.nl's rule)
 */
public record CkanSite(String siteTitle, String siteDescription, String siteUrl, boolean hideVersion,
                       String defaultSort, boolean strictDonl) {
    /** The CKAN API level this adapter follows (raw tokens, anonymous JSONP: 2.10). */
    public static final String CKAN_VERSION = "2.10.0";

    private static final String DEFAULT_TITLE = "Vindplaats";
    private static final String DEFAULT_DESCRIPTION = "Datasets van de Nederlandse overheid";
    private static final String DEFAULT_SORT = "score desc, metadata_modified desc";

    /** What an operator sets as flags and environment variables of {@code serve}; a blank text keeps the default. */
    public static final List<Setting<CkanSite, ?>> SETTINGS = List.of(
            new Setting<>("--ckan-site-title", "VINDPLAATS_CKAN_SITE_TITLE", DEFAULT_TITLE, String.class,
                    "Title of the site in the CKAN API (status_show) and of the DCAT catalogue",
                    (s, title) -> s.withSiteTitle(orDefault(title, DEFAULT_TITLE))),
            new Setting<>("--ckan-site-description", "VINDPLAATS_CKAN_SITE_DESCRIPTION", DEFAULT_DESCRIPTION,
                    String.class, "Description of the site in the CKAN API (status_show) and of the DCAT catalogue",
                    (s, description) -> s.withSiteDescription(orDefault(description, DEFAULT_DESCRIPTION))),
            new Setting<>("--ckan-hide-version", "VINDPLAATS_CKAN_HIDE_VERSION", "false", Boolean.class,
                    "Leave ckan_version out of status_show except for sysadmins (CKAN's ckan.hide_version)",
                    CkanSite::withHiddenVersion),
            new Setting<>("--ckan-default-sort", "VINDPLAATS_CKAN_DEFAULT_SORT", DEFAULT_SORT, String.class,
                    "package_search's order without a sort (CKAN's ckan.search.default_package_sort)",
                    (s, sort) -> s.withDefaultSort(orDefault(sort, DEFAULT_SORT))),
            new Setting<>("--ckan-donl-strict", "VINDPLAATS_CKAN_DONL_STRICT", "false", Boolean.class,
                    "Refuse datasets that lack a mandatory DCAT-AP-DONL field (data.overheid.nl's rule)",
                    CkanSite::withStrictDonl));

    public static CkanSite defaults() {
        return new CkanSite(DEFAULT_TITLE, DEFAULT_DESCRIPTION, null, false, DEFAULT_SORT, false);
    }

    public CkanSite withSiteTitle(String title) {
        return new CkanSite(title, siteDescription, siteUrl, hideVersion, defaultSort, strictDonl);
    }

    public CkanSite withSiteDescription(String description) {
        return new CkanSite(siteTitle, description, siteUrl, hideVersion, defaultSort, strictDonl);
    }

    public CkanSite withSiteUrl(String url) {
        return new CkanSite(siteTitle, siteDescription, url, hideVersion, defaultSort, strictDonl);
    }

    public CkanSite withDefaultSort(String sort) {
        return new CkanSite(siteTitle, siteDescription, siteUrl, hideVersion, sort, strictDonl);
    }

    public CkanSite withHiddenVersion(boolean hide) {
        return new CkanSite(siteTitle, siteDescription, siteUrl, hide, defaultSort, strictDonl);
    }

    public CkanSite withStrictDonl(boolean strict) {
        return new CkanSite(siteTitle, siteDescription, siteUrl, hideVersion, defaultSort, strict);
    }

    private static String orDefault(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }
}

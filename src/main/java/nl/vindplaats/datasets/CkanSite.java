package nl.vindplaats.datasets;

/**
 * Site settings of the CKAN-compatible API, part of the service's {@link nl.vindplaats.platform.Config};
 * {@code serve} reads them from {@code VINDPLAATS_CKAN_SITE_TITLE}, {@code VINDPLAATS_CKAN_SITE_DESCRIPTION},
 * {@code VINDPLAATS_CKAN_HIDE_VERSION}, {@code VINDPLAATS_CKAN_DEFAULT_SORT} and
 * {@code VINDPLAATS_CKAN_DONL_STRICT}. The site URL is the service's public base URL.
 *
 * @param hideVersion CKAN's ckan.hide_version: status_show leaves out ckan_version except for sysadmins
 * @param defaultSort CKAN's ckan.search.default_package_sort
 * @param strictDonl  refuse datasets that lack a mandatory DCAT-AP-DONL field (data.overheid.nl's rule)
 */
public record CkanSite(String siteTitle, String siteDescription, String siteUrl, boolean hideVersion,
                       String defaultSort, boolean strictDonl) {
    /** The CKAN API level this adapter follows (raw tokens, anonymous JSONP: 2.10). */
    public static final String CKAN_VERSION = "2.10.0";

    public static CkanSite defaults() {
        return new CkanSite("Vindplaats", "Datasets van de Nederlandse overheid", null, false,
                "score desc, metadata_modified desc", false);
    }

    public static CkanSite fromEnvironment() {
        CkanSite d = defaults();
        return new CkanSite(setting("VINDPLAATS_CKAN_SITE_TITLE", d.siteTitle()),
                setting("VINDPLAATS_CKAN_SITE_DESCRIPTION", d.siteDescription()),
                null,
                Boolean.parseBoolean(setting("VINDPLAATS_CKAN_HIDE_VERSION", "false")),
                setting("VINDPLAATS_CKAN_DEFAULT_SORT", d.defaultSort()),
                Boolean.parseBoolean(setting("VINDPLAATS_CKAN_DONL_STRICT", "false")));
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

    private static String setting(String name, String fallback) {
        String env = System.getenv(name);
        return env == null || env.isBlank() ? fallback : env;
    }
}

package nl.vindplaats.datasets;

/**
 * Site settings of the CKAN-compatible API, from environment variables (or system properties of
 * the same name in lower case with dots, for tests): {@code VINDPLAATS_CKAN_SITE_TITLE},
 * {@code VINDPLAATS_CKAN_HIDE_VERSION}, {@code VINDPLAATS_CKAN_DEFAULT_SORT},
 * {@code VINDPLAATS_CKAN_DONL_STRICT}.
 *
 * @param hideVersion CKAN's ckan.hide_version: status_show leaves out ckan_version except for sysadmins
 * @param defaultSort CKAN's ckan.search.default_package_sort
 * @param strictDonl  refuse datasets that lack a mandatory DCAT-AP-DONL field (data.overheid.nl's rule)
 */
public record CkanSite(String siteTitle, String siteDescription, String siteUrl, boolean hideVersion,
                       String defaultSort, boolean strictDonl) {
    /** The CKAN API level this adapter follows (raw tokens, anonymous JSONP: 2.10). */
    static final String CKAN_VERSION = "2.10.0";

    public static CkanSite fromEnvironment(String siteUrl) {
        return new CkanSite(setting("VINDPLAATS_CKAN_SITE_TITLE", "Vindplaats"),
                setting("VINDPLAATS_CKAN_SITE_DESCRIPTION", "Datasets van de Nederlandse overheid"),
                siteUrl,
                Boolean.parseBoolean(setting("VINDPLAATS_CKAN_HIDE_VERSION", "false")),
                setting("VINDPLAATS_CKAN_DEFAULT_SORT", "score desc, metadata_modified desc"),
                Boolean.parseBoolean(setting("VINDPLAATS_CKAN_DONL_STRICT", "false")));
    }

    private static String setting(String name, String fallback) {
        String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        if (property != null) {
            return property;
        }
        String env = System.getenv(name);
        return env == null || env.isBlank() ? fallback : env;
    }
}

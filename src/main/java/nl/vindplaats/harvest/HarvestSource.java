package nl.vindplaats.harvest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * Where records come from: a remote catalogue of one {@code type} at {@code url}, filling the records of one
 * organisation (a TOOI URI), harvested on a schedule ({@code null}: only on request).
 *
 * @param options type-specific settings, and {@code trustedToNameOrganisation}: the harvested metadata may name
 *                another organisation of this platform as the record's owner (as ckanext-harvest's
 *                {@code remote_orgs}); otherwise every record belongs to {@code organisation}
 */
public record HarvestSource(String id, String type, String url, String organisation, String title,
                            Duration schedule, ObjectNode options) {
    public static final String TRUSTED_TO_NAME_ORGANISATION = "trustedToNameOrganisation";

    public boolean trustedToNameOrganisation() {
        return options.path(TRUSTED_TO_NAME_ORGANISATION).asBoolean(false);
    }

    /** The URL without a trailing slash, to append paths to. */
    public String baseUrl() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

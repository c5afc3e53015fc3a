package nl.vindplaats.register;

import java.util.Map;

/** Dutch labels for the filter groups and their values, as the register's pages show them. */
final class FilterLabels {
    private static final Map<String, String> GROUPS = Map.of(
            "organisation", "Organisatie", "status", "Levenscyclus", "auth", "Authenticatie",
            "apiType", "API-type", "adrScore", "API Design Rules-score", "oasStatus", "Specificatie",
            "availability", "Beschikbaarheid");

    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("status.active", "Actief"), Map.entry("status.deprecated", "Verouderd"),
            Map.entry("status.sunset", "Uitfasering aangekondigd"), Map.entry("status.retired", "Buiten gebruik"),
            Map.entry("auth.none", "Geen"), Map.entry("auth.api_key", "API-sleutel"),
            Map.entry("auth.mutual_tls", "Mutual TLS"), Map.entry("auth.oauth2", "OAuth 2.0"),
            Map.entry("auth.openid", "OpenID Connect"), Map.entry("auth.ip_whitelist", "IP-allowlist"),
            Map.entry("auth.unknown", "Onbekend"),
            Map.entry("apiType.rest_json", "REST/JSON"), Map.entry("apiType.rest_xml", "REST/XML"),
            Map.entry("apiType.soap_xml", "SOAP/XML"), Map.entry("apiType.grpc", "gRPC"),
            Map.entry("apiType.graphql", "GraphQL"), Map.entry("apiType.sparql", "SPARQL"),
            Map.entry("apiType.wfs", "WFS"), Map.entry("apiType.wms", "WMS"), Map.entry("apiType.odata", "OData"),
            Map.entry("apiType.unknown", "Onbekend"),
            Map.entry("oasStatus.unknown", "Niet opgehaald"), Map.entry("oasStatus.valid", "Geldig"),
            Map.entry("oasStatus.invalid", "Ongeldig"), Map.entry("oasStatus.unreachable", "Onbereikbaar"),
            Map.entry("availability.up", "Bereikbaar"), Map.entry("availability.down", "Onbereikbaar"),
            Map.entry("availability.unknown", "Niet gemeten"));

    private FilterLabels() {
    }

    static String group(String key) {
        return GROUPS.getOrDefault(key, key);
    }

    static String value(String group, String value) {
        return VALUES.getOrDefault(group + "." + value, value);
    }
}

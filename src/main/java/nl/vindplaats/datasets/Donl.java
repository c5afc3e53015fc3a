package nl.vindplaats.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** The DCAT-AP-DONL 1.1 fields as data.overheid.nl's CKAN names them, and the theme hierarchy. */
public final class Donl {
    /** Dataset fields of the profile (beyond CKAN's core fields), shown top-level in package_show. */
    static final List<String> DATASET_FIELDS = List.of("identifier", "alternate_identifier", "language",
            "metadata_language", "theme", "modified", "authority", "publisher", "contact_point_name",
            "contact_point_email", "contact_point_website", "contact_point_phone", "contact_point_address",
            "contact_point_title", "access_rights", "dataset_status", "spatial_scheme", "spatial_value",
            "temporal_label", "temporal_start", "temporal_end", "conforms_to", "related_resource", "source",
            "has_version", "is_version_of", "issued", "version_notes", "legal_foundation_ref",
            "legal_foundation_label", "legal_foundation_uri", "high_value", "basis_register", "referentie_data",
            "national_coverage", "source_catalog", "date_planned", "documentation", "frequency", "provenance",
            "sample", "changetype");

    /** Dataset fields that hold a list; a single string is accepted for them. */
    static final Set<String> MULTI_VALUED = Set.of("alternate_identifier", "language", "theme", "spatial_scheme",
            "spatial_value", "conforms_to", "related_resource", "source", "has_version", "is_version_of",
            "documentation", "provenance", "sample");

    static final Set<String> RESOURCE_MULTI_VALUED = Set.of("language", "download_url", "linked_schemas",
            "documentation");

    private static final Map<String, String> TOP_THEME = loadHierarchy();
    private static final Set<String> TOP_THEMES = Set.copyOf(TOP_THEME.values());

    private static final String EU = "http://publications.europa.eu/resource/authority/";
    private static final String OWMS = "http://standaarden.overheid.nl/owms/4.0/doc/";
    static final Pattern LANGUAGE = Pattern.compile("https?://publications\\.europa\\.eu/resource/authority/language/[A-Z]{3}");
    static final Set<String> DATASET_STATUSES = Set.of("http://data.overheid.nl/status/beschikbaar",
            "http://data.overheid.nl/status/gepland", "http://data.overheid.nl/status/in_onderzoek",
            "http://data.overheid.nl/status/niet_beschikbaar");
    static final Set<String> ACCESS_RIGHTS = Set.of(EU + "access-right/PUBLIC", EU + "access-right/NON_PUBLIC",
            EU + "access-right/RESTRICTED");
    static final Pattern FREQUENCY = Pattern.compile(Pattern.quote(EU + "frequency/") + "[A-Z_0-9]+");
    static final Pattern FILE_TYPE = Pattern.compile(Pattern.quote(EU + "file-type/") + "[A-Z_0-9]+");
    static final Pattern MEDIA_TYPE = Pattern.compile(
            "(https?://www\\.iana\\.org/assignments/media-types/)?[a-z]+/[A-Za-z0-9.+_-]+");
    static final Set<String> DISTRIBUTION_STATUSES = Set.of("http://purl.org/adms/status/Completed",
            "http://purl.org/adms/status/Deprecated", "http://purl.org/adms/status/UnderDevelopment",
            "http://purl.org/adms/status/Withdrawn");
    /** Spatial schemes with the pattern their values must have (null: any value of the named list). */
    static final Map<String, Pattern> SPATIAL_SCHEMES = spatialSchemes();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?");
    private static final List<String> BOOLEANS = List.of("high_value", "basis_register", "referentie_data",
            "national_coverage");
    static final String AVAILABLE = "http://data.overheid.nl/status/beschikbaar";
    static final String PUBLIC = EU + "access-right/PUBLIC";

    private static Map<String, Pattern> spatialSchemes() {
        Map<String, Pattern> schemes = new java.util.LinkedHashMap<>();
        schemes.put(OWMS + "waardelijsten/overheid.gemeente", Pattern.compile("https?://standaarden\\.overheid\\.nl/owms/terms/.+"));
        schemes.put(OWMS + "waardelijsten/overheid.provincie", Pattern.compile("https?://standaarden\\.overheid\\.nl/owms/terms/.+"));
        schemes.put(OWMS + "waardelijsten/overheid.waterschap", Pattern.compile("https?://standaarden\\.overheid\\.nl/owms/terms/.+"));
        schemes.put(OWMS + "waardelijsten/overheid.koninkrijksdeel", Pattern.compile("https?://standaarden\\.overheid\\.nl/owms/terms/.+"));
        schemes.put(OWMS + "syntax-codeerschemas/overheid.epsg28992", Pattern.compile("\\d{6}(\\.\\d{3})? \\d{6}(\\.\\d{3})?"));
        schemes.put(OWMS + "syntax-codeerschemas/overheid.postcodehuisnummer",
                Pattern.compile("[1-9]\\d{3}([A-Z]{2}(\\d+(\\S+)?)?)?"));
        return java.util.Collections.unmodifiableMap(schemes);
    }

    /**
     * Checks the DCAT-AP-DONL fields of a dataset body (multi-valued fields given as one string become
     * lists). Values are always checked against their value lists; mandatory fields only when
     * {@code strict} (data.overheid.nl's own rule set), so that plain CKAN clients keep working.
     */
    static void validateDataset(ObjectNode body, ObjectNode errors, Predicate<String> knownOrganisation,
                                boolean strict) {
        for (String field : MULTI_VALUED) {
            JsonNode value = body.get(field);
            if (value != null && !value.isArray()) {
                ArrayNode list = body.putArray(field);
                values(value).forEach(list::add);
            } else if (value != null) {
                List<String> items = values(value);
                if (new java.util.HashSet<>(items).size() != items.size()) {
                    PackageSchema.error(errors, field, "Duplicate values are not allowed");
                }
            }
        }
        check(body, errors, "language", v -> LANGUAGE.matcher(v).matches(), "donl:language");
        check(body, errors, "metadata_language", v -> LANGUAGE.matcher(v).matches(), "donl:language");
        check(body, errors, "theme", Donl::isTheme, "overheid:taxonomiebeleidsagenda");
        check(body, errors, "dataset_status", DATASET_STATUSES::contains, "overheid:datasetStatus");
        check(body, errors, "access_rights", ACCESS_RIGHTS::contains, "overheid:openbaarheidsniveau");
        check(body, errors, "frequency", v -> FREQUENCY.matcher(v).matches(), "overheid:frequency");
        check(body, errors, "authority", knownOrganisation, "donl:organization");
        check(body, errors, "publisher", knownOrganisation, "donl:organization");
        check(body, errors, "spatial_scheme", SPATIAL_SCHEMES::containsKey, "overheid:spatial_scheme");
        check(body, errors, "contact_point_email", v -> EMAIL.matcher(v).matches(), "an e-mail address");
        for (String field : List.of("modified", "issued", "temporal_start", "temporal_end", "date_planned")) {
            check(body, errors, field, v -> DATE_TIME.matcher(v).matches(), "a date (YYYY-MM-DDTHH:MM:SS)");
        }
        for (String field : BOOLEANS) {
            JsonNode value = body.get(field);
            if (value != null && !value.isBoolean()) {
                String text = value.asText().toLowerCase(java.util.Locale.ROOT);
                if (text.equals("true") || text.equals("false")) {
                    body.put(field, Boolean.parseBoolean(text));
                } else {
                    PackageSchema.error(errors, field, "Must be true or false");
                }
            }
        }
        List<String> schemes = values(body.get("spatial_scheme"));
        List<String> spatialValues = values(body.get("spatial_value"));
        if (schemes.size() != spatialValues.size()) {
            PackageSchema.error(errors, "spatial_value", "spatial_scheme and spatial_value must have as many values");
        } else {
            for (int i = 0; i < schemes.size(); i++) {
                Pattern pattern = SPATIAL_SCHEMES.get(schemes.get(i));
                if (pattern != null && !pattern.matcher(spatialValues.get(i)).matches()) {
                    PackageSchema.error(errors, "spatial_value", "value " + spatialValues.get(i)
                            + " does not match the scheme " + schemes.get(i));
                }
            }
        }
        String license = body.path("license_id").asText(null);
        if (license != null && license.startsWith("http") && Licenses.find(license).isEmpty()) {
            PackageSchema.error(errors, "license_id", "value is part of the list donl:license");
        }
        if (AVAILABLE.equals(body.path("dataset_status").asText(AVAILABLE))
                && PUBLIC.equals(body.path("access_rights").asText(PUBLIC)) && license != null
                && Licenses.find(license).map(l -> !l.open()).orElse(false)) {
            PackageSchema.error(errors, "license_id",
                    "An available dataset with public access rights requires an open license");
        }
        if (strict) {
            for (String field : List.of("identifier", "notes", "metadata_language", "language", "theme",
                    "modified", "authority", "publisher", "contact_point_name", "license_id")) {
                if (values(body.get(field)).isEmpty()) {
                    PackageSchema.error(errors, field, "Missing value");
                }
            }
            if (values(body.get("contact_point_email")).isEmpty() && values(body.get("contact_point_website")).isEmpty()
                    && values(body.get("contact_point_phone")).isEmpty()) {
                PackageSchema.error(errors, "contact_point_email",
                        "One of contact_point_email, contact_point_website or contact_point_phone is required");
            }
        }
    }

    /** Checks the DCAT-AP-DONL fields of one resource (distribution). */
    static void validateResource(ObjectNode resource, int position, ObjectNode errors) {
        ObjectNode own = Json.object();
        for (String field : RESOURCE_MULTI_VALUED) {
            JsonNode value = resource.get(field);
            if (value != null && !value.isArray() && !value.isNull()) {
                ArrayNode list = resource.putArray(field);
                values(value).forEach(list::add);
            }
        }
        check(resource, own, "language", v -> LANGUAGE.matcher(v).matches(), "donl:language");
        check(resource, own, "metadata_language", v -> LANGUAGE.matcher(v).matches(), "donl:language");
        check(resource, own, "format", v -> !v.startsWith("http") || FILE_TYPE.matcher(v).matches(), "mdr:filetype");
        check(resource, own, "media_type", v -> MEDIA_TYPE.matcher(v).matches(), "iana:mediatypes");
        check(resource, own, "status", DISTRIBUTION_STATUSES::contains, "adms:distributiestatus");
        JsonNode size = resource.get("size");
        if (size != null && !size.isNull() && !size.asText().matches("\\d+")) {
            PackageSchema.error(own, "size", "Must be a natural number");
        }
        String license = resource.path("license_id").asText(null);
        if (license != null && license.startsWith("http") && Licenses.find(license).isEmpty()) {
            PackageSchema.error(own, "license_id", "value is part of the list donl:license");
        }
        if (!own.isEmpty()) {
            ArrayNode list = errors.has("resources") && errors.get("resources").isArray()
                    && errors.get("resources").path(0).isObject() ? (ArrayNode) errors.get("resources")
                    : errors.putArray("resources");
            while (list.size() < position) {
                list.addObject();
            }
            list.add(own);
        }
    }

    private static void check(ObjectNode body, ObjectNode errors, String field, Predicate<String> valid, String list) {
        for (String value : values(body.get(field))) {
            if (!valid.test(value)) {
                PackageSchema.error(errors, field, "value " + value + " is not part of the list " + list);
            }
        }
    }

    private Donl() {
    }

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("NLD", "Nederlands", "ENG", "Engels",
            "FRY", "Fries", "DEU", "Duits", "FRA", "Frans", "PAP", "Papiaments");

    /**
     * A display name for a value-list URI: licences by their title, languages by their Dutch name,
     * other concepts by the last segment of their URI (Huisvesting_(thema) → Huisvesting (thema)).
     */
    public static String displayName(String field, String value) {
        if (value == null || !value.startsWith("http")) {
            return value;
        }
        if (field.equals("license_id")) {
            return Licenses.find(value).map(Licenses.License::title).orElse(value);
        }
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '/') {
            end--;
        }
        String last = value.substring(value.lastIndexOf('/', end - 1) + 1);
        if (field.equals("language") || field.equals("metadata_language")) {
            return LANGUAGE_NAMES.getOrDefault(last, last);
        }
        if (!DATASET_FIELDS.contains(field) || field.equals("identifier") || field.equals("authority")
                || field.equals("publisher")) {
            return value;
        }
        return java.net.URLDecoder.decode(last, java.nio.charset.StandardCharsets.UTF_8).replace('_', ' ');
    }

    /** The values of a field that may hold one value or a list. */
    static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(v -> {
                if (!v.isNull() && !v.asText().isBlank()) {
                    values.add(v.asText());
                }
            });
        } else if (!node.asText().isBlank()) {
            values.add(node.asText());
        }
        return values;
    }

    static Optional<String> topTheme(String theme) {
        return Optional.ofNullable(TOP_THEME.get(theme));
    }

    static Set<String> topThemes() {
        return TOP_THEMES;
    }

    static boolean isTheme(String uri) {
        return TOP_THEME.containsKey(uri) || TOP_THEME.containsValue(uri);
    }

    private static Map<String, String> loadHierarchy() {
        try (InputStream in = Donl.class.getClassLoader().getResourceAsStream("dcat/donl_hierarchy_theme.json")) {
            ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(in);
            Map<String, String> top = new HashMap<>();
            tree.properties().forEach(e -> top.put(e.getKey(), e.getValue().get(0).asText()));
            return Map.copyOf(top);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package nl.vindplaats.datasets;

import java.util.List;

/**
 * A dataset tidied for people (the portal): text trimmed, blank values left out, the title falling back to the
 * name. The model keeps text as written, since the RDF and the CKAN dict give it back so.
 */
final class ReadableDataset {
    private ReadableDataset() {
    }

    static Dataset of(Dataset d) {
        String name = d.name() == null ? "" : d.name();
        String title = text(d.title());
        Dataset.Contact c = d.contact();
        Dataset.Period t = d.temporal();
        return new Dataset(text(d.id()), name, title != null ? title : name, text(d.description()),
                text(d.identifier()), text(d.organisationId()), text(d.publisher()), text(d.authority()),
                d.themes().stream().filter(theme -> !theme.uri().isBlank()).toList(), nonBlank(d.languages()),
                text(d.metadataLanguage()), concept("license_id", d.licence()),
                concept("dataset_status", d.status()), concept("access_rights", d.accessRights()),
                concept("frequency", d.frequency()), d.keywords(),
                new Dataset.Contact(text(c.name()), text(c.email()), text(c.phone()), text(c.website()),
                        text(c.address()), text(c.title())),
                text(d.landingPage()), text(d.version()), text(d.releaseDate()), text(d.modificationDate()),
                new Dataset.Period(text(t.label()), text(t.start()), text(t.end())), nonBlank(d.conformsTo()),
                d.created(), d.modified(), d.distributions().stream().map(ReadableDataset::of).toList());
    }

    private static Distribution of(Distribution r) {
        String format = r.format() == null ? null : text(r.format().uri());
        return new Distribution(text(r.id()), text(r.name()), text(r.description()), text(r.accessUrl()),
                nonBlank(r.downloadUrls()), r.uploaded(),
                format == null ? null : new Dataset.Concept(format, CkanDatasetMapping.fileTypeLabel(format)),
                text(r.mediaType()), text(r.detectedMediaType()), concept("license_id", r.licence()),
                text(r.byteSize()), nonBlank(r.languages()), text(r.status()));
    }

    /** Trimmed, or null when blank. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        return text.isEmpty() ? null : text;
    }

    private static Dataset.Concept concept(String field, Dataset.Concept concept) {
        String uri = concept == null ? null : text(concept.uri());
        return uri == null ? null : new Dataset.Concept(uri, Donl.displayName(field, uri));
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> !v.isBlank()).toList();
    }
}

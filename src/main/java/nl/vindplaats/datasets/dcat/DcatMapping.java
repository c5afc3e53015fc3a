package nl.vindplaats.datasets.dcat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.Licenses;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VCARD4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DCAT-AP (2.x, 3.x, DCAT-AP-DONL) in RDF to the dataset dict this store holds — the inverse of what
 * {@link DcatApi} publishes: dataset properties to the DONL fields, each {@code dcat:Distribution} to a resource.
 * Values are taken as given; the package schema judges them, so that a value outside DONL's lists fails that record
 * with the schema's reason.
 */
final class DcatMapping {
    private static final String ADMS = "http://www.w3.org/ns/adms#";
    private static final String IANA = "https://www.iana.org/assignments/media-types/";
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(T\\d{2}:\\d{2}:\\d{2})?.*");
    /** CKAN's tag rule: letters, digits, space, {@code - _ .}; at most 100 characters. */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} _.-]{2,100}");

    /**
     * One catalogue dataset: its guid (the dataset URI, else {@code dct:identifier}; null when it has neither), its
     * page at the source, and its dict (without id, name, owner and the harvest's marks).
     */
    record Mapped(String guid, String original, String publisher, ObjectNode data) {
    }

    private DcatMapping() {
    }

    /** The datasets of one catalogue page, in a stable order. */
    static List<Mapped> datasets(Model model) {
        List<Mapped> out = new ArrayList<>();
        List<Resource> found = model.listSubjectsWithProperty(RDF.type, DCAT.Dataset).toList();
        found.sort(Comparator.comparing(Resource::toString));
        for (Resource ds : found) {
            out.add(dataset(ds));
        }
        return out;
    }

    static Mapped dataset(Resource ds) {
        ObjectNode d = Json.object();
        String title = text(ds, DCTerms.title);
        d.put("title", title);
        put(d, "notes", text(ds, DCTerms.description));
        String identifier = text(ds, DCTerms.identifier);
        put(d, "identifier", identifier);
        ArrayNode tags = d.putArray("tags");
        for (String keyword : texts(ds, DCAT.keyword)) {
            if (TAG.matcher(keyword).matches()) {
                tags.addObject().put("name", keyword);
            }
        }
        list(d, "language", uris(ds, DCTerms.language));
        list(d, "theme", uris(ds, DCAT.theme));
        put(d, "modified", date(ds, DCTerms.modified));
        put(d, "issued", date(ds, DCTerms.issued));
        Optional<String> publisher = uri(ds, DCTerms.publisher);
        uri(ds, DCTerms.accessRights).ifPresent(v -> d.put("access_rights", v));
        uri(ds, DCTerms.accrualPeriodicity).ifPresent(v -> d.put("frequency", v));
        uri(ds, DCAT.landingPage).ifPresent(v -> d.put("url", v));
        put(d, "version", text(ds, OWL.versionInfo));
        list(d, "conforms_to", uris(ds, DCTerms.conformsTo));
        Resource contact = resource(ds, DCAT.contactPoint);
        if (contact != null) {
            put(d, "contact_point_name", text(contact, VCARD4.fn));
            uri(contact, VCARD4.hasEmail).map(e -> e.replaceFirst("^mailto:", ""))
                    .ifPresent(e -> d.put("contact_point_email", e));
            uri(contact, VCARD4.hasURL).ifPresent(w -> d.put("contact_point_website", w));
        }
        Resource period = resource(ds, DCTerms.temporal);
        if (period != null) {
            put(d, "temporal_start", date(period, DCAT.startDate));
            put(d, "temporal_end", date(period, DCAT.endDate));
        }
        ArrayNode resources = d.putArray("resources");
        String datasetLicense = null;
        List<Resource> distributions = new ArrayList<>();
        ds.listProperties(DCAT.distribution).forEachRemaining(s -> {
            if (s.getObject().isResource()) {
                distributions.add(s.getObject().asResource());
            }
        });
        distributions.sort(Comparator.comparing(Resource::toString));
        for (Resource dist : distributions) {
            ObjectNode r = distribution(dist);
            if (datasetLicense == null && r.hasNonNull("license_id")) {
                datasetLicense = r.get("license_id").asText();
            }
            resources.add(r);
        }
        if (datasetLicense != null) {
            d.put("license_id", datasetLicense);
        }
        String guid = ds.isURIResource() ? ds.getURI() : identifier;
        String original = ds.isURIResource() && ds.getURI().startsWith("http") ? ds.getURI()
                : d.path("url").asText(null);
        return new Mapped(guid == null || guid.isBlank() ? null : guid, original, publisher.orElse(null), d);
    }

    private static ObjectNode distribution(Resource dist) {
        ObjectNode r = Json.object();
        // The distribution's URI, as ckanext-dcat keeps it, lets a later run recognise the resource.
        r.put("uri", dist.isURIResource() ? dist.getURI() : null);
        Optional<String> access = uri(dist, DCAT.accessURL);
        List<String> downloads = uris(dist, DCAT.downloadURL);
        r.put("url", access.orElse(downloads.isEmpty() ? "" : downloads.get(0)));
        put(r, "name", text(dist, DCTerms.title));
        put(r, "description", text(dist, DCTerms.description));
        uri(dist, DCTerms.format).or(() -> Optional.ofNullable(text(dist, DCTerms.format)))
                .ifPresent(f -> r.put("format", f));
        uri(dist, DCAT.mediaType).or(() -> Optional.ofNullable(text(dist, DCAT.mediaType)))
                .map(m -> m.startsWith(IANA) ? m.substring(IANA.length()) : m)
                .ifPresent(m -> r.put("media_type", m));
        uri(dist, DCTerms.license).flatMap(DcatMapping::licenseId).ifPresent(l -> r.put("license_id", l));
        String size = text(dist, DCAT.byteSize);
        if (size != null && size.matches("\\d+(\\.0+)?")) {
            r.put("size", Long.parseLong(size.replaceFirst("\\..*", "")));
        }
        if (!downloads.isEmpty()) {
            ArrayNode list = r.putArray("download_url");
            downloads.forEach(list::add);
        }
        List<String> languages = uris(dist, DCTerms.language);
        if (!languages.isEmpty()) {
            ArrayNode list = r.putArray("language");
            languages.forEach(list::add);
        }
        uri(dist, dist.getModel().createProperty(ADMS, "status")).ifPresent(s -> r.put("status", s));
        return r;
    }

    /** The licence of ours whose URL (or id) this is; DONL's licences are named by their URI. */
    private static Optional<String> licenseId(String url) {
        return Licenses.ALL.stream().filter(l -> l.url().equals(url) || l.id().equals(url)).map(Licenses.License::id)
                .findFirst();
    }

    private static void put(ObjectNode d, String field, String value) {
        if (value != null && !value.isBlank()) {
            d.put(field, value);
        }
    }

    private static void list(ObjectNode d, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode list = d.putArray(field);
            values.forEach(list::add);
        }
    }

    /**
     * A literal as written (ckanext-dcat keeps a literal's text as it is), Dutch first, then untagged, then any
     * language (DONL catalogues are Dutch).
     */
    static String text(Resource subject, Property property) {
        String best = null;
        int rank = Integer.MAX_VALUE;
        for (Statement s : subject.listProperties(property).toList()) {
            if (!s.getObject().isLiteral()) {
                continue;
            }
            String language = s.getLiteral().getLanguage();
            int r = language.startsWith("nl") ? 0 : language.isEmpty() ? 1 : 2;
            String value = s.getLiteral().getLexicalForm();
            if (r < rank || (r == rank && best != null && value.compareTo(best) < 0)) {
                best = value;
                rank = r;
            }
        }
        return best;
    }

    private static List<String> texts(Resource subject, Property property) {
        List<String> out = new ArrayList<>();
        for (Statement s : subject.listProperties(property).toList()) {
            if (s.getObject().isLiteral()) {
                out.add(s.getLiteral().getLexicalForm().strip());
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> uris(Resource subject, Property property) {
        List<String> out = new ArrayList<>();
        for (Statement s : subject.listProperties(property).toList()) {
            RDFNode o = s.getObject();
            if (o.isURIResource()) {
                out.add(o.asResource().getURI());
            }
        }
        out.sort(null);
        return out;
    }

    private static Optional<String> uri(Resource subject, Property property) {
        List<String> all = uris(subject, property);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static Resource resource(Resource subject, Property property) {
        Statement s = subject.getProperty(property);
        return s != null && s.getObject().isResource() ? s.getObject().asResource() : null;
    }

    /** An xsd:date or xsd:dateTime as DONL writes dates: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, without a zone. */
    private static String date(Resource subject, Property property) {
        String value = text(subject, property);
        if (value == null) {
            return null;
        }
        value = value.strip();
        Matcher m = DATE_TIME.matcher(value);
        if (!m.matches()) {
            return value; // the schema says what is wrong with it
        }
        return m.group(2) == null ? m.group(1) : m.group(1) + m.group(2);
    }
}

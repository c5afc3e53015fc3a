package nl.vindplaats.datasets.dcat;

import nl.vindplaats.datasets.Dataset;
import nl.vindplaats.datasets.Distribution;
import nl.vindplaats.datasets.Licenses;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link Dataset} as DCAT-AP RDF (2.1.1 or 3.0, as data.overheid.nl's ckanext-dcat serves it): the dataset with its
 * distributions, contact point and the typed resources DCAT-AP's ranges ask for. Text is written as the publisher
 * gave it; values that are not absolute http(s) IRIs are left out where an IRI is asked for.
 */
final class DcatDatasetRdf {
    static final String ADMS = "http://www.w3.org/ns/adms#";
    private static final String IANA = "https://www.iana.org/assignments/media-types/";

    private final String siteUrl;
    private final Function<String, String> organisationName;

    /**
     * @param siteUrl          the catalogue's address: a dataset's URI is {@code <siteUrl>/dataset/<id>}
     * @param organisationName an organisation's name by its id (the id itself for one not in the directory)
     */
    DcatDatasetRdf(String siteUrl, Function<String, String> organisationName) {
        this.siteUrl = siteUrl;
        this.organisationName = organisationName;
    }

    Resource add(Model m, Dataset d, DcatApi.Profile profile) {
        String uri = siteUrl + "/dataset/" + d.id();
        String title = d.title() != null ? d.title() : d.name() != null ? d.name() : "";
        Resource ds = m.createResource(uri).addProperty(RDF.type, DCAT.Dataset)
                .addProperty(DCTerms.title, title)
                .addProperty(DCTerms.description, orElse(d.description(), title));
        ds.addProperty(DCTerms.identifier, orElse(d.identifier(), uri));
        for (String keyword : d.keywords()) {
            ds.addProperty(DCAT.keyword, keyword);
        }
        for (String language : d.languages()) {
            iri(m, language).ifPresent(l -> ds.addProperty(DCTerms.language, l.addProperty(RDF.type, DCTerms.LinguisticSystem)));
        }
        for (Dataset.Concept theme : d.themes()) {
            iri(m, theme.uri()).ifPresent(t -> ds.addProperty(DCAT.theme, t.addProperty(RDF.type, SKOS.Concept)
                    .addProperty(SKOS.prefLabel, m.createLiteral(theme.label(), "nl"))));
        }
        date(m, d.modificationDate()).ifPresent(v -> ds.addLiteral(DCTerms.modified, v));
        date(m, d.releaseDate()).ifPresent(v -> ds.addLiteral(DCTerms.issued, v));
        String publisher = d.publisher() != null ? d.publisher() : d.organisationId();
        if (publisher != null) {
            String name = organisationName.apply(publisher);
            iri(m, publisher).ifPresent(p -> ds.addProperty(DCTerms.publisher,
                    p.addProperty(RDF.type, FOAF.Agent).addProperty(FOAF.name, name)));
        }
        Dataset.Contact c = d.contact();
        if (c.name() != null || c.email() != null) {
            Resource contact = m.createResource().addProperty(RDF.type, VCARD4.Kind)
                    .addProperty(VCARD4.fn, orElse(c.name(), ""));
            if (c.email() != null) {
                contact.addProperty(VCARD4.hasEmail, m.createResource("mailto:" + c.email()));
            }
            if (c.website() != null) {
                iri(m, c.website()).ifPresent(w -> contact.addProperty(VCARD4.hasURL, w));
            }
            ds.addProperty(DCAT.contactPoint, contact);
        }
        iri(m, uriOf(d.accessRights())).ifPresent(r ->
                ds.addProperty(DCTerms.accessRights, r.addProperty(RDF.type, DCTerms.RightsStatement)));
        iri(m, uriOf(d.frequency())).ifPresent(f ->
                ds.addProperty(DCTerms.accrualPeriodicity, f.addProperty(RDF.type, DCTerms.Frequency)));
        iri(m, d.landingPage()).ifPresent(l -> ds.addProperty(DCAT.landingPage, l.addProperty(RDF.type, FOAF.Document)));
        if (d.version() != null && !d.version().isBlank()) {
            ds.addProperty(OWL.versionInfo, d.version());
        }
        if (d.temporal().start() != null || d.temporal().end() != null) {
            Resource period = m.createResource().addProperty(RDF.type, DCTerms.PeriodOfTime);
            date(m, d.temporal().start()).ifPresent(v -> period.addLiteral(DCAT.startDate, v));
            date(m, d.temporal().end()).ifPresent(v -> period.addLiteral(DCAT.endDate, v));
            ds.addProperty(DCTerms.temporal, period);
        }
        for (String standard : d.conformsTo()) {
            iri(m, standard).ifPresent(s -> ds.addProperty(DCTerms.conformsTo, s.addProperty(RDF.type, DCTerms.Standard)));
        }
        for (Distribution r : d.distributions()) {
            ds.addProperty(DCAT.distribution, distribution(m, uri, r, uriOf(d.licence()), profile));
        }
        return ds;
    }

    private static Resource distribution(Model m, String datasetUri, Distribution r, String datasetLicence,
                                         DcatApi.Profile profile) {
        Resource dist = m.createResource(datasetUri + "/resource/" + (r.id() == null ? "" : r.id()))
                .addProperty(RDF.type, DCAT.Distribution);
        iri(m, r.accessUrl()).ifPresent(u -> dist.addProperty(DCAT.accessURL, u));
        if (r.name() != null && !r.name().isBlank()) {
            dist.addProperty(DCTerms.title, r.name());
        }
        if (r.description() != null && !r.description().isBlank()) {
            dist.addProperty(DCTerms.description, r.description());
        }
        String format = uriOf(r.format());
        if (format != null && format.startsWith("http")) {
            iri(m, format).ifPresent(f -> dist.addProperty(DCTerms.format, f.addProperty(RDF.type, DCTerms.MediaTypeOrExtent)));
        }
        // The publisher's media type, else the one the catalogue found for the file.
        String mediaType = r.mediaType() != null ? r.mediaType() : orElse(r.detectedMediaType(), "");
        if (!mediaType.isBlank()) {
            iri(m, mediaType.startsWith("http") ? mediaType : IANA + mediaType)
                    .ifPresent(t -> dist.addProperty(DCAT.mediaType, t.addProperty(RDF.type, DCTerms.MediaType)));
        }
        String licence = r.licence() != null ? r.licence().uri() : datasetLicence;
        Licenses.find(licence).filter(l -> !l.url().isEmpty()).flatMap(l -> iri(m, l.url()))
                .ifPresent(l -> dist.addProperty(DCTerms.license, l.addProperty(RDF.type, DCTerms.LicenseDocument)));
        if (r.byteSize() != null && r.byteSize().matches("\\d+")) {
            // DCAT-AP 2.1.1 types the size as xsd:decimal, 3.0 as xsd:nonNegativeInteger.
            dist.addLiteral(DCAT.byteSize, m.createTypedLiteral(r.byteSize(),
                    profile == DcatApi.Profile.DCAT_AP_2 ? XSDDatatype.XSDdecimal : XSDDatatype.XSDnonNegativeInteger));
        }
        if (r.uploaded()) {
            // An uploaded file: its download URL here is where the file itself is fetched.
            iri(m, r.accessUrl()).ifPresent(u -> dist.addProperty(DCAT.downloadURL, u));
        }
        for (String download : r.downloadUrls()) {
            iri(m, download).ifPresent(u -> dist.addProperty(DCAT.downloadURL, u));
        }
        for (String language : r.languages()) {
            iri(m, language).ifPresent(l -> dist.addProperty(DCTerms.language,
                    l.addProperty(RDF.type, DCTerms.LinguisticSystem)));
        }
        iri(m, r.status()).ifPresent(s ->
                dist.addProperty(m.createProperty(ADMS, "status"), s.addProperty(RDF.type, SKOS.Concept)
                        .addProperty(SKOS.prefLabel, m.createLiteral(DcatApi.label(s.getURI()), "en"))));
        return dist;
    }

    private static String uriOf(Dataset.Concept concept) {
        return concept == null ? null : concept.uri();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A resource for a value that is an absolute http(s) IRI; other values are left out of the RDF. */
    private static Optional<Resource> iri(Model m, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return Optional.of(m.createResource(uri.toString()));
            }
        } catch (URISyntaxException e) {
            // not an IRI: nothing to link to
        }
        return Optional.empty();
    }

    /** A DONL date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS) as xsd:date or xsd:dateTime. */
    private static Optional<Literal> date(Model m, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.of(m.createTypedLiteral(value, XSDDatatype.XSDdate));
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return Optional.of(m.createTypedLiteral(value, XSDDatatype.XSDdateTime));
        }
        return Optional.empty();
    }
}

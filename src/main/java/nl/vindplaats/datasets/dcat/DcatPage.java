package nl.vindplaats.datasets.dcat;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import nl.vindplaats.harvest.SafeXml;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.rdf.model.StmtIterator;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.vocabulary.RDF;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;

/**
 * One page of a DCAT catalogue read safely: the RDF form from the answer's media type (or the option
 * {@code rdf_format}, or the URL's extension, as ckanext-dcat guesses it), RDF/XML only without a DOCTYPE (Jena's
 * reader would expand internal entities), JSON-LD without fetching any remote {@code @context} (that would be a
 * request around the harvest's address rules), and the hydra link to the next page.
 */
final class DcatPage {
    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";

    /** Why a page could not be read. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private DcatPage() {
    }

    /** The RDF language of an answer: the source's {@code rdf_format} option, else the media type, else the URL. */
    static Lang language(String option, String mediaType, String url) {
        if (option != null && !option.isBlank()) {
            Lang named = RDFLanguages.nameToLang(option);
            if (named == null) {
                named = RDFLanguages.contentTypeToLang(option);
            }
            if (named != null) {
                return named;
            }
        }
        if (mediaType != null) {
            Lang byType = RDFLanguages.contentTypeToLang(mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT));
            if (byType != null && RDFLanguages.isTriples(byType)) {
                return byType;
            }
        }
        String path = url.split("[?#]")[0];
        Lang byName = RDFLanguages.filenameToLang(path);
        return byName == null ? Lang.TURTLE : byName;
    }

    static Model parse(byte[] bytes, Lang lang, String baseUrl) throws Unreadable {
        if (Lang.RDFXML.equals(lang)) {
            String problem = SafeXml.doctypeProblem(bytes);
            if (problem != null) {
                throw new Unreadable("RDF/XML refused: " + problem);
            }
        }
        Context context = new Context();
        if (Lang.JSONLD.equals(lang) || Lang.JSONLD11.equals(lang)) {
            JsonLdOptions options = new JsonLdOptions();
            options.setDocumentLoader((uri, loaderOptions) -> {
                throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                        "remote JSON-LD contexts are not fetched from a harvest source: " + uri);
            });
            context.set(LangJSONLD11.JSONLD_OPTIONS, options);
        }
        Model model = ModelFactory.createDefaultModel();
        try {
            RDFParser.source(new ByteArrayInputStream(bytes)).lang(lang).base(baseUrl).context(context).parse(model);
        } catch (RiotException | IllegalArgumentException e) {
            throw new Unreadable("not readable as " + lang.getName() + ": " + e.getMessage());
        }
        return model;
    }

    /**
     * The next page: of a node typed {@code hydra:PartialCollectionView} or {@code hydra:PagedCollection},
     * {@code hydra:next}, else the deprecated {@code hydra:nextPage} (as ckanext-dcat's processor looks); null at the
     * last page.
     */
    static String next(Model model) {
        for (String type : List.of("PartialCollectionView", "PagedCollection")) {
            for (Resource paging : model.listSubjectsWithProperty(RDF.type, model.createResource(HYDRA + type)).toList()) {
                for (String property : List.of("next", "nextPage")) {
                    String value = value(paging, model.createProperty(HYDRA, property));
                    if (value != null && !value.isBlank()) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    private static String value(Resource subject, org.apache.jena.rdf.model.Property property) {
        StmtIterator it = subject.listProperties(property);
        try {
            while (it.hasNext()) {
                Statement s = it.next();
                RDFNode o = s.getObject();
                if (o.isURIResource()) {
                    return o.asResource().getURI();
                }
                if (o.isLiteral()) {
                    return o.asLiteral().getLexicalForm();
                }
            }
            return null;
        } finally {
            it.close();
        }
    }
}

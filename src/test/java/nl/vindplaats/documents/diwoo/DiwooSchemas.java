package nl.vindplaats.documents.diwoo;

import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The official schemas a DiWoo sitemap is checked against, all read from the class path (never from the
 * network): the sitemaps.org protocol 0.9 ({@code sitemap.xsd} and {@code siteindex.xsd}, as shipped in
 * ph-sitemap) and DiWoo metadata 0.9.8, whose import of MDTO is resolved to the local copy. A
 * {@code <url>}'s DiWoo extension is validated strictly: the sitemap schema's {@code xs:any} is
 * {@code processContents="strict"}.
 */
final class DiwooSchemas {
    /** Where diwoo-metadata.xsd imports MDTO from → the copy on the class path. */
    private static final Map<String, String> LOCAL_COPIES = Map.of(
            "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd", "diwoo/MDTO-XML1.0.1.xsd",
            "diwoo-metadata-lijsten.xsd", "diwoo/diwoo-metadata-lijsten.xsd");

    static final Schema SITEMAP = compile("schemas/sitemap-0.9.xsd", "diwoo/diwoo-metadata.xsd");
    static final Schema SITEMAP_INDEX = compile("schemas/siteindex-0.9.xsd");

    private DiwooSchemas() {
    }

    /** The schema errors of a sitemap (empty when valid), each with its line. */
    static List<String> errorsOfSitemap(String xml) {
        return errors(SITEMAP, xml);
    }

    static List<String> errorsOfIndex(String xml) {
        return errors(SITEMAP_INDEX, xml);
    }

    static List<String> errors(Schema schema, String xml) {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            errors.add("not well-formed: " + e.getMessage());
        }
        return errors;
    }

    private static Schema compile(String... resources) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setResourceResolver(new ClassPathResolver());
            StreamSource[] sources = new StreamSource[resources.length];
            for (int i = 0; i < resources.length; i++) {
                URL url = resource(resources[i]);
                sources[i] = new StreamSource(url.openStream(), url.toExternalForm());
            }
            return factory.newSchema(sources);
        } catch (Exception e) {
            throw new IllegalStateException("cannot compile " + String.join(", ", resources), e);
        }
    }

    private static URL resource(String name) {
        URL url = DiwooSchemas.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing class path resource " + name);
        }
        return url;
    }

    /** Resolves the schemas' imports and includes to class path copies; anything else is refused. */
    private static final class ClassPathResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                                       String baseUri) {
            String local = LOCAL_COPIES.get(systemId);
            if (local == null) {
                throw new IllegalStateException("schema reference not available offline: " + systemId);
            }
            URL url = resource(local);
            try {
                return new Input(url.openStream(), url.toExternalForm(), publicId);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private record Input(InputStream byteStream, String systemId, String publicId) implements LSInput {
        @Override
        public java.io.Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(java.io.Reader characterStream) {
        }

        @Override
        public InputStream getByteStream() {
            return byteStream;
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseURI) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}

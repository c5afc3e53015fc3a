package nl.vindplaats.register;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;

/** An entry as a DCAT {@code dcat:DataService} in JSON-LD, for {@code Accept: application/ld+json}. */
final class JsonLd {
    private JsonLd() {
    }

    static ObjectNode dataService(ApiEntry e, String apiBase) {
        ObjectNode doc = Json.object();
        ObjectNode context = doc.putObject("@context");
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
        doc.put("@id", apiBase + "/apis/" + e.id());
        doc.put("@type", "dcat:DataService");
        doc.put("dct:identifier", e.id());
        doc.put("dct:title", e.serviceName());
        if (e.description() != null) {
            doc.put("dct:description", e.description());
        }
        if (e.organisation() != null) {
            ObjectNode publisher = doc.putObject("dct:publisher");
            if (e.organisation().uri() != null) {
                publisher.put("@id", e.organisation().uri());
            }
            publisher.put("@type", "foaf:Organization");
            publisher.put("foaf:name", e.organisation().label());
        }
        ApiEntry.Environment production = e.production();
        if (production != null) {
            doc.putObject("dcat:endpointURL").put("@id", production.apiUrl());
            if (production.specificationUrl() != null) {
                doc.putObject("dcat:endpointDescription").put("@id", production.specificationUrl());
            }
            if (production.documentationUrl() != null) {
                doc.putObject("dcat:landingPage").put("@id", production.documentationUrl());
            }
        }
        ApiEntry.Specification spec = e.specification();
        if (spec != null && spec.oasVersion() != null) {
            String oas = spec.oasVersion().startsWith("3") ? "https://spec.openapis.org/oas/v" + spec.oasVersion()
                    : "https://swagger.io/specification/v2/";
            doc.putObject("dct:conformsTo").put("@id", oas);
        }
        if (e.contact() != null) {
            ObjectNode contact = doc.putObject("dcat:contactPoint");
            contact.put("@type", "vcard:Kind");
            if (e.contact().name() != null) {
                contact.put("vcard:fn", e.contact().name());
            }
            if (e.contact().email() != null) {
                contact.putObject("vcard:hasEmail").put("@id", "mailto:" + e.contact().email());
            }
            if (e.contact().url() != null) {
                contact.putObject("vcard:hasURL").put("@id", e.contact().url());
            }
            if (e.contact().phone() != null) {
                contact.put("vcard:hasTelephone", e.contact().phone());
            }
        }
        if (e.tags() != null && !e.tags().isEmpty()) {
            ArrayNode keywords = doc.putArray("dcat:keyword");
            e.tags().forEach(keywords::add);
        }
        return doc;
    }
}

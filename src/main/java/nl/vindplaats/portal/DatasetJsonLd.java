package nl.vindplaats.portal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.access.Organisation;
import nl.vindplaats.base.Json;
import nl.vindplaats.datasets.Dataset;
import nl.vindplaats.datasets.Distribution;

/**
 * A dataset page's schema.org {@code Dataset} in JSON-LD, for dataset search engines (Google Dataset Search reads
 * it), with what the page shows: name, description, url, identifier, keywords, licence, dates, the publisher and
 * the downloads. The properties follow ckanext-dcat's {@code schemaorg} profile.
 */
final class DatasetJsonLd {
    private DatasetJsonLd() {
    }

    /**
     * @param pageUrl the page's absolute address
     * @return JSON that may stand inside a {@code <script>} element: no {@code <}, {@code >} or {@code &} in it
     * (JSON strings carry them as {@code \}{@code u003c} etc.), so no value can close the element
     */
    static String of(Dataset d, Organisation organisation, String pageUrl, PageAddresses addresses) {
        ObjectNode ld = Json.object();
        ld.put("@context", "https://schema.org/");
        ld.put("@type", "Dataset");
        ld.put("@id", pageUrl);
        ld.put("url", pageUrl);
        ld.put("name", d.title());
        // Required by Google; a dataset without a description is described by its title.
        ld.put("description", d.description() == null || d.description().isBlank() ? d.title() : d.description());
        ld.put("identifier", d.id());
        if (!d.keywords().isEmpty()) {
            ArrayNode keywords = ld.putArray("keywords");
            d.keywords().forEach(keywords::add);
        }
        if (d.licence() != null) {
            ld.put("license", d.licence().uri() != null ? d.licence().uri() : d.licence().label());
        }
        ld.put("isAccessibleForFree", true);
        ld.put("inLanguage", "nl");
        if (d.created() != null) {
            ld.put("datePublished", d.created().toString());
        }
        if (d.modified() != null) {
            ld.put("dateModified", d.modified().toString());
        }
        if (!d.themes().isEmpty()) {
            ArrayNode about = ld.putArray("about");
            for (Dataset.Concept theme : d.themes()) {
                about.addObject().put("@type", "Thing").put("@id", theme.uri()).put("name", theme.label());
            }
        }
        if (organisation != null) {
            ObjectNode publisher = ld.putObject("publisher");
            publisher.put("@type", "Organization").put("@id", organisation.id()).put("name", organisation.name())
                    .put("url", addresses.absolute(Urls.organisation(organisation)));
            ld.set("creator", publisher.deepCopy());
        }
        if (!d.contact().isEmpty()) {
            ObjectNode contact = ld.putObject("contactPoint").put("@type", "ContactPoint");
            putIfPresent(contact, "name", d.contact().name());
            putIfPresent(contact, "email", d.contact().email());
            putIfPresent(contact, "telephone", d.contact().phone());
            putIfPresent(contact, "url", Urls.external(d.contact().website()));
        }
        ld.putObject("includedInDataCatalog").put("@type", "DataCatalog").put("name", "Vindplaats")
                .put("url", addresses.absolute("/dataset"));
        ArrayNode downloads = ld.putArray("distribution");
        for (Distribution r : d.distributions()) {
            String url = r.downloadUrls().stream().map(Urls::external).filter(u -> u != null).findFirst()
                    .orElse(Urls.external(r.accessUrl()));
            if (url == null) {
                continue;
            }
            ObjectNode download = downloads.addObject().put("@type", "DataDownload").put("contentUrl", url);
            putIfPresent(download, "name", r.name());
            putIfPresent(download, "description", r.description());
            putIfPresent(download, "encodingFormat", r.detectedMediaType() != null ? r.detectedMediaType()
                    : r.format() == null ? null : r.format().label());
            if (r.size() != null) {
                download.put("contentSize", r.size() + " B");
            }
        }
        if (downloads.isEmpty()) {
            ld.remove("distribution");
        }
        return scriptSafe(Json.write(ld));
    }

    /** {@code <}, {@code >} and {@code &} occur only inside JSON strings, where their escapes mean the same. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }
}

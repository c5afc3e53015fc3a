package nl.vindplaats.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal for machines: content negotiation on a dataset's URL, schema.org JSON-LD, canonical links, the sitemap
 * of the pages and the Atom feeds, over real HTTP against one service with the demo data.
 */
class FindablePortalTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String DATASET = "/dataset/demo-bomenkaart";
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    // --- content negotiation ---

    @Test
    void aDatasetsUrlAnswersEachDcatFormItsAcceptHeaderAsksFor() {
        String[][] forms = {{"text/turtle", "ttl"}, {"application/rdf+xml", "rdf"}, {"application/ld+json", "jsonld"}};
        for (String[] form : forms) {
            HttpResponse<String> negotiated = service.get(DATASET, "Accept", form[0]);
            assertThat(negotiated.statusCode()).as(form[0]).isEqualTo(200);
            assertThat(negotiated.headers().firstValue("Content-Type").orElse("")).startsWith(form[0]);
            assertThat(negotiated.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept"));
            HttpResponse<String> file = service.get(DATASET + "." + form[1]);
            assertThat(file.statusCode()).isEqualTo(200);
            Model byAccept = rdf(negotiated.body(), form[1]);
            assertThat(byAccept.size()).isGreaterThan(5);
            assertThat(byAccept.isIsomorphicWith(rdf(file.body(), form[1]))).as(form[0]).isTrue();
        }
    }

    @Test
    void browsersAndWildcardsGetThePageAndQualityDecides() {
        for (String accept : List.of("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*", "",
                "application/json", "text/html;q=0.9, text/turtle;q=0.5")) {
            HttpResponse<String> r = accept.isEmpty() ? service.get(DATASET) : service.get(DATASET, "Accept", accept);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(accept).startsWith("text/html");
            assertThat(r.headers().allValues("Vary")).as(accept).anyMatch(v -> v.contains("Accept"));
        }
        HttpResponse<String> turtleFirst = service.get(DATASET, "Accept", "text/html;q=0.5, text/turtle");
        assertThat(turtleFirst.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        HttpResponse<String> excluded = service.get(DATASET, "Accept", "text/turtle;q=0, text/html");
        assertThat(excluded.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    void anUnknownDatasetAskedForAsRdfIsA404InTheDcatFormsFormatNotAPage() {
        HttpResponse<String> rdf = service.get("/dataset/bestaat-niet", "Accept", "text/turtle");
        assertThat(rdf.statusCode()).isEqualTo(404);
        assertThat(rdf.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("text/html");
        HttpResponse<String> page = service.get("/dataset/bestaat-niet");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(service.get("/dataset/bestaat-niet.ttl").statusCode()).isEqualTo(404);
    }

    // --- JSON-LD and canonical links ---

    @Test
    void aDatasetPageDescribesItsDatasetInSchemaOrgJsonLd() {
        Document page = page(DATASET);
        Element script = page.selectFirst("script[type=application/ld+json]");
        assertThat(script).isNotNull();
        JsonNode ld = Json.read(script.data());
        assertThat(ld.path("@context").asText()).isEqualTo("https://schema.org/");
        assertThat(ld.path("@type").asText()).isEqualTo("Dataset");
        assertThat(ld.path("name").asText()).isEqualTo(page.selectFirst("h1").text());
        assertThat(ld.path("description").asText()).isNotBlank();
        assertThat(ld.path("url").asText()).isEqualTo(service.url(DATASET));
        assertThat(ld.path("publisher").path("@type").asText()).isEqualTo("Organization");
        assertThat(ld.path("distribution")).isNotEmpty();
        assertThat(ld.path("distribution").get(0).path("@type").asText()).isEqualTo("DataDownload");
        assertThat(ld.path("distribution").get(0).path("contentUrl").asText()).startsWith("http");
        assertThat(page.select("link[rel=alternate][type=text/turtle]").attr("href")).isEqualTo(DATASET + ".ttl");
    }

    @Test
    void aTitleThatWouldCloseTheScriptElementStaysInsideTheJsonLd() {
        String title = "</script><script>alert(1)</script> & <!--";
        ObjectNode dataset = Json.object().put("name", "jsonld-proef").put("title", title)
                .put("notes", "Beschrijving </SCRIPT> met <b>tekens</b>").put("owner_org", "gm0518");
        HttpResponse<String> created = service.post("/api/3/action/package_create", dataset.toString(),
                service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        HttpResponse<String> raw = service.get("/dataset/jsonld-proef");
        String body = raw.body();
        int start = body.indexOf("<script type=\"application/ld+json\">");
        int end = body.indexOf("</script>", start);
        String json = body.substring(start + "<script type=\"application/ld+json\">".length(), end);
        assertThat(json).doesNotContain("<").doesNotContain(">");
        assertThat(Json.read(json).path("name").asText()).isEqualTo(title);
        assertThat(Jsoup.parse(body).select("script")).hasSize(1);
    }

    @Test
    void everyPageNamesItsCanonicalAddressAndErrorPagesNone() {
        String documentPath = page("/zoeken?soort=document").selectFirst(".result a[href^=/documenten/]").attr("href");
        String apiPath = page("/zoeken?soort=api").selectFirst(".result a[href^=/apis/]").attr("href");
        for (String path : List.of("/", DATASET, documentPath, apiPath, "/organisaties/gm0363")) {
            assertThat(page(path).select("link[rel=canonical]").eachAttr("href")).as(path)
                    .containsExactly(service.url(path));
        }
        // a search in another spelling names the same address: empty parameters dropped, the rest in order
        assertThat(page("/zoeken?soort=dataset&q=bomen&organisatie=").select("link[rel=canonical]").attr("href"))
                .isEqualTo(service.url("/zoeken?q=bomen&soort=dataset"));
        HttpResponse<String> missing = service.get("/organisaties/bestaat-niet");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(missing.body()).select("link[rel=canonical]")).isEmpty();
    }

    // --- sitemap ---

    @Test
    void theSitemapListsThePagesAndRobotsTxtNamesIt() throws Exception {
        HttpResponse<String> robots = service.get("/robots.txt");
        List<String> sitemaps = robots.body().lines().filter(l -> l.startsWith("Sitemap: "))
                .map(l -> l.substring("Sitemap: ".length())).toList();
        assertThat(sitemaps.getFirst()).isEqualTo(service.url("/sitemap.xml"));

        HttpResponse<String> r = service.get("/sitemap.xml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        org.w3c.dom.Document xml = xml(r.body());
        assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("urlset");
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo(SITEMAP);
        List<String> locs = texts(xml, SITEMAP, "loc");
        assertThat(new HashSet<>(locs)).hasSameSizeAs(locs);
        assertThat(locs).contains(service.url("/"), service.url(DATASET), service.url("/organisaties/gm0363"))
                .anyMatch(l -> l.startsWith(service.url("/documenten/")))
                .anyMatch(l -> l.startsWith(service.url("/apis/")));
        for (String loc : List.of(locs.get(1), locs.get(locs.size() - 1))) {
            assertThat(service.get(loc.substring(service.url("").length())).statusCode()).as(loc).isEqualTo(200);
        }
    }

    @Test
    void overItsSizeTheSitemapIsAnIndexWhosePartsListEveryPageOnce() throws Exception {
        try (TestService small = TestService.start(TestService.Store.SQLITE,
                c -> c.with(c.instance().withDemo(true)).with(c.portal().withPageSitemapSize(25)))) {
            org.w3c.dom.Document index = xml(small.get("/sitemap.xml").body());
            assertThat(index.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
            List<String> parts = texts(index, SITEMAP, "loc");
            assertThat(parts).hasSizeGreaterThan(1).first().isEqualTo(small.url("/sitemap-1.xml"));
            List<String> all = new ArrayList<>();
            for (String part : parts) {
                List<String> locs = texts(xml(small.get(part.substring(small.url("").length())).body()), SITEMAP,
                        "loc");
                assertThat(locs).hasSizeBetween(1, 25);
                all.addAll(locs);
            }
            assertThat(new HashSet<>(all)).hasSameSizeAs(all).contains(small.url("/"), small.url(DATASET));
            assertThat(all.size()).isGreaterThan(25 * (parts.size() - 1));
            assertThat(small.get("/sitemap-" + (parts.size() + 1) + ".xml").statusCode()).isEqualTo(404);
            assertThat(small.get("/sitemap-0.xml").statusCode()).isEqualTo(404);
        }
    }

    // --- Atom ---

    @Test
    void aSearchHasAnAtomFeedWithTheSameFiltersLinkedFromItsPage() throws Exception {
        Document page = page("/zoeken?q=bomen&soort=dataset&pagina=1");
        String feed = page.select("link[rel=alternate][type=application/atom+xml]").attr("href");
        assertThat(feed).isEqualTo("/zoeken.atom?q=bomen&soort=dataset");
        org.w3c.dom.Document atom = atom(feed);
        List<String> links = entryLinks(atom);
        assertThat(links).contains(service.url(DATASET))
                .allMatch(l -> l.startsWith(service.url("/dataset/")));
        // the kind filter holds in the feed as on the page
        assertThat(entryLinks(atom("/zoeken.atom?soort=document"))).isNotEmpty()
                .allMatch(l -> l.startsWith(service.url("/documenten/")));
        assertThat(service.get("/zoeken.atom?soort=boek").statusCode()).isEqualTo(400);
    }

    @Test
    void anOrganisationHasAnAtomFeedOfWhatItPublishes() throws Exception {
        Document page = page("/organisaties/gm0363");
        String feed = page.select("link[rel=alternate][type=application/atom+xml]").attr("href");
        assertThat(feed).isEqualTo("/organisaties/gm0363.atom");
        org.w3c.dom.Document atom = atom(feed);
        assertThat(entryLinks(atom)).isNotEmpty();
        assertThat(service.get("/organisaties/bestaat-niet.atom").statusCode()).isEqualTo(404);
    }

    @Test
    void aDatasetsFeedHasAnEntryPerVersionNewestFirst() throws Exception {
        ObjectNode dataset = Json.object().put("name", "feed-proef").put("title", "Eerste titel")
                .put("notes", "Versie een").put("owner_org", "gm0518");
        assertThat(service.post("/api/3/action/package_create", dataset.toString(), service.asAdmin()).statusCode())
                .isEqualTo(200);
        assertThat(service.post("/api/3/action/package_patch",
                Json.object().put("id", "feed-proef").put("title", "Tweede titel").toString(),
                service.asAdmin()).statusCode()).isEqualTo(200);
        Document page = page("/dataset/feed-proef");
        assertThat(page.select("link[rel=alternate][type=application/atom+xml]").attr("href"))
                .isEqualTo("/dataset/feed-proef.atom");
        org.w3c.dom.Document atom = atom("/dataset/feed-proef.atom");
        List<String> titles = new ArrayList<>();
        NodeList entries = atom.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            titles.add(((org.w3c.dom.Element) entries.item(i)).getElementsByTagNameNS(ATOM, "title").item(0)
                    .getTextContent());
        }
        assertThat(titles).containsExactly("Gewijzigd (versie 2): Tweede titel", "Gepubliceerd: Eerste titel");
        assertThat(service.get("/dataset/bestaat-niet.atom").statusCode()).isEqualTo(404);
    }

    // --- helpers ---

    private static Document page(String path) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body(), service.url(path));
    }

    private static Model rdf(String body, String form) {
        Model model = ModelFactory.createDefaultModel();
        Lang lang = switch (form) {
            case "ttl" -> Lang.TURTLE;
            case "rdf" -> Lang.RDFXML;
            default -> Lang.JSONLD;
        };
        RDFParser.fromString(body, lang).parse(model);
        return model;
    }

    private static org.w3c.dom.Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(org.w3c.dom.Document xml, String ns, String name) {
        List<String> out = new ArrayList<>();
        NodeList nodes = xml.getElementsByTagNameNS(ns, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }

    /**
     * The feed at the path, checked against RFC 4287: a feed has one id, title and updated and an author (or
     * every entry has one), links self and alternate; every entry one id, title, updated and an alternate link;
     * ids are unique; dates are RFC 3339.
     */
    private static org.w3c.dom.Document atom(String path) throws Exception {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        org.w3c.dom.Document xml = xml(r.body());
        org.w3c.dom.Element feed = xml.getDocumentElement();
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        for (String required : List.of("id", "title", "updated")) {
            assertThat(children(feed, required)).as(required).hasSize(1);
        }
        assertThat(children(feed, "author")).isNotEmpty();
        OffsetDateTime.parse(children(feed, "updated").getFirst().getTextContent());
        assertThat(children(feed, "link").stream().map(l -> l.getAttribute("rel")))
                .contains("self", "alternate");
        Set<String> ids = new HashSet<>();
        for (org.w3c.dom.Element entry : children(feed, "entry")) {
            for (String required : List.of("id", "title", "updated")) {
                assertThat(children(entry, required)).as("entry " + required).hasSize(1);
            }
            OffsetDateTime.parse(children(entry, "updated").getFirst().getTextContent());
            assertThat(ids.add(children(entry, "id").getFirst().getTextContent())).isTrue();
            assertThat(children(entry, "link")).anyMatch(l -> l.getAttribute("rel").equals("alternate")
                    && l.getAttribute("href").startsWith("http"));
        }
        return xml;
    }

    private static List<String> entryLinks(org.w3c.dom.Document atom) {
        List<String> links = new ArrayList<>();
        for (org.w3c.dom.Element entry : children(atom.getDocumentElement(), "entry")) {
            links.add(children(entry, "link").getFirst().getAttribute("href"));
        }
        return links;
    }

    private static List<org.w3c.dom.Element> children(org.w3c.dom.Element parent, String name) {
        List<org.w3c.dom.Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && ATOM.equals(e.getNamespaceURI()) && e.getLocalName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

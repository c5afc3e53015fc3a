package nl.vindplaats.documents.diwoo;

import nl.vindplaats.documents.OpenDataFixtures;
import nl.vindplaats.documents.plooi.PlooiApiTest;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.vindplaats.documents.OpenDataFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DiWoo sitemaps as the Woo-harvester reads them, over real HTTP: robots.txt → one sitemap index per
 * Woo category → sitemaps of at most the configured number of URLs → each URL with its DiWoo metadata.
 */
class WooSitemapsTest {
    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/";
    /** 2i Woo-verzoeken en -besluiten: what the documentsoort "aanvraag ex art. 4.1 Woo" determines. */
    static final String WOO_REQUESTS = "https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532";
    /** A documentsoort that determines category 2j, onderzoeksrapporten. */
    static final String RESEARCH_REPORT = "https://identifier.overheid.nl/tooi/def/thes/kern/c_6f49bf34";
    static final String RESEARCH_REPORTS = "https://identifier.overheid.nl/tooi/def/thes/kern/c_fdaee95e";
    static final String DIWOO_WOO_REQUEST = "https://identifier.overheid.nl/tooi/def/thes/kern/c_1cf18f83";
    static final Pattern DOCUMENT_ID = Pattern.compile("/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
            + "(/[^/]+)?$");

    static TestService start(TestService.Store store) {
        return TestService.start(store, c -> c.with(c.documents().withSitemapPageSize(2)));
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void everyPublicDocumentOnceInTheSitemapsOfItsCategoryWithItsDiWooMetadata(TestService.Store store) {
        TestService service = start(store);
        try {
            String request1 = deliver(service, Spec.of("Woo-verzoek over windparken", DEFENSIE, WOO_REQUEST)
                    .description("Verzoek om documenten over windparken"));
            String request2 = deliver(service, Spec.of("Woo-verzoek over dijken", OCW, WOO_REQUEST));
            String request3 = deliver(service, Spec.of("Woo-verzoek zonder bestand", AZ, WOO_REQUEST).withoutFile());
            String report1 = deliver(service, Spec.of("Onderzoek naar de zorg", OCW, RESEARCH_REPORT));
            String report2 = deliver(service, Spec.of("Onderzoek naar het onderwijs", AZ, RESEARCH_REPORT));
            deliver(service, Spec.of("Brief zonder Woo-categorie", AZ, BRIEF));

            // robots.txt: the index of each Woo category (numbered 001 to 018 in the order of the law) that has
            // documents; an empty index would be invalid (the protocol's schema asks for one sitemap at least)
            HttpResponse<String> robots = service.get("/robots.txt");
            assertThat(robots.statusCode()).isEqualTo(200);
            assertThat(robots.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            List<String> indexes = robots.body().lines().filter(l -> l.startsWith("Sitemap: "))
                    .map(l -> l.substring("Sitemap: ".length())).filter(WooSitemapsTest::isDiwooIndex).toList();
            assertThat(indexes).containsExactly(service.url("/sitemapindex-diwoo-infocat014.xml"),
                    service.url("/sitemapindex-diwoo-infocat015.xml"));

            // pages of at most 2: the two requests with a file make one sitemap, two reports one
            assertThat(sitemapsOf(service, indexes.get(0))).hasSize(1);
            assertThat(sitemapsOf(service, indexes.get(1))).hasSize(1);
            assertThat(service.get("/sitemapindex-diwoo-infocat001.xml").statusCode()).isEqualTo(404);

            Map<String, Element> requests = harvest(service, "014");
            assertThat(requests.keySet()).containsExactlyInAnyOrder(request1, request2);
            Map<String, Element> reports = harvest(service, "015");
            assertThat(reports.keySet()).containsExactlyInAnyOrder(report1, report2);

            // loc: the file the harvester fetches
            String fileUrl = text(requests.get(request1), SITEMAP_NS, "loc");
            HttpResponse<String> file = service.get(path(fileUrl));
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");

            // lastmod: the document's last change, as the open data API reports it
            for (var entry : requests.entrySet()) {
                assertThat(text(entry.getValue(), SITEMAP_NS, "lastmod")).isEqualTo(lastModified(service,
                        entry.getKey()));
            }

            // DiWoo metadata, coded values as resource="URI" with the label
            Element diWoo = only(only(requests.get(request1), DIWOO_NS, "Document"), DIWOO_NS, "DiWoo");
            assertThat(text(diWoo, DIWOO_NS, "creatiedatum")).isEqualTo("2022-04-01");
            assertResource(only(diWoo, DIWOO_NS, "publisher"), DEFENSIE, "ministerie van Defensie");
            assertResource(only(diWoo, DIWOO_NS, "verantwoordelijke"), DEFENSIE, "ministerie van Defensie");
            assertResource(only(diWoo, DIWOO_NS, "opsteller"), AZ, "ministerie van Algemene Zaken");
            assertThat(text(only(diWoo, DIWOO_NS, "omschrijvingen"), DIWOO_NS, "omschrijving"))
                    .isEqualTo("Verzoek om documenten over windparken");
            assertThat(text(only(diWoo, DIWOO_NS, "titelcollectie"), DIWOO_NS, "officieleTitel"))
                    .isEqualTo("Woo-verzoek over windparken");
            Element classification = only(diWoo, DIWOO_NS, "classificatiecollectie");
            assertResource(only(only(classification, DIWOO_NS, "informatiecategorieen"), DIWOO_NS,
                    "informatiecategorie"), WOO_REQUESTS, "Woo-verzoek of -besluit");
            // PLOOI's "aanvraag ex art. 4.1 Woo" is not in DiWoo's list: its DiWoo type is "Wob-/Woo-verzoek"
            assertResource(only(only(classification, DIWOO_NS, "documentsoorten"), DIWOO_NS, "documentsoort"),
                    DIWOO_WOO_REQUEST, "Wob-/Woo-verzoek");
            assertResource(only(only(classification, DIWOO_NS, "themas"), DIWOO_NS, "thema"), ZORG, "zorg en gezondheid");
            assertResource(only(diWoo, DIWOO_NS, "language"),
                    "http://publications.europa.eu/resource/authority/language/NLD", "Nederlands");
            assertResource(only(diWoo, DIWOO_NS, "format"),
                    "http://publications.europa.eu/resource/authority/file-type/PDF", "PDF");
            Element handling = only(only(diWoo, DIWOO_NS, "documenthandelingen"), DIWOO_NS, "documenthandeling");
            assertResource(only(handling, DIWOO_NS, "soortHandeling"),
                    "https://identifier.overheid.nl/tooi/def/thes/kern/c_e1ec050e", "ondertekening");
            assertThat(text(handling, DIWOO_NS, "atTime")).isEqualTo("2022-08-24T14:15:22Z");
            assertResource(only(reports.get(report1), DIWOO_NS, "informatiecategorie"), RESEARCH_REPORTS,
                    "onderzoeksrapport");

            // a document without a file is not listed until its file arrives; then its loc is that file, and its
            // lastmod the moment the file made it change
            String beforeFile = lastModified(service, request3);
            HttpResponse<String> late = PlooiApiTest.sendBytes(service, "POST", PLOOI + "/documenten/" + request3,
                    "application/pdf", PDF, service.asAdmin());
            assertThat(late.statusCode()).as(late.body()).isEqualTo(202);
            awaitTextExtraction(service, request3);
            Map<String, Element> withLate = harvest(service, "014");
            assertThat(withLate.keySet()).containsExactlyInAnyOrder(request1, request2, request3);
            assertThat(service.get(path(text(withLate.get(request3), SITEMAP_NS, "loc"))).body())
                    .isEqualTo(new String(PDF, StandardCharsets.ISO_8859_1));
            assertThat(text(withLate.get(request3), SITEMAP_NS, "lastmod")).isEqualTo(lastModified(service, request3))
                    .isNotEqualTo(beforeFile);

            // unknown categories and pages are clear 404s
            for (String missing : List.of("/sitemapindex-diwoo-infocat000.xml", "/sitemapindex-diwoo-infocat019.xml",
                    "/sitemapindex-diwoo-infocatabc.xml", "/sitemaps/diwoo-infocat014-3.xml",
                    "/sitemaps/diwoo-infocat014-0.xml", "/sitemaps/diwoo-infocat014-x.xml",
                    "/sitemaps/diwoo-infocat001-1.xml", "/sitemaps/diwoo-infocat019-1.xml")) {
                HttpResponse<String> r = service.get(missing);
                assertThat(r.statusCode()).as(missing + ": " + r.body()).isEqualTo(404);
                assertThat(r.body()).as(missing).contains("detail");
            }
        } finally {
            service.destroy();
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void withdrawnEmbargoedAndChangedDocumentsAsTheyAreNow(TestService.Store store) throws InterruptedException {
        TestService service = start(store);
        try {
            String kept = deliver(service, Spec.of("Woo-besluit over stikstof", DEFENSIE, WOO_REQUEST));
            String withdrawn = deliver(service, Spec.of("Woo-besluit dat wordt ingetrokken", DEFENSIE, WOO_REQUEST));
            String changed = deliver(service, Spec.of("Woo-besluit dat wordt gewijzigd", OCW, WOO_REQUEST));
            Instant moment = Instant.now().plusSeconds(12);
            String embargoed = deliver(service, Spec.of("Woo-besluit onder embargo", OCW, WOO_REQUEST)
                    .embargoUntil(moment.toString()));
            assertThat(harvest(service, "014").keySet()).containsExactlyInAnyOrder(kept, withdrawn, changed);

            withdraw(service, withdrawn);
            assertThat(harvest(service, "014").keySet()).containsExactlyInAnyOrder(kept, changed);
            assertThat(sitemapsOf(service, service.url("/sitemapindex-diwoo-infocat014.xml"))).hasSize(1);

            // a change moves the document to the end (the most recently changed) with its new lastmod
            String before = lastModified(service, changed);
            // (the change also drops the delivered format: DiWoo's format then comes from the received file)
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) TestService.json(
                    service.get(PLOOI + "/metadata/" + changed));
            ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("document")).remove("format");
            String metadata = json.toString();
            HttpResponse<String> put = service.put(PLOOI + "/metadata/" + changed
                    + "?redenVerwijderingVervanging=" + PRIVACY, metadata, service.asAdmin());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            String after = lastModified(service, changed);
            assertThat(after).isNotEqualTo(before);
            Map<String, Element> harvested = harvest(service, "014");
            assertThat(harvested.keySet()).containsExactly(kept, changed);
            assertThat(text(harvested.get(changed), SITEMAP_NS, "lastmod")).isEqualTo(after);
            assertThat(service.get(PLOOI + "/metadata/" + changed).body()).doesNotContain("file-type/PDF");
            assertResource(only(harvested.get(changed), DIWOO_NS, "format"),
                    "http://publications.europa.eu/resource/authority/file-type/PDF", "PDF");

            // the embargoed document appears at its moment, without anything having to run
            // (a harvest is several requests: they all happen well before the moment, or after it)
            int checks = 0;
            while (Instant.now().plusSeconds(2).isBefore(moment)) {
                assertThat(harvest(service, "014")).doesNotContainKey(embargoed);
                checks++;
                Thread.sleep(300);
            }
            assertThat(checks).as("harvests before the embargo's end").isPositive();
            Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), moment).toMillis() + 100));
            assertThat(harvest(service, "014").keySet()).containsExactlyInAnyOrder(kept, changed, embargoed);
            assertThat(sitemapsOf(service, service.url("/sitemapindex-diwoo-infocat014.xml"))).hasSize(2);
        } finally {
            service.destroy();
        }
    }

    // --- the harvester's walk ---

    /**
     * Reads a category as the Woo-harvester does: robots.txt, its index (if listed), every sitemap in it. Checks each
     * file against the sitemaps protocol and each index lastmod against its sitemap; fails on a document
     * listed twice. Returns document id → its {@code <url>}, in sitemap order.
     */
    /** The Woo-index reads only the DiWoo indexes among robots.txt's sitemaps (the portal's pages are named too). */
    static boolean isDiwooIndex(String url) {
        return url.matches(".*/sitemapindex-diwoo-infocat\\d{3}\\.xml");
    }

    static Map<String, Element> harvest(TestService service, String nnn) {
        java.util.Optional<String> indexUrl = service.get("/robots.txt").body().lines()
                .filter(l -> l.startsWith("Sitemap: ")).map(l -> l.substring("Sitemap: ".length()))
                .filter(u -> u.endsWith("infocat" + nnn + ".xml")).findFirst();
        Map<String, Element> found = new LinkedHashMap<>();
        if (indexUrl.isEmpty()) { // a category without documents has no index
            return found;
        }
        for (Element sitemap : sitemapsOf(service, indexUrl.get())) {
            HttpResponse<String> r = service.get(path(text(sitemap, SITEMAP_NS, "loc")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
            Document urlset = parse(r.body());
            assertThat(urlset.getDocumentElement().getNamespaceURI()).isEqualTo(SITEMAP_NS);
            assertThat(urlset.getDocumentElement().getLocalName()).isEqualTo("urlset");
            List<Element> urls = children(urlset.getDocumentElement(), SITEMAP_NS, "url");
            assertThat(urls).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            String newest = "";
            for (Element url : urls) {
                Matcher id = DOCUMENT_ID.matcher(text(url, SITEMAP_NS, "loc"));
                assertThat(id.find()).as(text(url, SITEMAP_NS, "loc")).isTrue();
                assertThat(found.put(id.group(1), url)).as("listed twice: " + id.group(1)).isNull();
                String lastmod = text(url, SITEMAP_NS, "lastmod");
                newest = Instant.parse(lastmod).isAfter(newest.isEmpty() ? Instant.MIN : Instant.parse(newest))
                        ? lastmod : newest;
            }
            assertThat(text(sitemap, SITEMAP_NS, "lastmod")).as("the index's lastmod of a sitemap")
                    .isEqualTo(newest);
        }
        return found;
    }

    /** The {@code <sitemap>} entries of a sitemap index, after checking it against the protocol. */
    static List<Element> sitemapsOf(TestService service, String indexUrl) {
        HttpResponse<String> r = service.get(path(indexUrl));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        Document index = parse(r.body());
        assertThat(index.getDocumentElement().getNamespaceURI()).isEqualTo(SITEMAP_NS);
        assertThat(index.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
        return children(index.getDocumentElement(), SITEMAP_NS, "sitemap");
    }

    static String lastModified(TestService service, String id) {
        HttpResponse<String> r = service.get("/v1/documents/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return OpenDataFixtures.text(xml(r.body()).getDocumentElement(), "lastmodified");
    }

    // --- XML ---

    /**
     * Parses namespace-aware after validating against the official schemas: the sitemaps.org protocol
     * with, in each {@code <url>}, DiWoo 0.9.8 ({@link DiwooSchemas}).
     */
    static Document parse(String text) {
        List<String> errors = text.contains("<sitemapindex") ? DiwooSchemas.errorsOfIndex(text)
                : DiwooSchemas.errorsOfSitemap(text);
        assertThat(errors).as(text).isEmpty();
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not a valid sitemap: " + e.getMessage() + "\n" + text, e);
        }
    }

    static List<Element> children(Node parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The one descendant with this name. */
    static Element only(Element parent, String ns, String name) {
        NodeList found = parent.getElementsByTagNameNS(ns, name);
        assertThat(found.getLength()).as("<" + name + ">").isEqualTo(1);
        return (Element) found.item(0);
    }

    static String text(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        assertThat(found).as("<" + name + ">").hasSize(1);
        return found.getFirst().getTextContent();
    }

    static void assertResource(Element element, String uri, String label) {
        assertThat(element.getAttribute("resource")).isEqualTo(uri);
        assertThat(element.getTextContent()).isEqualTo(label);
    }
}

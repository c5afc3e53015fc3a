package nl.vindplaats.portal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page type in English when asked for (and still Dutch when not): the headings, {@code <html lang="en">},
 * the value lists' Dutch labels marked {@code lang="nl"}, dates, errors and feeds. Over real HTTP, read as a
 * browser reads them.
 */
class PortalPagesInEnglishTest {
    private static final String PLOOI = "/overheid/openbaarmaken/api/v0";
    private static final String ENGLISH_DAY = "\\d{1,2} (January|February|March|April|May|June|July|August|September|"
            + "October|November|December) \\d{4}";
    private static final String DUTCH_DAY = "\\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|"
            + "oktober|november|december) \\d{4}";
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
    }

    @AfterAll
    static void stop() {
        service.destroy();
    }

    // --- datasets ---

    @Test
    void datasetSearchHasEnglishHeadingsFacetsAndChosenFiltersWithDutchValuesMarked() {
        Document english = english("/dataset?q=bomen", 200);
        assertThat(english.select("h1").text()).isEqualTo("Datasets");
        assertThat(english.select(".result-count").text()).matches("\\d+ datasets? for ‘bomen’");
        assertThat(english.select("aside h3").eachText())
                .containsExactly("Theme", "Data owner", "Licence", "Source format", "Status", "Group");
        Element theme = english.selectFirst("#facet-theme + ul a");
        assertThat(theme.selectFirst("span[lang=nl]")).isNotNull();

        Document chosen = english(pathAndQuery(theme), 200);
        assertThat(chosen.select(".chosen-filters h2").text()).isEqualTo("Chosen filters");
        Element filter = chosen.selectFirst(".chosen-filters li a");
        assertThat(filter.text()).startsWith("Theme: ").endsWith("(remove filter)");
        assertThat(filter.select("span[lang=nl]")).hasSize(1);
        assertThat(chosen.select(".chosen-filters a").eachText()).contains("Remove all filters");

        Document dutch = page("/dataset?q=bomen", 200);
        assertThat(dutch.selectFirst("html").attr("lang")).isEqualTo("nl");
        assertThat(dutch.select("aside h3").eachText()).containsExactly("Thema", "Data-eigenaar", "Licentie",
                "Bronformaat", "Status", "Groep");
        assertThat(dutch.select("main [lang]")).isEmpty();
    }

    @Test
    void datasetSearchWithoutResultsAndPastTheLastPageSaysSoInEnglish() {
        Document none = english("/dataset?q=xylofoonzzq", 200);
        assertThat(none.select(".notice h2").text()).isEqualTo("No datasets found");
        assertThat(none.select(".notice p").text()).isEqualTo("No dataset was found for ‘xylofoonzzq’. What you can do:");
        assertThat(english("/dataset?page=9", 200).select(".notice h2").text()).isEqualTo("This page does not exist");
        assertThat(page("/dataset?q=xylofoonzzq", 200).select(".notice h2").text()).isEqualTo("Geen datasets gevonden");
    }

    @Test
    void datasetPageHasEnglishHeadingsEnglishDatesAndTheValueListsDutchLabelsMarked() {
        Document english = english("/dataset/demo-bomenkaart", 200);
        assertThat(english.select("h1").text()).isEqualTo("Bomen in beheer van de gemeente");
        assertThat(english.select("main h2").eachText()).containsExactly("About this dataset", "Download the data",
                "Contact", "For developers");
        assertThat(dd(english, "Themes").text()).isEqualTo("Natuur- en landschapsbeheer");
        assertThat(dd(english, "Themes").attr("lang")).isEqualTo("nl");
        assertThat(dd(english, "Licence").attr("lang")).isEqualTo("nl");
        assertThat(dd(english, "Status").attr("lang")).isEqualTo("nl");
        assertThat(dd(english, "Owner").attr("lang")).isEqualTo("nl");
        assertThat(dd(english, "Last modified").text()).matches(ENGLISH_DAY);
        assertThat(english.select("nav.breadcrumb").attr("aria-label")).isEqualTo("Breadcrumb");

        Document dutch = page("/dataset/demo-bomenkaart", 200);
        assertThat(dutch.select("main h2").eachText()).containsExactly("Over deze dataset", "Gegevens downloaden",
                "Contact", "Voor ontwikkelaars");
        assertThat(dd(dutch, "Thema's").hasAttr("lang")).isFalse();
        assertThat(dd(dutch, "Laatst gewijzigd").text()).matches(DUTCH_DAY);
    }

    @Test
    void organisationAndGroupPagesAreInEnglish() {
        Document dataset = page("/dataset/demo-bomenkaart", 200);
        String organisation = dd(dataset, "Eigenaar").selectFirst("a").attr("href");
        Document english = english(organisation, 200);
        assertThat(english.selectFirst("h1").attr("lang")).isEqualTo("nl");
        assertThat(english.select("main h2").eachText()).hasSize(3)
                .anyMatch(t -> t.startsWith("APIs (")).anyMatch(t -> t.startsWith("Datasets ("))
                .anyMatch(t -> t.startsWith("Documents ("));
        assertThat(english.select("main > p").eachText()).anyMatch(t -> t.matches(".* publishes [\\d,]+ items? here\\."));
        assertThat(page(organisation, 200).select("main h2").eachText()).anyMatch(t -> t.startsWith("Documenten ("));

        String name = organisation.substring("/organisaties/".length());
        Document ckanOrganisation = english("/organization/" + name, 200);
        assertThat(ckanOrganisation.select("h1").text()).startsWith("Datasets of ");
        assertThat(ckanOrganisation.select("main a").eachText()).contains("Also this organisation's APIs and documents");
        assertThat(service.post("/api/3/action/group_create", "{\"name\":\"engelse-groep\",\"title\":\"Water\"}",
                service.asAdmin()).statusCode()).isEqualTo(200);
        assertThat(english("/group/engelse-groep", 200).select("h1").text()).isEqualTo("Group: Water");
        assertThat(page("/group/engelse-groep", 200).select("h1").text()).isEqualTo("Groep: Water");
    }

    // --- documents ---

    @Test
    void documentSearchHasEnglishFiltersAndDatesInEnglish() {
        Document english = english("/documenten?van=2020-01-01", 200);
        assertThat(english.select("h1").text()).isEqualTo("Documents");
        assertThat(english.select("aside legend").text()).isEqualTo("Made public");
        assertThat(english.select("aside label").eachText()).contains("From", "Up to and including");
        assertThat(english.select("aside h3").eachText())
                .containsExactly("Information category", "Organisation", "Document type");
        assertThat(english.select(".chosen-filters li a").text()).startsWith("Public from: 1 January 2020");
        assertThat(english.select("#facet-informatiecategorie + ul a span[lang=nl]")).isNotEmpty();
        assertThat(english.select(".result__meta span[lang=nl]")).isNotEmpty();

        Document dutch = page("/documenten?van=2020-01-01", 200);
        assertThat(dutch.select(".chosen-filters li a").text()).startsWith("Openbaar vanaf: 1 januari 2020");
        assertThat(dutch.select("aside h3").eachText())
                .containsExactly("Informatiecategorie", "Organisatie", "Documentsoort");
    }

    @Test
    void documentPageAndTheWithdrawnPageAreInEnglish() {
        String id = deliver("engels-document");
        Document english = english("/documenten/" + id + "?q=kapvergunning", 200);
        assertThat(english.select("main h2").eachText()).contains("About this document", "File", "Versions")
                .anyMatch(t -> t.equals("Where ‘kapvergunning’ occurs in the text"));
        assertThat(dd(english, "Document type").text()).isEqualTo("aanvraag ex art. 4.1 Woo");
        assertThat(dd(english, "Document type").attr("lang")).isEqualTo("nl");
        assertThat(dd(english, "Information category").attr("lang")).isEqualTo("nl");
        assertThat(dd(english, "Made public on").text()).matches(ENGLISH_DAY);
        assertThat(english.select("table thead th").eachText()).containsExactly("Version", "What happened", "Reason",
                "When");
        assertThat(english.select("table tbody td:eq(1)").eachText()).containsOnly("Published");
        assertThat(english.select("table tbody td:eq(3)").eachText()).allMatch(t -> t.matches(ENGLISH_DAY + ", \\d\\d:\\d\\d"));

        HttpResponse<String> withdrawn = service.delete(PLOOI + "/documenten/" + id
                + "?redenVerwijderingVervanging=" + enc("De publicatie bevatte persoonsgegevens."), service.asAdmin());
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        Document gone = english("/documenten/" + id, 410);
        assertThat(gone.select("h1").text()).isEqualTo("This document has been withdrawn");
        assertThat(gone.select("main p strong").text()).isEqualTo("Reason:");
        assertThat(gone.select("table tbody td:eq(1)").eachText()).containsExactly("Published", "Withdrawn");
        assertThat(page("/documenten/" + id, 410).select("h1").text()).isEqualTo("Dit document is ingetrokken");
    }

    // --- APIs ---

    @Test
    void apiSearchHasEnglishFacetsLabelsAndPaging() {
        Document english = english("/apis", 200);
        assertThat(english.select("h1").text()).isEqualTo("APIs");
        assertThat(english.select("aside h3").eachText()).containsExactly("API type", "Organisation", "Lifecycle",
                "Availability", "API Design Rules score");
        assertThat(english.select("#facet-levenscyclus + ul a").eachText()).anyMatch(t -> t.startsWith("Active ("));
        assertThat(english.select("#facet-organisatie + ul a span[lang=nl]")).isNotEmpty();
        assertThat(english.select("nav.pagination").attr("aria-label")).isEqualTo("Pagination");
        assertThat(english.select("nav.pagination a[rel=next]").text()).isEqualTo("Next");

        Document scored = english("/apis?score=50", 200);
        assertThat(scored.select(".chosen-filters li a").text()).startsWith("API Design Rules score: 50% or more");
        assertThat(page("/apis?score=50", 200).select(".chosen-filters li a").text())
                .startsWith("API Design Rules-score: 50% of meer");
    }

    @Test
    void apiPageHasEnglishHeadingsScoreUptimeAndSpecificationVersions() {
        Document english = english("/apis/vindplaats-platform", 200);
        assertThat(english.select("main h2").eachText()).contains("About this API", "Specification", "Availability",
                "Environments", "API Design Rules", "For developers");
        assertThat(dd(english, "Lifecycle").text()).isEqualTo("Active");
        assertThat(english.select("p.score").text()).matches("Score: \\d+% of the rules tested are met\\.");
        // the instance's own APIs are not probed where probes run; where none run, none is measured yet
        assertThat(english.select("h2:containsOwn(Availability) + p").text()).isIn(
                "This API is offered by this Vindplaats itself and is therefore not measured.",
                "The reachability of this API has not been measured yet.");
        Element versions = english.selectFirst("h2:containsOwn(Specification) ~ table");
        assertThat(versions.select("caption").text()).isEqualTo("Fetched versions of the specification, newest first");
        assertThat(versions.select("thead th").eachText()).containsExactly("Version", "Fetched on", "File");
        assertThat(versions.select("tbody time").eachText()).isNotEmpty().allMatch(t -> t.matches(ENGLISH_DAY + ", \\d\\d:\\d\\d"));
        Element findings = english.selectFirst("h2:containsOwn(API Design Rules) ~ table");
        if (findings != null) {
            assertThat(findings.select("thead th").eachText()).containsExactly("Rule", "Severity", "Where", "Finding");
            assertThat(findings.select("tbody td:eq(1)").eachText()).allMatch(t -> t.matches("Error|Warning|Remark"));
        }

        Document dutch = page("/apis/vindplaats-platform", 200);
        assertThat(dd(dutch, "Levenscyclus").text()).isEqualTo("Actief");
        assertThat(dutch.select("h2:containsOwn(Beschikbaarheid) + p").text()).isIn(
                "Deze API wordt door deze Vindplaats zelf aangeboden en daarom niet gemeten.",
                "De bereikbaarheid van deze API is nog niet gemeten.");
    }

    // --- errors ---

    @Test
    void errorPagesAreInTheReadersLanguage() {
        Document missing = english("/dataset/bestaat-niet", 404);
        assertThat(missing.select("h1").text()).isEqualTo("Page not found");
        assertThat(missing.select("main p").first().text()).isEqualTo("There is no public dataset named ‘bestaat-niet’.");
        assertThat(missing.select("main a").eachText()).contains("To the home page");
        assertThat(english("/apis/bestaat-niet/en/verder", 404).select("h1").text()).isEqualTo("Page not found");

        Document wrong = english("/zoeken?pagina=0", 400);
        assertThat(wrong.select("h1").text()).isEqualTo("This request is not right");
        assertThat(wrong.select("main p").first().text()).isEqualTo("The page number ‘0’ is not a whole number of 1 or more.");
        HttpResponse<String> byHeader = service.get("/apis?score=honderd", "Accept-Language", "en");
        assertThat(byHeader.statusCode()).isEqualTo(400);
        Document header = Jsoup.parse(byHeader.body());
        assertThat(header.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(header.select("main p").first().text()).isEqualTo("The score ‘honderd’ is not a percentage from 0 to 100.");

        Document dutch = page("/dataset/bestaat-niet", 404);
        assertThat(dutch.select("h1").text()).isEqualTo("Pagina niet gevonden");
        assertThat(dutch.select("main p").first().text()).isEqualTo("Er is geen openbare dataset met de naam ‘bestaat-niet’.");
    }

    // --- the switch and the feeds ---

    @Test
    void theSwitchOnEveryPageKeepsTheQueryString() {
        Document english = english("/dataset?q=bomen&res_format=" + enc("http://publications.europa.eu/resource/authority/file-type/CSV"), 200);
        String back = english.selectFirst("a.language-switch").attr("href");
        assertThat(back).startsWith("/dataset?").endsWith("&lang=nl").contains("q=bomen").contains("res_format=");
        assertThat(english.selectFirst("a.language-switch").text()).isEqualTo("Nederlands");
        Document dutch = page(back, 200);
        assertThat(dutch.selectFirst("html").attr("lang")).isEqualTo("nl");
        assertThat(dutch.select(".result-count").text()).isEqualTo(english.select(".result-count").text()
                .replace(" for ", " voor "));
        assertThat(english("/apis/vindplaats-platform", 200).selectFirst("a.language-switch").attr("href"))
                .isEqualTo("/apis/vindplaats-platform?lang=nl");
    }

    @Test
    void feedTitlesAreInTheReadersLanguage() {
        Document search = feed("/zoeken.atom?q=bomen&soort=dataset&lang=en");
        assertThat(search.selectFirst("feed").attr("xml:lang")).isEqualTo("en");
        assertThat(search.selectFirst("feed > title").text()).isEqualTo("Search for ‘bomen’ – Datasets (Vindplaats)");
        assertThat(feed("/zoeken.atom?q=bomen&soort=dataset&lang=nl").selectFirst("feed > title").text())
                .isEqualTo("Zoeken naar ‘bomen’ – Datasets (Vindplaats)");

        HttpResponse<String> r = service.get("/dataset/demo-bomenkaart.atom", "Accept-Language", "en");
        assertThat(r.headers().firstValue("Vary").orElse("")).contains("Accept-Language");
        Document dataset = Jsoup.parse(r.body(), "", Parser.xmlParser());
        assertThat(dataset.selectFirst("feed > title").text()).isEqualTo("Bomen in beheer van de gemeente – changes (Vindplaats)");
        assertThat(dataset.select("entry > title").eachText()).last().asString().startsWith("Published: ");

        Document page = english("/zoeken?q=bomen", 200);
        assertThat(page.select("link[rel=alternate][type=application/atom+xml]").attr("title"))
                .isEqualTo("This search as an Atom feed");
    }

    private static Document english(String path, int status) {
        String asked = path + (path.contains("?") ? "&" : "?") + "lang=en";
        Document page = page(asked, status);
        assertThat(page.selectFirst("html").attr("lang")).as(asked).isEqualTo("en");
        assertThat(page.title()).endsWith("– Vindplaats");
        return page;
    }

    private static Document page(String path, int status) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
        return Jsoup.parse(r.body(), service.url(path));
    }

    private static Document feed(String path) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body(), "", Parser.xmlParser());
    }

    private static Element dd(Document page, String label) {
        Element dt = page.select("dt").stream().filter(e -> e.text().equals(label)).findFirst().orElse(null);
        assertThat(dt).as(label).isNotNull();
        return dt.nextElementSibling();
    }

    private static String pathAndQuery(Element link) {
        java.net.URI uri = java.net.URI.create(link.absUrl("href"));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Delivers the PLOOI example with this identifier as the platform admin, with its PDF; returns its id. */
    private static String deliver(String identifier) {
        ObjectNode metadata;
        try {
            metadata = (ObjectNode) Json.read(Files.readString(Path.of("src/test/resources/plooi/metadata-example.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((ArrayNode) metadata.path("document").path("identifiers")).removeAll().add(identifier);
        HttpResponse<String> created = service.post(PLOOI + "/metadata", metadata.toString(), service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pid = TestService.json(created).path("document").path("pid").asText();
        return pid.substring(pid.lastIndexOf('/') + 1);
    }
}

package nl.vindplaats.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal in a real browser: Debian's headless Chromium, driven by Selenium, with axe-core checking WCAG 2.1 A and
 * AA on every page type (0 violations), and a keyboard-only search journey. Skipped where chromium or
 * chromedriver is not installed ({@code apt-get install chromium chromium-driver}).
 */
@Tag("slow") // drives a browser
class PortalBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final String PLOOI = "/overheid/openbaarmaken/api/v0";

    private static TestService service;
    private static WebDriver browser;
    private static String axe;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install -y chromium chromium-driver");
        axe = resource(AXE);
        service = TestService.start(TestService.Store.SQLITE, c -> c.with(c.instance().withDemo(true)));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=nl");
        // The console, where Chromium reports what the Content-Security-Policy refused.
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        // Headless Chromium asks for English (Accept-Language) whatever --lang says; every page follows that now,
        // so the browser is told to prefer Dutch, and the switch's cookie says Dutch from the first page on.
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "nl-NL,nl"));
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        browser.get(service.url("/?lang=nl"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.destroy();
        }
    }

    @Test
    void everyPageTypeHasNoWcagViolations() {
        List<String> paths = new ArrayList<>(List.of("/", "/zoeken?q=bomen", "/zoeken?soort=dataset",
                "/zoeken?q=xylofoonzzq", "/zoeken?pagina=0", "/dataset/demo-bomenkaart", "/dataset/bestaat-niet",
                "/apis/vindplaats-platform"));
        browser.get(service.url("/zoeken?q=kapvergunning"));
        paths.add(path(browser.findElement(By.cssSelector(".result__title a[href^='/documenten/']"))));
        browser.get(service.url("/dataset/demo-bomenkaart"));
        paths.add(path(browser.findElement(By.xpath("//dt[.='Eigenaar']/following-sibling::dd/a"))));
        browser.get(service.url("/zoeken?soort=api"));
        paths.add(path(browser.findElement(By.cssSelector(".result__title a"))));
        paths.add("/documenten/" + withdrawnDocument());
        // the search page's facets chosen: theme, category, format and a date range
        browser.get(service.url("/zoeken"));
        paths.add(path(browser.findElement(By.cssSelector("ul[aria-labelledby=facet-thema] a"))));
        paths.add(path(browser.findElement(By.cssSelector("ul[aria-labelledby=facet-informatiecategorie] a"))));
        paths.add(path(browser.findElement(By.cssSelector("ul[aria-labelledby=facet-formaat] a"))));
        paths.add("/zoeken?van=2020-01-01&tot=2030-12-31");
        // English (the switch sets the cookie; the last page switches back, for the other tests)
        paths.addAll(List.of("/?lang=en", "/zoeken?q=bomen&lang=en", "/zoeken?q=xylofoonzzq&soort=dataset&lang=en",
                "/zoeken?lang=nl"));

        List<String> violations = new ArrayList<>();
        for (String path : paths) {
            browser.get(service.url(path));
            violations.addAll(axeViolations(path));
        }
        assertThat(violations).as("axe-core, WCAG 2.1 A and AA").isEmpty();
        browser.get(service.url("/?lang=en"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        browser.get(service.url("/?lang=nl"));
    }

    @Test
    void everySearchPageTypeHasNoWcagViolations() {
        String document = documentWithText();
        List<String> paths = new ArrayList<>(List.of("/dataset", "/dataset?q=bomen", "/dataset?q=xylofoonzzq",
                "/dataset?page=9", "/group/bestaat-niet", "/documenten", "/documenten?q=xylofoonzzq",
                "/documenten?van=2020-01-01&tot=2030-12-31", "/documenten/" + document + "?q=zeehonden",
                "/apis", "/apis?q=xylofoonzzq", "/apis?score=50", "/apis/vindplaats-platform"));
        browser.get(service.url("/dataset?q=bomen"));
        paths.add(path(browser.findElement(By.cssSelector("#facet-theme + ul a"))) + "?"
                + java.net.URI.create(browser.findElement(By.cssSelector("#facet-theme + ul a")).getAttribute("href")).getRawQuery());
        browser.get(service.url("/dataset/demo-bomenkaart"));
        String organisation = path(browser.findElement(By.xpath("//dt[.='Eigenaar']/following-sibling::dd/a")));
        paths.add(organisation.replace("/organisaties/", "/organization/"));
        browser.get(service.url("/documenten"));
        paths.add(pathAndQuery(browser.findElement(By.cssSelector("#facet-informatiecategorie + ul a"))));
        browser.get(service.url("/apis"));
        paths.add(pathAndQuery(browser.findElement(By.cssSelector("#facet-type + ul a"))));

        List<String> violations = new ArrayList<>();
        for (String path : paths) {
            browser.get(service.url(path));
            violations.addAll(axeViolations(path));
        }
        assertThat(violations).as("axe-core, WCAG 2.1 A and AA").isEmpty();
    }

    @Test
    void everyPageTypeInEnglishHasNoWcagViolations() {
        String document = documentWithText();
        List<String> paths = new ArrayList<>(List.of("/dataset", "/dataset?q=xylofoonzzq", "/dataset?page=9",
                "/dataset/demo-bomenkaart", "/dataset/bestaat-niet", "/group/bestaat-niet", "/documenten",
                "/documenten?q=xylofoonzzq", "/documenten?van=2020-01-01&tot=2030-12-31",
                "/documenten/" + document + "?q=zeehonden", "/documenten/" + withdrawnDocument(), "/apis",
                "/apis?q=xylofoonzzq", "/apis?score=50", "/apis/vindplaats-platform", "/zoeken?pagina=0"));
        browser.get(service.url("/dataset?q=bomen"));
        paths.add(pathAndQuery(browser.findElement(By.cssSelector("#facet-theme + ul a"))));
        browser.get(service.url("/dataset/demo-bomenkaart"));
        String organisation = path(browser.findElement(By.xpath("//dt[.='Eigenaar']/following-sibling::dd/a")));
        paths.add(organisation);
        paths.add(organisation.replace("/organisaties/", "/organization/"));
        browser.get(service.url("/documenten"));
        paths.add(pathAndQuery(browser.findElement(By.cssSelector("#facet-informatiecategorie + ul a"))));
        browser.get(service.url("/apis"));
        paths.add(pathAndQuery(browser.findElement(By.cssSelector("#facet-levenscyclus + ul a"))));

        List<String> violations = new ArrayList<>();
        try {
            for (String path : paths) {
                String english = path + (path.contains("?") ? "&" : "?") + "lang=en";
                browser.get(service.url(english));
                assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).as(english).isEqualTo("en");
                violations.addAll(axeViolations(english));
            }
            browser.get(service.url("/apis/vindplaats-platform/specificatie?lang=en"));
            violations.addAll(axeViolations("/apis/vindplaats-platform/specificatie?lang=en", "#specificatie"));
        } finally {
            browser.get(service.url("/?lang=nl")); // the switch's cookie back to Dutch, for the other tests
        }
        assertThat(violations).as("axe-core, WCAG 2.1 A and AA").isEmpty();
    }

    @Test
    void theDocsSendARequestToThisInstanceFromTheViewer() {
        browser.get(service.url("/docs?lang=en"));
        assertThat(axeViolations("/docs?lang=en")).isEmpty();
        browser.get(service.url("/docs?lang=nl"));
        assertThat(axeViolations("/docs")).isEmpty();
        browser.findElement(By.linkText("Vindplaats waardelijsten")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/docs/waardelijsten");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#specificatie .opblock-get .opblock-summary")))
                .click();
        // "Try it out" is on from the start (the page's data-try), so Execute is there at once
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#specificatie .execute"))).click();
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#specificatie .live-responses-table tbody .response-col_status")));
        // the answer came from this instance, under the page's connect-src 'self'
        assertThat(status.getText().strip()).startsWith("200");
        assertThat(axeViolations("/docs/waardelijsten", "#specificatie")).isEmpty();
    }

    @Test
    void theSpecificationViewerDrawsTheDocumentUnderItsPolicy() {
        browser.get(service.url("/apis/vindplaats-platform/specificatie"));
        WebElement title = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#specificatie .info .title")));
        assertThat(title.getText()).isNotBlank();
        // our frame is checked in full; Swagger UI's own drawing is its project's, and is left out of the check
        assertThat(axeViolations("/apis/vindplaats-platform/specificatie", "#specificatie")).isEmpty();
    }

    @Test
    void keyboardOnlyDatasetSearchFilterOpenAndDownload() {
        browser.get(service.url("/dataset"));
        browser.findElement(By.id("zoekterm-datasets")).sendKeys("bomen", Keys.ENTER);
        assertThat(browser.getCurrentUrl()).endsWith("/dataset?q=bomen");
        WebElement theme = browser.findElement(By.cssSelector("#facet-theme + ul a"));
        theme.sendKeys(Keys.ENTER);
        assertThat(browser.getCurrentUrl()).contains("theme=");
        assertThat(browser.findElements(By.cssSelector(".chosen-filters li"))).hasSize(1);
        browser.findElement(By.cssSelector("a[href='/dataset/demo-bomenkaart']")).sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bomen in beheer van de gemeente");
        WebElement download = browser.findElement(By.cssSelector(".resource a[href^='http']"));
        assertThat(download.getAttribute("href")).isEqualTo("https://data.vindplaats.example/demo-bomenkaart.csv");
        // the link takes focus from the keyboard (the demo's files live on a host that does not exist: not followed)
        download.sendKeys(Keys.SHIFT);
        assertThat(browser.switchTo().activeElement()).isEqualTo(download);
    }

    @Test
    void keyboardOnlyDocumentsOfOneWooCategoryOpenAndDownloadThePdf() {
        String id = documentWithText();
        browser.get(service.url("/documenten?q=zeehonden"));
        browser.findElement(By.cssSelector("#facet-informatiecategorie + ul a")).sendKeys(Keys.ENTER);
        assertThat(browser.getCurrentUrl()).contains("informatiecategorie=");
        browser.findElement(By.cssSelector(".result__title a[href^='/documenten/" + id + "']")).sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Besluit over zeehonden");
        WebElement download = browser.findElement(By.partialLinkText("Download"));
        download.sendKeys(Keys.SHIFT);
        assertThat(browser.switchTo().activeElement()).isEqualTo(download);
        HttpResponse<byte[]> pdf = http(java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url(path(download))))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void keyboardOnlyBrowseApisOpenOneAndReadItsSpecification() {
        browser.get(service.url("/apis"));
        browser.findElement(By.id("zoekterm-apis")).sendKeys("Vindplaats", Keys.ENTER);
        browser.findElement(By.cssSelector(".result__title a[href='/apis/vindplaats-platform']")).sendKeys(Keys.ENTER);
        browser.findElement(By.partialLinkText("Specificatie lezen")).sendKeys(Keys.ENTER);
        assertThat(browser.getCurrentUrl()).endsWith("/apis/vindplaats-platform/specificatie");
        WebElement title = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#specificatie .info .title")));
        assertThat(title.getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#specificatie .opblock-tag"))).isNotEmpty();
    }

    @Test
    void axeFindsTheViolationsOfAPageThatHasThem() {
        browser.get("data:text/html;charset=utf-8,<!DOCTYPE html><title>x</title><img src='x.png'><input>");
        assertThat(axeViolations("bad page")).anyMatch(v -> v.contains("image-alt")).anyMatch(v -> v.contains("html-has-lang"))
                .anyMatch(v -> v.contains("label"));
    }

    @Test
    void keyboardOnlySearchFromTheHomePageToADataset() {
        browser.get(service.url("/"));
        WebElement skip = browser.switchTo().activeElement();
        skip.sendKeys(Keys.TAB);
        WebElement first = browser.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Direct naar de inhoud");
        first.sendKeys(Keys.ENTER);
        // the skip link moves focus into the main content; the search field is the next stop
        WebElement field = browser.findElement(By.id("zoekterm"));
        field.sendKeys("bomen", Keys.ENTER);
        // Enter submits the form; the new page comes after sendKeys returns, so wait for it (a busy machine is slow)
        WebDriverWait navigation = new WebDriverWait(browser, Duration.ofSeconds(30));
        navigation.until(d -> d.getCurrentUrl().endsWith("/zoeken?q=bomen"));
        WebElement link = browser.findElement(By.cssSelector("a[href='/dataset/demo-bomenkaart']"));
        link.sendKeys(Keys.ENTER);
        navigation.until(d -> d.getCurrentUrl().endsWith("/dataset/demo-bomenkaart"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bomen in beheer van de gemeente");
    }

    @Test
    void theJsonLdOfADatasetPageIsDataThatTheContentSecurityPolicyDoesNotRefuse() {
        cspViolations(); // what earlier pages left in the console
        browser.get(service.url("/dataset/demo-bomenkaart"));
        assertThat(browser.findElements(By.cssSelector("script[type='application/ld+json']"))).hasSize(1);
        assertThat(cspViolations()).isEmpty();
        // the console does report a refusal where there is one: the same policy on a page with inline script
        browser.get("data:text/html;charset=utf-8,<!DOCTYPE html><meta http-equiv='Content-Security-Policy' content=\""
                + Pages.CONTENT_SECURITY_POLICY + "\"><title>x</title><script>document.title='y'</script>");
        assertThat(cspViolations()).isNotEmpty();
    }

    /** The console's messages about the Content-Security-Policy since the last call. */
    private static List<String> cspViolations() {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).toList();
    }

    /** axe-core's violations of WCAG 2.1 A and AA on the loaded page, one line each. */
    private static List<String> axeViolations(String path) {
        return axeViolations(path, null);
    }

    /** As above, leaving out the part of the page {@code exclude} selects (null: nothing). */
    private static List<String> axeViolations(String path, String exclude) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const context = arguments[0] ? {exclude: [[arguments[0]]]} : document;
                axe.run(context, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                    .then(r => done(JSON.stringify(r.violations)), e => done('axe failed: ' + e));
                """, exclude);
        String text = String.valueOf(result);
        assertThat(text).as(path).startsWith("[");
        List<String> lines = new ArrayList<>();
        for (JsonNode v : Json.read(text)) {
            List<String> targets = new ArrayList<>();
            v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
            lines.add(path + ": " + v.path("id").asText() + " (" + v.path("help").asText() + ") at " + targets);
        }
        return lines;
    }

    private static String path(WebElement link) {
        return java.net.URI.create(link.getAttribute("href")).getRawPath();
    }

    private static String pathAndQuery(WebElement link) {
        java.net.URI uri = java.net.URI.create(link.getAttribute("href"));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String documentWithText;

    /** A document with a PDF whose text says "zeehonden", delivered once; waits until its text is extracted. */
    private static synchronized String documentWithText() {
        if (documentWithText != null) {
            return documentWithText;
        }
        ObjectNode metadata;
        try {
            metadata = (ObjectNode) Json.read(Files.readString(Path.of("src/test/resources/plooi/metadata-example.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode doc = (ObjectNode) metadata.path("document");
        ((ArrayNode) doc.path("identifiers")).removeAll().add("browser-zeehonden");
        ((ObjectNode) doc.path("titelcollectie")).put("officieleTitel", "Besluit over zeehonden");
        HttpResponse<String> created = service.post(PLOOI + "/metadata", metadata.toString(), service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pid = TestService.json(created).path("document").path("pid").asText();
        String id = pid.substring(pid.lastIndexOf('/') + 1);
        HttpResponse<String> file = http(java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url(
                        PLOOI + "/documenten/" + id)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        PortalSearchPagesTest.pdf("De zeehonden in de Waddenzee worden elk voorjaar geteld.")))
                .header("Content-Type", "application/pdf").header("X-API-Key", service.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).as(file.body()).isEqualTo(202);
        nl.vindplaats.testing.Eventually.until("text extracted", Duration.ofSeconds(60), () -> service.get(
                "/documenten/" + id + "?q=zeehonden").body().contains("class=\"excerpt\""));
        documentWithText = id;
        return id;
    }

    private static <T> HttpResponse<T> http(java.net.http.HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String withdrawnDocument;

    /** A withdrawn document, delivered and withdrawn once (a second delivery of its identifier would be a change). */
    private static synchronized String withdrawnDocument() {
        if (withdrawnDocument != null) {
            return withdrawnDocument;
        }
        ObjectNode metadata;
        try {
            metadata = (ObjectNode) Json.read(Files.readString(Path.of("src/test/resources/plooi/metadata-example.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((ArrayNode) metadata.path("document").path("identifiers")).removeAll().add("browser-ingetrokken");
        HttpResponse<String> created = service.post(PLOOI + "/metadata", metadata.toString(), service.asAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pid = TestService.json(created).path("document").path("pid").asText();
        String id = pid.substring(pid.lastIndexOf('/') + 1);
        assertThat(service.delete(PLOOI + "/documenten/" + id, service.asAdmin()).statusCode()).isEqualTo(200);
        withdrawnDocument = id;
        return id;
    }

    private static String resource(String name) {
        try (InputStream in = PortalBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

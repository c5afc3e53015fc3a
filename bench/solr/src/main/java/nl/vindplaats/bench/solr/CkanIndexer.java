package nl.vindplaats.bench.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/**
 * Indexes every dataset of a running Vindplaats into Solr as CKAN's indexer does
 * ({@code ckan/lib/search/index.py}, {@code PackageSearchIndex.index_package}).
 *
 * <pre>java -cp ... nl.vindplaats.bench.solr.CkanIndexer VINDPLAATS_BASE SOLR_CORE_URL</pre>
 *
 * The dicts are read page by page from Vindplaats's package_search (the same dicts package_show returns),
 * turned into Solr documents by {@link CkanSolrDocument}, posted in batches of 1,000 as CKAN's
 * {@code search-index rebuild} does (no commit per dataset), then committed once.
 */
public final class CkanIndexer {
    private static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String vindplaats = args[0].replaceAll("/$", "");
        String solr = args[1].replaceAll("/$", "");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Instant started = Instant.now();
        int indexed = 0;
        for (int start = 0; ; start += PAGE) {
            JsonNode page = get(http, vindplaats + "/api/3/action/package_search?q=&rows=" + PAGE + "&start=" + start
                    + "&sort=name%20asc&facet=false");
            JsonNode results = page.path("result").path("results");
            if (results.isEmpty()) {
                break;
            }
            ArrayNode docs = JSON.createArrayNode();
            for (JsonNode dataset : results) {
                docs.add(CkanSolrDocument.of((ObjectNode) dataset));
            }
            post(http, solr + "/update", JSON.writeValueAsString(docs));
            indexed += results.size();
            if (indexed % 20_000 == 0) {
                System.out.printf("%d datasets indexed after %d s%n", indexed,
                        Duration.between(started, Instant.now()).toSeconds());
            }
        }
        post(http, solr + "/update?commit=true", "[]");
        System.out.printf("indexed %d datasets and committed in %d s%n", indexed,
                Duration.between(started, Instant.now()).toSeconds());
    }

    private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(url + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(url + ": " + response.statusCode() + " " + response.body());
        }
    }

    static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

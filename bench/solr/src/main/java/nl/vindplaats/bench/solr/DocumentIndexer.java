package nl.vindplaats.bench.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sqlite.SQLiteConfig;

/**
 * Indexes every document of a Vindplaats store into Solr's {@code documents} core, with the fields Vindplaats's
 * own index gives it ({@link SolrDocumentFields}), read straight from the store's {@code records} table: the
 * current version of each record of kind {@code document}, as {@code vindplaats reindex} reads them.
 *
 * <pre>java -cp ... nl.vindplaats.bench.solr.DocumentIndexer DATA_DIR SOLR_CORE_URL [POSTERS]</pre>
 *
 * DATA_DIR is Vindplaats's data directory (its {@code vindplaats.db}, opened read-only, so a running
 * Vindplaats may keep serving it). Documents are posted in batches of 1,000 by POSTERS (default 2) requests at a
 * time, so that Solr indexes on every core as {@code reindex} does, and committed once at the end.
 */
public final class DocumentIndexer {
    private static final int BATCH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]).resolve("vindplaats.db");
        String solr = args[1].replaceAll("/$", "");
        int posters = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(posters);
        List<Future<?>> inFlight = new ArrayList<>();
        Instant started = Instant.now();
        long indexed = 0;
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store, readOnly.toProperties());
             PreparedStatement select = db.prepareStatement(
                     "SELECT id, created_at, modified_at, body FROM records WHERE kind = 'document'")) {
            try (ResultSet rows = select.executeQuery()) {
                ArrayNode batch = JSON.createArrayNode();
                while (rows.next()) {
                    JsonNode body = JSON.readTree(rows.getString(4));
                    batch.add(SolrDocumentFields.of(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
                            Instant.ofEpochMilli(rows.getLong(3)), body));
                    if (batch.size() == BATCH) {
                        indexed += post(http, pool, inFlight, posters, solr, batch);
                        batch = JSON.createArrayNode();
                        if (indexed % 50_000 == 0) {
                            System.out.printf("%d documents indexed after %d s%n", indexed,
                                    Duration.between(started, Instant.now()).toSeconds());
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    indexed += post(http, pool, inFlight, posters, solr, batch);
                }
            }
        }
        for (Future<?> f : inFlight) {
            f.get();
        }
        pool.shutdown();
        send(http, solr + "/update?commit=true", "[]");
        System.out.printf("indexed %d documents and committed in %d s%n", indexed,
                Duration.between(started, Instant.now()).toSeconds());
    }

    /** Hands a batch to a poster, first waiting for the oldest when POSTERS batches are on their way. */
    private static int post(HttpClient http, ExecutorService pool, List<Future<?>> inFlight, int posters, String solr,
                            ArrayNode batch) throws Exception {
        while (inFlight.size() >= posters) {
            inFlight.remove(0).get();
        }
        String body = JSON.writeValueAsString(batch);
        inFlight.add(pool.submit(() -> {
            send(http, solr + "/update", body);
            return null;
        }));
        return batch.size();
    }

    private static void send(HttpClient http, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(url + ": " + response.statusCode() + " " + response.body());
        }
    }
}

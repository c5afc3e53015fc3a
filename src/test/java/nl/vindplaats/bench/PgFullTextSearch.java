package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.platform.Config;
import nl.vindplaats.base.Json;
import nl.vindplaats.store.Database;
import nl.vindplaats.datasets.Datasets;
import nl.vindplaats.store.RecordStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The comparison of issue 5's benchmark: the same package_search (words ANDed, ranked, top 10 datasets
 * with their whole body, and counts of the facets organization, res_format and theme, at most 50 values
 * each) done by PostgreSQL full-text search over JDBC, on the same datasets (read from the benchmark's
 * store), with the same queries and as many connections as wrk had. Run by {@code bench/read datasets}.
 *
 * <p>The table has one {@code tsvector} (Dutch configuration) with CKAN's field weights (name and title
 * A, tags B, the rest D) and a GIN index; facet values are arrays as the search index holds them (a
 * dataset counts once per value; a theme also counts for its top theme).
 */
@EnabledIfSystemProperty(named = "vp.bench.words", matches = ".+")
@EnabledIfEnvironmentVariable(named = "VINDPLAATS_TEST_POSTGRES_URL", matches = ".+")
class PgFullTextSearch {
    private static final String QUERY = """
            WITH m AS MATERIALIZED (
              SELECT d.id, d.organization, d.res_format, d.theme, d.modified, ts_rank(d.tsv, q) AS rank
              FROM bench.bench_datasets d, plainto_tsquery('dutch', ?) q WHERE d.tsv @@ q)
            SELECT (SELECT count(*) FROM m),
              (SELECT json_agg(b.body ORDER BY t.rank DESC, t.modified DESC) FROM
                (SELECT id, rank, modified FROM m ORDER BY rank DESC, modified DESC LIMIT 10) t
                JOIN bench.bench_datasets b ON b.id = t.id),
              (SELECT json_object_agg(v, c) FROM (SELECT organization v, count(*) c FROM m
                 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) f),
              (SELECT json_object_agg(v, c) FROM (SELECT v, count(*) c FROM m, unnest(m.res_format) v
                 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) f),
              (SELECT json_object_agg(v, c) FROM (SELECT v, count(*) c FROM m, unnest(m.theme) v
                 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) f)
            """;

    @Test
    void sameSearchesInPostgres() throws Exception {
        String url = System.getenv("VINDPLAATS_TEST_POSTGRES_URL");
        Path dir = Path.of(System.getProperty("vp.bench.dir"));
        List<String> words = Files.readAllLines(Path.of(System.getProperty("vp.bench.words"))).stream()
                .filter(w -> !w.isBlank()).toList();
        int seconds = Integer.getInteger("vp.bench.seconds", 30);
        int connections = Integer.getInteger("vp.bench.connections", 8);

        try (Connection c = DriverManager.getConnection(url)) {
            if (Boolean.getBoolean("vp.bench.pg.reuse") && exists(c)) {
                System.out.println("pg-build reusing the table bench.bench_datasets");
            } else {
                load(c, dir);
            }
        }
        // Warm-up, then the measured run.
        measure(url, words, 10, connections);
        System.out.println("pg " + measure(url, words, seconds, connections));
    }

    private static boolean exists(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('bench.bench_datasets') IS NOT NULL")) {
            return r.next() && r.getBoolean(1);
        }
    }

    private static long load(Connection c, Path dir) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("SET search_path TO bench");
            s.execute("DROP TABLE IF EXISTS bench_datasets");
            s.execute("CREATE TABLE bench_datasets (id text PRIMARY KEY, organization text, res_format text[], "
                    + "theme text[], modified bigint, body jsonb, tsv tsvector)");
        }
        long started = System.nanoTime();
        AtomicLong count = new AtomicLong();
        c.setAutoCommit(false);
        try (Database database = Database.open(Config.defaults(dir).store());
             PreparedStatement insert = c.prepareStatement("INSERT INTO bench.bench_datasets VALUES (?, ?, ?, ?, ?, "
                     + "?::jsonb, setweight(to_tsvector('dutch', ?), 'A') || setweight(to_tsvector('dutch', ?), 'B') "
                     + "|| setweight(to_tsvector('dutch', ?), 'D'))")) {
            new RecordStore(database, Clock.systemUTC()).scanAll(record -> {
                if (!record.kind().equals("dataset") || !"active".equals(record.state())) {
                    return;
                }
                try {
                    ObjectNode b = Datasets.ckanDict(record);
                    Set<String> formats = new LinkedHashSet<>();
                    StringBuilder rest = new StringBuilder(b.path("notes").asText("")).append(' ')
                            .append(b.path("organization_title").asText(""));
                    for (JsonNode r : b.path("resources")) {
                        formats.add(r.path("format").asText());
                        rest.append(' ').append(r.path("name").asText("")).append(' ')
                                .append(r.path("description").asText(""));
                    }
                    Set<String> themes = new LinkedHashSet<>();
                    b.path("theme").forEach(t -> themes.add(t.asText()));
                    themes.addAll(topThemes(themes));
                    List<String> tags = new ArrayList<>();
                    b.path("tags").forEach(t -> tags.add(t.asText()));
                    insert.setString(1, record.id());
                    insert.setString(2, b.path("organization_name").asText());
                    insert.setArray(3, c.createArrayOf("text", formats.toArray()));
                    insert.setArray(4, c.createArrayOf("text", themes.toArray()));
                    insert.setLong(5, record.modified().toEpochMilli());
                    insert.setString(6, Json.write(b));
                    insert.setString(7, b.path("name").asText() + " " + b.path("title").asText());
                    insert.setString(8, String.join(" ", tags));
                    insert.setString(9, rest.toString());
                    insert.addBatch();
                    if (count.incrementAndGet() % 1000 == 0) {
                        insert.executeBatch();
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            insert.executeBatch();
        }
        c.commit();
        long inserted = System.nanoTime();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX bench_datasets_tsv ON bench.bench_datasets USING gin (tsv)");
            s.execute("ANALYZE bench.bench_datasets");
        }
        System.out.printf("pg-build %d rows: insert with to_tsvector %d ms, GIN index %d ms%n", count.get(),
                (inserted - started) / 1_000_000, (System.nanoTime() - inserted) / 1_000_000);
        return count.get();
    }

    private static final JsonNode HIERARCHY = hierarchy();

    private static JsonNode hierarchy() {
        try (var in = PgFullTextSearch.class.getClassLoader().getResourceAsStream("dcat/donl_hierarchy_theme.json")) {
            return Json.MAPPER.readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Top themes of the DONL hierarchy, as the index adds them for the theme facet. */
    private static Set<String> topThemes(Set<String> themes) {
        Set<String> tops = new LinkedHashSet<>();
        for (String theme : themes) {
            if (HIERARCHY.has(theme)) {
                tops.add(HIERARCHY.get(theme).get(0).asText());
            }
        }
        return tops;
    }

    private static String measure(String url, List<String> words, int seconds, int connections) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<long[]>> running = new ArrayList<>();
            for (int t = 0; t < connections; t++) {
                int first = t * (words.size() / 7);
                running.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    try (Connection c = DriverManager.getConnection(url);
                         PreparedStatement s = c.prepareStatement(QUERY)) {
                        int i = first;
                        while (System.nanoTime() < end && n < latencies.length) {
                            long t0 = System.nanoTime();
                            s.setString(1, words.get(i++ % words.size()));
                            try (ResultSet r = s.executeQuery()) {
                                r.next();
                                for (int col = 1; col <= 5; col++) {
                                    r.getString(col); // read the whole answer, as an HTTP client would
                                }
                            } catch (java.sql.SQLException e) {
                                if (errors.incrementAndGet() == 1) {
                                    System.out.println("pg-error " + e.getMessage());
                                }
                            }
                            latencies[n++] = System.nanoTime() - t0;
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            for (Future<long[]> f : running) {
                perThread.add(f.get());
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return String.format(java.util.Locale.ROOT, "{\"connections\": %d, \"requests\": %d, \"rps\": %.0f, "
                        + "\"p50_ms\": %.2f, \"p90_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f, \"errors\": %d}",
                connections, all.length, all.length / elapsed, pct(all, 50), pct(all, 90), pct(all, 99),
                all[all.length - 1] / 1e6, errors.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }
}

package nl.vindplaats.bench;

import nl.vindplaats.base.Json;
import nl.vindplaats.testing.ChildService;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a write on one node takes to become searchable on the others (issue 20), run by hand: three nodes
 * on one PostgreSQL schema, each with its own index, CKAN {@code package_create} calls at a fixed rate
 * (open loop: a slow answer does not slow the next request down) spread over the three nodes in turn. Every
 * {@code vp.lag.sample}-th write is followed: from its acknowledgement, each of the two other nodes is asked
 * every 5 ms for the dataset by a word only it has, until it finds it. Prints the rate reached, the
 * acknowledgement times and the lag per node (p50, p99, max, how many over 1 s).
 * {@code VINDPLAATS_TEST_POSTGRES_URL=… ./mvnw -o test -Dvp.bench=true -Dtest=NodeLagBench
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code vp.lag.rate} (500 writes/s), {@code vp.lag.seconds} (30),
 * {@code vp.lag.sample} (25).
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
@EnabledIfEnvironmentVariable(named = "VINDPLAATS_TEST_POSTGRES_URL", matches = ".+")
class NodeLagBench {
    private static final String ORG = "lagmeting";

    @Test
    void writesOnOneNodeAreSearchableOnTheOthers() throws Exception {
        int rate = Integer.getInteger("vp.lag.rate", 500);
        int seconds = Integer.getInteger("vp.lag.seconds", 30);
        int sampleEvery = Integer.getInteger("vp.lag.sample", 25);
        ChildService.Place first = ChildService.Place.create(TestService.Store.POSTGRES);
        List<ChildService.Place> places = List.of(first,
                new ChildService.Place(TestService.newDataDir(), first.databaseUrl(), first.schema(), first.adminToken()),
                new ChildService.Place(TestService.newDataDir(), first.databaseUrl(), first.schema(), first.adminToken()));
        String[] noLimits = {"--rate-limit-per-token", "0", "--rate-limit-per-address", "0"};
        List<ChildService> nodes = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(128);
        ExecutorService followers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (ChildService.Place place : places) {
                nodes.add(ChildService.start(place, noLimits));
            }
            check(nodes.get(0).postAsAdmin("/api/3/action/organization_create", Map.of("name", ORG, "title", "Lagmeting")));
            warmUp(nodes);

            List<Long> ackMicros = Collections.synchronizedList(new ArrayList<>());
            List<List<Long>> lagMicros = List.of(Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()));
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger acknowledged = new AtomicInteger();
            int total = rate * seconds;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = i;
                writers.execute(() -> {
                    ChildService writer = nodes.get(n % 3);
                    String word = "lagw" + Integer.toString(n, 36) + "q";
                    long sent = System.nanoTime();
                    HttpResponse<String> r = writer.postAsAdmin("/api/3/action/package_create", Map.of(
                            "name", "lag-" + n, "title", "Lagmeting " + word, "owner_org", ORG,
                            "notes", "Een dataset om de vertraging tussen knooppunten te meten: " + word));
                    long acked = System.nanoTime();
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode() + " " + r.body());
                        return;
                    }
                    acknowledged.incrementAndGet();
                    ackMicros.add((acked - sent) / 1000);
                    if (n % sampleEvery == 0) {
                        for (int other = 1; other <= 2; other++) {
                            int reader = (n + other) % 3;
                            followers.execute(() -> lagMicros.get(reader).add(
                                    (awaitFound(nodes.get(reader), word) - acked) / 1000));
                        }
                    }
                });
            }
            writers.shutdown();
            writers.awaitTermination(5, TimeUnit.MINUTES);
            double elapsed = (System.nanoTime() - start) / 1e9;
            followers.shutdown();
            followers.awaitTermination(5, TimeUnit.MINUTES);

            System.out.printf("NodeLagBench: %d writes asked at %d/s for %d s; %d acknowledged in %.1f s (%.0f/s), %d failed%s%n",
                    total, rate, seconds, acknowledged.get(), elapsed, acknowledged.get() / elapsed, failures.size(),
                    failures.isEmpty() ? "" : " (first: " + failures.peek() + ")");
            System.out.println("| what | n | p50 ms | p99 ms | max ms | over 1 s |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.println(row("package_create acknowledged", ackMicros));
            for (int node = 0; node < 3; node++) {
                System.out.println(row("searchable on node " + (node + 1) + " (written on another)", lagMicros.get(node)));
            }
        } finally {
            writers.shutdownNow();
            followers.shutdownNow();
            nodes.forEach(ChildService::forceStop);
            first.destroy();
        }
    }

    /** A few hundred writes and searches on each node first, so that the JIT has compiled the paths measured. */
    private static void warmUp(List<ChildService> nodes) {
        for (int i = 0; i < 300; i++) {
            ChildService node = nodes.get(i % 3);
            check(node.postAsAdmin("/api/3/action/package_create", Map.of("name", "opwarmen-" + i, "title",
                    "Opwarmen " + i, "owner_org", ORG)));
            node.get("/api/3/action/package_search?q=opwarmen&rows=0");
        }
    }

    /** Asks the node every 5 ms until its search finds the word; returns the moment it did. */
    private static long awaitFound(ChildService node, String word) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = node.get("/api/3/action/package_search?rows=0&q=" + word);
            if (r.statusCode() == 200 && Json.read(r.body()).path("result").path("count").asInt() > 0) {
                return System.nanoTime();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return System.nanoTime();
            }
        }
        throw new AssertionError(word + " not found on port " + node.port() + " within 30 s");
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
    }

    private static String row(String what, List<Long> micros) {
        List<Long> sorted;
        synchronized (micros) {
            sorted = new ArrayList<>(micros);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "| " + what + " | 0 | | | | |";
        }
        long over = sorted.stream().filter(m -> m > 1_000_000).count();
        return String.format("| %s | %d | %.1f | %.1f | %.1f | %d |", what, sorted.size(), pct(sorted, 50) / 1000.0,
                pct(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, over);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}

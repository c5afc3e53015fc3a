import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acknowledged, searchable writes per second against a running service:
 * java bench/WriteBench.java http://localhost:8080 <admin-token> <seconds> <concurrency>
 * Each write creates an organisation; its response is only sent once it is durable and searchable.
 */
public class WriteBench {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int seconds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int worker = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    String slug = "bench-" + run + "-" + worker + "-" + i;
                    String body = "{\"id\":\"https://example.org/tooi/" + slug + "\",\"name\":\"Benchmark organisatie " + slug
                            + "\",\"slug\":\"" + slug + "\"}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/platform/v1/organisations"))
                            .header("X-API-Key", token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            ok.incrementAndGet();
                            latencies.add(System.nanoTime() - started);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("writes=%d failed=%d seconds=%d concurrency=%d rate=%.0f/s p50=%.1fms p99=%.1fms%n",
                ok.get(), failed.get(), seconds, concurrency, ok.get() / (double) seconds,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
}

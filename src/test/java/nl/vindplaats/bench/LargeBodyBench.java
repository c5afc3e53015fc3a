package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.ChildService;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Cost of large request bodies (issue 16): package_create with many tags, and a request body of about
 * 10 MB, timed over real HTTP. Off in normal builds; run by hand with
 * {@code ./mvnw -o test -Dvp.bench=true -Dtest=LargeBodyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints its figures; it asserts no time (the machine is shared), only that each request was answered. The service
 * runs as a process of its own, so that its CPU time is measured without the client's (building and sending a
 * 10 MB body costs the client about half as much as the service).
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
class LargeBodyBench {

    @Test
    void largeBodies() {
        ChildService.Place place = ChildService.Place.create(TestService.Store.SQLITE);
        ChildService service = ChildService.start(place, "--rate-limit-per-token", "0", "--rate-limit-per-address", "0");
        try {
            service.postAsAdmin("/api/3/action/organization_create", Map.of("name", "bench", "title", "Bench"));
            // Warm up the JIT on a few small creates first.
            for (int i = 0; i < 20; i++) {
                timed(service, "warm-" + i, 100, 2, 2000);
            }
            if (!Boolean.getBoolean("vp.bench.tenMbOnly")) {
                for (int tags : new int[] {1_000, 5_000, 20_000, 40_000, 100_000}) {
                    timed(service, "tags-" + tags, tags, 0, 0);
                }
            }
            // About 10 MB: the most resources the limits allow, each with a long description.
            for (int i = 1; i <= Integer.getInteger("vp.bench.tenMbRuns", 3); i++) {
                timed(service, "ten-mb-" + i, 0, 1_000, 10_000);
            }
            // About 10 MB refused: 500,000 tags.
            timed(service, "ten-mb-refused", 500_000, 0, 0);
        } finally {
            service.forceStop();
            place.destroy();
        }
    }

    /** CPU time of the service's process, every thread: on a shared machine the wall time mostly measures the others. */
    private static long serviceCpuNanos(ChildService service) {
        return service.process().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static void timed(ChildService service, String name, int tags, int resources, int descriptionChars) {
        ObjectNode data = Json.object().put("name", name).put("owner_org", "bench");
        ArrayNode tagList = data.putArray("tags");
        for (int i = 0; i < tags; i++) {
            tagList.addObject().put("name", "tag-" + i);
        }
        ArrayNode resourceList = data.putArray("resources");
        String description = "beschrijving ".repeat(descriptionChars / 13 + 1).substring(0, descriptionChars);
        for (int i = 0; i < resources; i++) {
            resourceList.addObject().put("name", "bron " + i).put("url", "https://example.org/" + i + ".csv")
                    .put("format", "CSV").put("description", description);
        }
        String body = data.toString();
        HttpRequest request = HttpRequest.newBuilder(service.uri("/api/3/action/package_create"))
                .timeout(Duration.ofSeconds(120)).header("X-API-Key", service.place().adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        long cpuStart = serviceCpuNanos(service);
        HttpResponse<String> r = ChildService.send(request);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (serviceCpuNanos(service) - cpuStart) / 1_000_000;
        if (!name.startsWith("warm")) {
            System.out.printf("| %s | %,d bytes | %d | %,d ms | %,d ms | %.1f |%n", name, body.length(), r.statusCode(),
                    millis, cpuMillis, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }
}

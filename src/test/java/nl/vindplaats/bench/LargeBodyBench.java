package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Cost of large request bodies (issue 16): package_create with many tags, and a request body of about
 * 10 MB, timed over real HTTP. Off in normal builds; run by hand with
 * {@code ./mvnw -o test -Dvp.bench=true -Dtest=LargeBodyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints its figures; it asserts no time (the machine is shared), only that each request was answered.
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
class LargeBodyBench {

    @Test
    void largeBodies() {
        TestService service = TestService.start(TestService.Store.SQLITE);
        try {
            service.post("/api/3/action/organization_create", Json.write(Map.of("name", "bench", "title", "Bench")),
                    "Authorization", service.adminToken());
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
            service.destroy();
        }
    }

    /**
     * CPU time of this JVM, every thread (the service runs in it): on a shared machine the wall time mostly measures
     * the other processes. It includes the client's own sending, a small share.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void timed(TestService service, String name, int tags, int resources, int descriptionChars) {
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
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        HttpResponse<String> r = service.post("/api/3/action/package_create", body,
                "Authorization", service.adminToken());
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
        if (!name.startsWith("warm")) {
            System.out.printf("| %s | %,d bytes | %d | %,d ms | %,d ms | %.1f |%n", name, body.length(), r.statusCode(),
                    millis, cpuMillis, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }
}

package nl.vindplaats.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import nl.vindplaats.notify.NotificationSettings;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook fan-out (issue 19): 100 subscriptions without a filter on one change stream, a receiver on loopback that
 * answers 204 at once; the time from the first write until every subscription has delivered every change. Off in
 * normal builds; run by hand with
 * {@code ./mvnw -o test -Dvp.bench=true -Dtest=WebhookFanOutBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dvp.bench.changes=200} for more changes). Prints its figures; asserts only that everything arrived.
 */
@EnabledIfSystemProperty(named = "vp.bench", matches = "true")
class WebhookFanOutBench {
    private static final int SUBSCRIBERS = 100;

    @Test
    void fanOut() throws Exception {
        int changes = Integer.getInteger("vp.bench.changes", 100);
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        TestService service = TestService.start(TestService.Store.SQLITE, c -> c.with(
                NotificationSettings.defaults().withAllowPrivateAddresses(true)));
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            for (int i = 0; i < SUBSCRIBERS; i++) {
                assertThat(service.post("/platform/v1/subscriptions", "{\"url\":\"" + url + "\"}", service.asAdmin())
                        .statusCode()).isEqualTo(201);
            }
            long cpuBefore = processCpuNanos();
            long started = System.nanoTime();
            for (int i = 0; i < changes; i++) {
                assertThat(service.post("/api/3/action/package_create", "{\"name\":\"fan-out-" + i
                        + "\",\"owner_org\":\"gm0518\"}", "Authorization", service.adminToken()).statusCode()).isEqualTo(200);
            }
            long written = System.nanoTime();
            long last = service.app().store().lastSeq();
            while (!allDelivered(service, last)) {
                Thread.sleep(20);
            }
            long done = System.nanoTime();
            long deliveries = received.get();
            double seconds = (done - started) / 1e9;
            System.out.printf("webhook fan-out: %d changes × %d subscribers = %d deliveries in %.1f s (writes took %.1f s):"
                            + " %.0f deliveries/s; CPU %.1f s%n", changes, SUBSCRIBERS, deliveries, seconds,
                    (written - started) / 1e9, deliveries / seconds, (processCpuNanos() - cpuBefore) / 1e9);
            assertThat(deliveries).isGreaterThanOrEqualTo((long) changes * SUBSCRIBERS);
        } finally {
            service.destroy();
            receiver.stop(0);
        }
    }

    private static boolean allDelivered(TestService service, long last) {
        JsonNode page = TestService.json(service.get("/platform/v1/subscriptions?pageSize=100", service.asAdmin()));
        for (JsonNode s : page.path("subscriptions")) {
            if (s.path("position").asLong() < last) {
                return false;
            }
        }
        return true;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

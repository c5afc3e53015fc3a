package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.ChildService;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the service with SIGKILL while several clients write, starts it again on the same data,
 * and checks that every acknowledged write survived in the store and in search, and that nothing
 * is in the store without being in search. Set {@code -Dvp.crash.seed=N} to replay a failure.
 */
@Tag("slow") // kills service processes mid-write
class CrashSafetyTest {
    private static final String ORGANISATIONS = "/platform/v1/organisations";
    private static final int WRITERS = 4;

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void acknowledgedWritesSurviveSigkill(TestService.Store store) throws Exception {
        long seed = Long.getLong("vp.crash.seed", System.nanoTime());
        System.out.println("CrashSafetyTest " + store + " seed " + seed + " (replay with -Dvp.crash.seed=" + seed + ")");
        Random random = new Random(seed);

        ChildService.Place place = ChildService.Place.create(store);
        try {
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            writeUntilKilled(place, random, attempted, acknowledged);

            long restarting = System.nanoTime();
            ChildService restarted = ChildService.start(place);
            System.out.println("restarted in " + (System.nanoTime() - restarting) / 1_000_000 + " ms: "
                    + restarted.log().lines().filter(l -> l.contains("Search index") || l.contains("started in")).toList());
            try {
                JsonNode health = TestService.json(restarted.get("/health"));
                assertThat(health.path("checks").path("index").path("lag").asLong()).as("index lag after restart").isZero();

                Set<String> inStore = new HashSet<>();
                for (String slug : attempted) {
                    HttpResponse<String> r = restarted.get(ORGANISATIONS + "/" + slug);
                    assertThat(r.statusCode()).as("store read of " + slug).isIn(200, 404);
                    if (r.statusCode() == 200) {
                        inStore.add(slug);
                    }
                }
                assertThat(inStore).as("acknowledged writes in the store").containsAll(acknowledged);

                Set<String> inSearch = new HashSet<>(listEverything(restarted));
                inSearch.removeIf(slug -> !slug.startsWith("kraak-")); // the seeded TOOI organisations
                assertThat(inSearch).as("what search lists is exactly what the store holds").isEqualTo(inStore);
                for (String slug : acknowledged) {
                    JsonNode found = TestService.json(restarted.get(ORGANISATIONS + "?pageSize=100&q="
                            + URLEncoder.encode(code(slug), StandardCharsets.UTF_8)));
                    assertThat(found.path("organisations").findValuesAsText("slug"))
                            .as("full-text search for " + slug).contains(slug);
                }
            } finally {
                restarted.forceStop();
            }
        } finally {
            place.destroy();
        }
    }

    /** Several clients create organisations until the service is killed at a moment the seed chooses. */
    private static void writeUntilKilled(ChildService.Place place, Random random, Set<String> attempted,
                                         Set<String> acknowledged) throws InterruptedException {
        int killAfterAcks = 10 + random.nextInt(150);
        long killDelayMillis = random.nextInt(40);
        ChildService service = ChildService.start(place, "--rate-limit-per-token", "0", "--rate-limit-per-address", "0");
        AtomicInteger acks = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                    for (int n = 0; n < 10_000; n++) {
                        String slug = slug(writer, n);
                        attempted.add(slug);
                        try {
                            HttpResponse<String> r = service.postAsAdmin(ORGANISATIONS, organisation(slug));
                            if (r.statusCode() != 201) {
                                failures.add(slug + " answered " + r.statusCode() + " " + r.body());
                                return;
                            }
                            acknowledged.add(slug);
                            acks.incrementAndGet();
                        } catch (UncheckedIOException killed) {
                            return; // the connection died with the process: this write was not acknowledged
                        }
                    }
                }));
            }
            // Bounded: writers whose requests all fail (a very slow machine) must not keep the test waiting forever.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (acks.get() < killAfterAcks && failures.isEmpty() && service.process().isAlive()
                    && writers.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(killDelayMillis);
            service.kill();
            for (Thread t : writers) {
                t.join(15_000);
            }
        } finally {
            service.forceStop();
        }
        assertThat(failures).as("writes refused before the kill; service log:\n" + service.log()).isEmpty();
        System.out.println("killed after " + acknowledged.size() + " acknowledged of " + attempted.size()
                + " attempted writes");
    }

    private static Set<String> listEverything(ChildService service) {
        Set<String> slugs = new HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode list = TestService.json(service.get(ORGANISATIONS + "?pageSize=100&page=" + page));
            List<String> onPage = list.path("organisations").findValuesAsText("slug");
            slugs.addAll(onPage);
            if (onPage.isEmpty() || slugs.size() >= list.path("total").asLong()) {
                assertThat(slugs).hasSize((int) list.path("total").asLong());
                return slugs;
            }
        }
    }

    private static String slug(int writer, int n) {
        return "kraak-" + writer + "-" + n;
    }

    /** A word that occurs in this organisation's name only, to find it by full text. */
    private static String code(String slug) {
        return slug.replace("kraak-", "k").replace('-', 'x');
    }

    private static Map<String, String> organisation(String slug) {
        return Map.of("id", "https://identifier.overheid.nl/tooi/id/test/" + slug,
                "name", "Proeforganisatie " + code(slug), "slug", slug);
    }
}

package nl.vindplaats.platform;

import com.fasterxml.jackson.databind.JsonNode;
import nl.vindplaats.testing.Eventually;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk, for real: the service's data directory is a small tmpfs mounted by the test (CI runs as root;
 * elsewhere the test says it cannot mount and is skipped). While it is full, writes are refused in each API's own
 * format with Retry-After, reads go on and /health says why; once space is freed, writes work again by themselves.
 */
@Tag("slow") // fills a real disk
class DiskFullTest {
    private Path mount;
    private Path filler;
    private TestService service;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = TestService.newDataDir();
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        boolean mounted = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): " + output.strip());
        filler = mount.resolve("filler");
    }

    @AfterEach
    void unmount() throws Exception {
        if (service != null) {
            service.destroy();
        }
        if (filler != null) {
            Files.deleteIfExists(filler);
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(mount);
        }
    }

    private void start(UnaryOperator<Config> adjust) {
        start(TestService.Store.SQLITE, adjust);
    }

    private void start(TestService.Store store, UnaryOperator<Config> adjust) {
        service = TestService.start(store, c -> adjust.apply(c.with(c.store().withDataDir(mount.resolve("data")))));
    }

    /** Writes until the filesystem refuses: the disk is then full to the last block. */
    private void fillTheDisk() throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
        // the last partial blocks too
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block, 0, 512);
            }
        } catch (IOException full) {
            // full
        }
    }

    private HttpResponse<String> createDataset(String name) {
        return service.post("/api/3/action/package_create", "{\"name\":\"" + name + "\",\"owner_org\":\"gm0518\","
                + "\"title\":\"Schijf " + name + "\",\"notes\":\"" + "ruimte ".repeat(200) + "\"}",
                "Authorization", service.adminToken());
    }

    private boolean found(String name) {
        JsonNode result = TestService.json(service.get("/api/3/action/package_search?q=name:" + name)).path("result");
        return result.path("count").asInt() == 1;
    }

    @Test
    void belowTheFreeSpaceFloorWritesAreRefusedWith507AndReadsGoOn() throws Exception {
        start(c -> c.with(c.instance().withMinFreeDiskBytes(16L * 1024 * 1024)));
        assertThat(createDataset("voor-de-volle-schijf").statusCode()).isEqualTo(200);
        fillTheDisk();

        HttpResponse<String> ckan = Eventually.value("writes are refused", Duration.ofSeconds(10),
                () -> createDataset("geweigerd"), r -> r.statusCode() == 507);
        assertThat(ckan.headers().firstValue("Retry-After")).isPresent();
        assertThat(TestService.json(ckan).path("success").asBoolean(true)).isFalse();
        HttpResponse<String> platform = service.post("/platform/v1/organisations",
                "{\"id\":\"https://example.org/id/organisatie/vol\",\"slug\":\"vol\",\"name\":\"Vol\"}", service.asAdmin());
        assertThat(platform.statusCode()).as(platform.body()).isEqualTo(507);
        assertThat(platform.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(TestService.json(platform).path("detail").asText()).contains("disk");

        assertThat(service.get("/api/3/action/package_show?id=voor-de-volle-schijf").statusCode()).isEqualTo(200);
        assertThat(found("voor-de-volle-schijf")).isTrue();
        // The free space is looked at again at most every second. The node is DEGRADED (reads only); not ready
        // when the index's own background commit met the full disk too (it then reopens once there is room): that
        // /health is problem details with status 503 and the same checks.
        JsonNode health = Eventually.value("/health says the disk is full", Duration.ofSeconds(5),
                () -> TestService.json(service.get("/health")), h -> h.at("/checks/disk/status").asText().equals("FULL"));
        assertThat(health.path("status").asText()).isIn("DEGRADED", "503");
        assertThat(health.at("/checks/disk/reason").asText()).contains("writes are refused");

        Files.delete(filler);
        Eventually.until("writes are taken again", Duration.ofSeconds(10),
                () -> createDataset("na-de-volle-schijf").statusCode() == 200);
        assertThat(found("na-de-volle-schijf")).isTrue();
        assertThat(found("geweigerd")).isFalse();
    }

    @Test
    void aDiskFilledToTheLastBlockRefusesWritesAndRecoversWithoutARestart() throws Exception {
        // No floor: the store and the index themselves meet the full disk.
        start(c -> c.with(c.instance().withMinFreeDiskBytes(0)));
        assertThat(createDataset("voor-de-volle-schijf").statusCode()).isEqualTo(200);
        fillTheDisk();

        List<String> acknowledged = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = createDataset("poging-" + i);
            assertThat(r.statusCode()).as(r.body()).isIn(200, 503, 507);
            if (r.statusCode() == 200) {
                acknowledged.add("poging-" + i);
            } else {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(TestService.json(r).path("success").asBoolean(true)).isFalse();
            }
        }
        assertThat(refused).isPositive();
        // Reads by id go on. (Searches go on below the floor, as the test above shows; with no floor at all a search
        // that meets the index while it reopens itself may still fail: known, see docs/configuration.md.)
        assertThat(service.get("/api/3/action/package_show?id=voor-de-volle-schijf").statusCode()).isEqualTo(200);

        Files.delete(filler);
        Eventually.until("writes are taken again", Duration.ofSeconds(20),
                () -> createDataset("na-de-volle-schijf").statusCode() == 200);
        assertThat(found("na-de-volle-schijf")).isTrue();
        for (String name : acknowledged) {
            assertThat(found(name)).as("acknowledged while full: " + name).isTrue();
        }
        assertThat(TestService.json(service.get("/health")).path("status").asText()).isEqualTo("UP");

        // and after a restart, everything acknowledged is still there
        service = service.restart();
        for (String name : acknowledged) {
            assertThat(found(name)).isTrue();
        }
        assertThat(found("na-de-volle-schijf")).isTrue();
    }

    @Test
    void withTheStoreElsewhereTheIndexMeetsTheFullDiskAndNothingAcknowledgedIsLost() throws Exception {
        // PostgreSQL keeps the records; only the index and the files are on the full disk.
        start(TestService.Store.POSTGRES, c -> c.with(c.instance().withMinFreeDiskBytes(0))
                .with(c.index().withCommitInterval(Duration.ofMillis(100))));
        fillTheDisk();
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = createDataset("pg-poging-" + i);
            assertThat(r.statusCode()).as(r.body()).isIn(200, 503, 507);
            if (r.statusCode() == 200) {
                acknowledged.add("pg-poging-" + i);
            }
        }
        Files.delete(filler);
        Eventually.until("writes are taken again", Duration.ofSeconds(20),
                () -> createDataset("pg-na-de-volle-schijf").statusCode() == 200);
        acknowledged.add("pg-na-de-volle-schijf");
        for (String name : acknowledged) {
            Eventually.until(name + " is searchable", Duration.ofSeconds(10), () -> found(name));
        }
        service = service.restart();
        for (String name : acknowledged) {
            assertThat(found(name)).as(name).isTrue();
        }
    }
}

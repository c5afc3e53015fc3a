package nl.vindplaats.access;

import nl.vindplaats.base.Ids;
import nl.vindplaats.platform.Config;
import nl.vindplaats.store.Database;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits per node, and shared by the nodes of one PostgreSQL database. */
@Tag("slow") // several nodes on one PostgreSQL
class SharedRateLimitsTest {

    @Test
    void bucketsInMemoryCountPerNode() {
        RateLimits first = new RateLimits(0, 3);
        RateLimits second = new RateLimits(0, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(first.forAddress("192.0.2.7").allowed()).isTrue();
            assertThat(second.forAddress("192.0.2.7").allowed()).isTrue();
        }
        assertThat(first.forAddress("192.0.2.7").allowed()).isFalse();
    }

    @Test
    void sharedBucketsHoldAcrossNodes() throws Exception {
        String url = TestService.postgresUrl(); // skips without PostgreSQL
        Path dir = TestService.newDataDir();
        Config config = Config.defaults(dir);
        config = config.with(config.store().withDatabase(url, null, null,
                "t_" + Ids.uuid().replace("-", "").substring(0, 16)));
        // Two nodes: each its own connection pool to the same database and schema.
        try (Database nodeA = Database.open(config.store()); Database nodeB = Database.open(config.store());
             RateLimits limitsA = RateLimits.shared(0, 5, nodeA.dataSource());
             RateLimits limitsB = RateLimits.shared(0, 5, nodeB.dataSource())) {
            for (int i = 0; i < 3; i++) {
                assertThat(limitsA.forAddress("192.0.2.7").allowed()).as("node A, request " + i).isTrue();
            }
            assertThat(limitsB.forAddress("192.0.2.7").allowed()).isTrue();
            assertThat(limitsB.forAddress("192.0.2.7").allowed()).isTrue();

            RateLimits.Verdict sixth = limitsA.forAddress("192.0.2.7");
            assertThat(sixth.allowed()).as("the sixth request, wherever it lands").isFalse();
            assertThat(sixth.retryAfterSeconds()).isBetween(1L, 60L);
            assertThat(limitsB.forAddress("192.0.2.7").allowed()).isFalse();
            assertThat(limitsB.forAddress("198.51.100.1").allowed()).as("another address has its own bucket").isTrue();
            limitsA.removeExpired(); // nothing is full again yet: it runs, and the buckets still hold
            assertThat(limitsB.forAddress("192.0.2.7").allowed()).isFalse();
        } finally {
            nl.vindplaats.base.FileTree.delete(dir);
        }
    }
}

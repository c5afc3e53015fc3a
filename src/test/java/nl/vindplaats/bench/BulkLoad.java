package nl.vindplaats.bench;

import nl.vindplaats.base.DutchVocabulary;
import nl.vindplaats.documents.DocumentCorpus;
import nl.vindplaats.documents.MetadataValidator;
import nl.vindplaats.platform.Config;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.RecordStore;
import nl.vindplaats.valuelists.ValueLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Fills a data directory (or a PostgreSQL schema) with the read benchmarks' generated corpora, in bulk
 * through the core's {@link RecordStore#createAll}, without building the index: {@code bench/read}
 * then times {@code vindplaats reindex} on it. Off in normal builds; {@code bench/read} runs it with
 * {@code -Dvp.bench.load=documents|datasets -Dvp.bench.dir=DIR -Dvp.bench.size=N}.
 */
@EnabledIfSystemProperty(named = "vp.bench.load", matches = "documents|datasets")
class BulkLoad {
    private static final int BATCH = Integer.getInteger("vp.bench.batch", 1000);

    @Test
    void load() {
        String what = System.getProperty("vp.bench.load");
        Path dir = Path.of(System.getProperty("vp.bench.dir"));
        int size = Integer.getInteger("vp.bench.size", what.equals("documents") ? 1_000_000 : 200_000);
        String baseUrl = System.getProperty("vp.bench.base-url", "http://localhost:18080");
        Config config = Config.defaults(dir);
        String databaseUrl = System.getProperty("vp.bench.database-url");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            config = config.with(config.store().withDatabase(databaseUrl, null, null, System.getProperty("vp.bench.database-schema")));
        }
        Instant started = Instant.now();
        SettableClock clock = new SettableClock(DocumentCorpus.FIRST);
        try (Database database = Database.open(config.store())) {
            RecordStore store = new RecordStore(database, clock);
            ValueLists lists = ValueLists.load();
            java.util.function.IntConsumer progress = done -> {
                if (done % 50_000 == 0 || done == size) {
                    System.out.printf("%s: %d of %d stored after %d s%n", what, done, size,
                            Duration.between(started, Instant.now()).toSeconds());
                }
            };
            if (what.equals("documents")) {
                new DocumentCorpus(size, lists, DutchVocabulary.load())
                        .load(store, clock::set, new MetadataValidator(lists), baseUrl, 0, size, BATCH, progress);
            } else {
                // Organisations are read from the store only (by TOOI URI), so no index is needed here.
                var corpus = new nl.vindplaats.datasets.DatasetCorpus(size, lists,
                        nl.vindplaats.datasets.DatasetCorpus.vocabulary());
                corpus.load(store, clock::set, new nl.vindplaats.access.Organisations(store, null), BATCH, progress);
            }
        }
        System.out.printf("Loaded %d %s in %d s%n", size, what, Duration.between(started, Instant.now()).toSeconds());
    }
}

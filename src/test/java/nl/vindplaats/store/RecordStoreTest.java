package nl.vindplaats.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.vindplaats.base.Json;
import nl.vindplaats.testing.TestService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordStoreTest {

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void concurrentReadModifyWriteLosesNoUpdate(TestService.Store kind) throws Exception {
        try (TestService service = TestService.start(kind)) {
            RecordStore store = service.app().store();
            store.create(counter(0));
            int writers = 8;
            int incrementsEach = 25;
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            StoredRecord read = store.get("counter", "c").orElseThrow();
                            int value = read.body().path("value").asInt();
                            try {
                                store.update(counter(value + 1), read.version());
                                break;
                            } catch (VersionConflictException stale) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            StoredRecord last = store.get("counter", "c").orElseThrow();
            assertThat(last.body().path("value").asInt()).isEqualTo(writers * incrementsEach);
            assertThat(last.version()).isEqualTo(writers * incrementsEach + 1L);
            List<Change> history = store.history("counter", "c");
            assertThat(history).hasSize(writers * incrementsEach + 1);
            assertThat(history).extracting(c -> c.record().version())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, history.size()).boxed().toList());
            assertThat(history).extracting(c -> c.record().body().path("value").asInt())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, writers * incrementsEach).boxed().toList());
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aKeyBelongsToOneRecordAtATime(TestService.Store kind) {
        try (TestService service = TestService.start(kind)) {
            RecordStore store = service.app().store();
            store.create(keyed("a", List.of("k1", "k2")));
            assertThat(store.getByKey("keyed", "k2")).get().extracting(StoredRecord::id).isEqualTo("a");
            long before = store.lastSeq();

            // Another record may not take one of a's keys, in a single write or in a batch.
            assertThatThrownBy(() -> store.create(keyed("b", List.of("k3", "k2"))))
                    .isInstanceOf(VersionConflictException.class).hasMessageContaining("k2");
            assertThatThrownBy(() -> store.createAll(List.of(keyed("c", List.of("k5")), keyed("d", List.of("k1")))))
                    .isInstanceOf(VersionConflictException.class);
            assertThat(store.get("keyed", "b")).isEmpty();
            assertThat(store.getByKey("keyed", "k3")).isEmpty();
            assertThat(store.lastSeq()).isEqualTo(before);

            // A new version holds exactly its own keys: k1 is released and can be taken by another record.
            store.update(keyed("a", List.of("k2", "k4")), 1);
            assertThat(store.getByKey("keyed", "k1")).isEmpty();
            assertThat(store.getByKey("keyed", "k4")).get().extracting(StoredRecord::id).isEqualTo("a");
            store.create(keyed("b", List.of("k1")));
            assertThat(store.getByKey("keyed", "k1")).get().extracting(StoredRecord::id).isEqualTo("b");
        }
    }

    private static NewVersion keyed(String id, List<String> keys) {
        return new NewVersion("keyed", id, null, null, "active", Json.object(), "test", keys);
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void staleVersionAndTakenIdsAndNamesAreRefusedWithoutWriting(TestService.Store kind) {
        try (TestService service = TestService.start(kind)) {
            RecordStore store = service.app().store();
            store.create(counter(1));
            store.update(counter(2), 1);
            long before = store.lastSeq();

            assertThatThrownBy(() -> store.update(counter(3), 1)).isInstanceOf(VersionConflictException.class)
                    .hasMessageContaining("version 2");
            assertThatThrownBy(() -> store.create(counter(9))).isInstanceOf(VersionConflictException.class);
            assertThatThrownBy(() -> store.create(new NewVersion("counter", "other", "c-name", null, "active",
                    Json.object(), "test"))).isInstanceOf(VersionConflictException.class).hasMessageContaining("name");
            assertThatThrownBy(() -> store.update(new NewVersion("counter", "missing", null, null, "active",
                    Json.object(), "test"), 1)).isInstanceOf(VersionConflictException.class);

            assertThat(store.lastSeq()).isEqualTo(before);
            assertThat(store.get("counter", "c").orElseThrow().body().path("value").asInt()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void aWriterRefusedForATakenNameCanReadTheRecordThatTookIt(TestService.Store kind) throws Exception {
        try (TestService service = TestService.start(kind)) {
            RecordStore store = service.app().store();
            int writers = 16;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<String>> outcomes = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int w = 0; w < writers; w++) {
                String id = "claim-" + w;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return store.create(new NewVersion("claim", id, "the-name", null, "active", Json.object(), "test")).id();
                    } catch (VersionConflictException refused) {
                        return store.getByName("claim", "the-name").map(StoredRecord::id).orElse("nothing visible");
                    }
                }));
            }
            go.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                winners.add(outcome.get());
            }
            pool.shutdown();
            assertThat(winners).doesNotContain("nothing visible").containsOnly(winners.getFirst());
        }
    }

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void changeLogIsOrderedAndComplete(TestService.Store kind) {
        try (TestService service = TestService.start(kind)) {
            RecordStore store = service.app().store();
            long start = store.lastSeq();
            store.create(counter(1));
            store.update(counter(2), 1);
            List<Change> changes = store.changesAfter(start, 10);
            assertThat(changes).extracting(Change::seq).isSorted().doesNotHaveDuplicates();
            assertThat(changes).extracting(c -> c.record().version()).containsExactly(1L, 2L);
            assertThat(changes).extracting(Change::cause).containsExactly("test", "test");
            assertThat(changes.getLast().record().created()).isEqualTo(changes.getFirst().record().created());
        }
    }

    /** A body is old until it says {@code "layout": 2}; the new layout names the old field {@code text} {@code words}. */
    private static final BodyLayout NOTES_IN_LAYOUT_2 = new BodyLayout() {
        public String kind() {
            return "note";
        }

        public boolean isCurrent(ObjectNode body) {
            return body.path("layout").asInt() == 2;
        }

        public ObjectNode upgrade(StoredRecord old) {
            return Json.object().put("layout", 2).put("words", old.body().path("text").asText());
        }
    };

    @ParameterizedTest
    @EnumSource(TestService.Store.class)
    void oldBodiesAreRewrittenInTheCurrentLayoutOnceKeepingTheirTimesAndHistory(TestService.Store kind) {
        try (TestService service = TestService.start(kind)) {
            RecordStore store = service.app().store();
            List<NewVersion> notes = new ArrayList<>();
            for (int i = 0; i < 1_001; i++) {
                notes.add(new NewVersion("note", "n" + i, null, null, "active", Json.object().put("text", "note " + i),
                        "test"));
            }
            notes.add(new NewVersion("note", "current", null, null, "active",
                    Json.object().put("layout", 2).put("words", "already"), "test"));
            store.createAll(notes);
            store.update(new NewVersion("note", "n7", null, null, "active", Json.object().put("text", "seven"),
                    "edit"), 1);
            StoredRecord before = store.get("note", "n7").orElseThrow();
            long start = store.lastSeq();

            assertThat(store.relayout(NOTES_IN_LAYOUT_2)).isEqualTo(1_001);

            StoredRecord after = store.get("note", "n7").orElseThrow();
            assertThat(after.body()).isEqualTo(Json.object().put("layout", 2).put("words", "seven"));
            assertThat(after.version()).isEqualTo(3);
            assertThat(after.modified()).isEqualTo(before.modified());
            assertThat(after.created()).isEqualTo(before.created());
            assertThat(store.get("note", "current").orElseThrow().version()).isEqualTo(1);
            assertThat(store.history("note", "n7")).extracting(Change::cause).containsExactly("test", "edit");
            List<Change> rewrites = store.changesAfter(start, 2_000);
            assertThat(rewrites).hasSize(1_001).allMatch(Change::isRelayout);
            assertThat(rewrites).filteredOn(c -> c.record().id().equals("n7")).singleElement()
                    .satisfies(c -> assertThat(c.record().modified()).isEqualTo(before.modified()));

            assertThat(store.relayout(NOTES_IN_LAYOUT_2)).isZero();
            assertThat(store.lastSeq()).isEqualTo(start + 1_001);
        }
    }

    private static NewVersion counter(int value) {
        ObjectNode body = Json.object().put("value", value);
        return new NewVersion("counter", "c", "c-name", null, "active", body, "test");
    }
}

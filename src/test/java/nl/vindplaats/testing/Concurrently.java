package nl.vindplaats.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Many writes of a test's set-up, sent by several clients at once. Writes that arrive together are committed and
 * made searchable together, so a thousand of them cost the index a few dozen small segments (and merges of them)
 * instead of a thousand: the set-up takes a fraction of its time one by one. Four clients, not more: each write
 * waits for the ones queued before it, and on a starved machine eight at once came near the 30-second limit of a
 * test's request.
 */
public final class Concurrently {
    private static final int CLIENTS = 4;

    private Concurrently() {
    }

    /** The results of {@code task} for 0 to {@code count - 1}, in that order; the first failure is rethrown. */
    public static <T> List<T> map(int count, IntFunction<T> task) {
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<T>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                running.add(clients.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> each : running) {
                results.add(each.get());
            }
            return results;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException failed -> throw failed;
                case Error failed -> throw failed;
                default -> throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

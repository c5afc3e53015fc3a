package nl.vindplaats.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something that happens on another thread or process: polls, and fails naming what never happened. */
public final class Eventually {
    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    /** Returns the first value {@code probe} gives that {@code done} accepts, or fails after {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + " (last seen: " + last + ")");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
            last = probe.get();
        }
        return last;
    }

    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        value(what, timeout, condition, Boolean::booleanValue);
    }
}

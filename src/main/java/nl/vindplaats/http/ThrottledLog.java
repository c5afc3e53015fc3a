package nl.vindplaats.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Error logging that a flood of failing requests cannot flood: per cause (the exception's class and where it
 * was thrown) and per minute, the first occurrence is logged with its stack trace and the others only counted;
 * the next occurrence after that minute logs how many there were. Every occurrence is counted in
 * {@code vindplaats_errors_total{cause}}.
 */
public final class ThrottledLog {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_CAUSES = 1_000;

    /** Where lines go: the logger in service, a list in tests. */
    @FunctionalInterface
    public interface Sink {
        void write(String line, Throwable stackTrace);
    }

    private static final class Window {
        long startedMillis;
        long suppressed;

        Window(long startedMillis) {
            this.startedMillis = startedMillis;
        }
    }

    private final Sink sink;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String counter;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** {@code counter}: the metric counting every occurrence per cause, or null for none. */
    public ThrottledLog(Sink sink, Clock clock, MeterRegistry metrics, String counter) {
        this.sink = sink;
        this.clock = clock;
        this.metrics = metrics;
        this.counter = counter;
    }

    public static ThrottledLog errors(Logger log, MeterRegistry metrics) {
        return new ThrottledLog(log::error, Clock.systemUTC(), metrics, "vindplaats.errors");
    }

    /**
     * Logs {@code message} with the stack trace of {@code error}, or counts it when its cause was logged within the
     * minute. Without an error, the message itself is the cause.
     */
    public void error(String message, Throwable error) {
        String cause = error == null ? message : causeOf(error);
        if (counter != null) {
            Counter.builder(counter).tag("cause", cause).register(metrics).increment();
        }
        long now = clock.millis();
        if (windows.size() > MAX_CAUSES) {
            windows.clear(); // a flood of distinct causes: logging them afresh is the lesser harm
        }
        long[] before = {-1};
        Window window = windows.compute(cause, (key, w) -> {
            if (w == null) {
                return new Window(now);
            }
            if (now - w.startedMillis >= WINDOW.toMillis()) {
                before[0] = w.suppressed;
                w.startedMillis = now;
                w.suppressed = 0;
                return w;
            }
            w.suppressed++;
            before[0] = -2; // counted, not logged
            return w;
        });
        if (before[0] == -2 || window == null) {
            return;
        }
        String repeated = before[0] > 0
                ? " (" + before[0] + " more of this cause in the minute before, not logged)" : "";
        sink.write(message + repeated, error);
    }

    /** The exception's class and the first frame it was thrown from: the same bug gives the same cause. */
    static String causeOf(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StackTraceElement[] frames = root.getStackTrace();
        String at = frames.length == 0 ? "" : "@" + frames[0].getClassName() + "." + frames[0].getMethodName()
                + ":" + frames[0].getLineNumber();
        return root.getClass().getName() + at;
    }
}

package nl.vindplaats.platform;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Reports how far a long command is: records done, rate and time left. On a terminal it redraws one line;
 * otherwise (a log, a pipe) it writes a line every few seconds, so logs stay readable.
 */
public final class Progress {
    private static final long TERMINAL_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final String what;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long started;
    private long lastShown;
    private long done;

    public Progress(String what, long total, PrintStream out, boolean terminal, LongSupplier nanoTime) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastShown = started;
    }

    /** For the command line: a terminal when the JVM has a console. */
    public static Progress onStandardError(String what, long total) {
        return new Progress(what, total, System.err, System.console() != null, System::nanoTime);
    }

    public synchronized void advance(long records) {
        done += records;
        long now = nanoTime.getAsLong();
        if (now - lastShown >= (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            lastShown = now;
            show(now, false);
        }
    }

    public synchronized void finish() {
        show(nanoTime.getAsLong(), true);
    }

    private void show(long now, boolean last) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        long rate = Math.round(done / seconds);
        StringBuilder line = new StringBuilder(what).append(": ").append(done);
        if (total > 0) {
            line.append(" of ").append(total).append(" (").append(Math.min(100, done * 100 / total)).append(" %)");
        }
        line.append(", ").append(rate).append("/s");
        if (!last && total > done && rate > 0) {
            line.append(", about ").append(format(Duration.ofSeconds((total - done) / rate))).append(" left");
        } else if (last) {
            line.append(", in ").append(format(Duration.ofNanos(now - started)));
        }
        if (terminal) {
            out.print("\r" + line + "    " + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + " s";
    }
}

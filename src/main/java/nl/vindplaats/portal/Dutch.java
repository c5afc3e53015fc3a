package nl.vindplaats.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Days as the Netherlands counts them (its time zone), in Dutch where a page model keeps one; what a page shows in
 * the reader's language comes from {@link Texts}.
 */
public final class Dutch {
    private static final Locale NL = Locale.of("nl", "NL");
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", NL);

    private Dutch() {
    }

    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(NETHERLANDS));
    }

    /** The moment a day begins in the Netherlands, where the pages' dates are read. */
    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(NETHERLANDS).toInstant();
    }

    /** The day as ISO date, for a {@code <time datetime>}. */
    public static String isoDate(Instant instant) {
        return instant == null ? "" : instant.atZone(NETHERLANDS).toLocalDate().toString();
    }
}

package nl.vindplaats.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Dates, sizes and the names of codes as a Dutch reader expects them. */
public final class Dutch {
    private static final Locale NL = Locale.of("nl", "NL");
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", NL);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", NL);
    private static final Map<String, String> LIFECYCLES = Map.of("active", "Actief", "deprecated",
            "Verouderd (deprecated)", "sunset", "Wordt uitgefaseerd (sunset)", "retired", "Niet meer beschikbaar (retired)");
    private static final Map<String, String> ENVIRONMENTS = Map.of("production", "Productie", "acceptance",
            "Acceptatie", "demo", "Demo");
    private static final Map<String, String> CAUSES = Map.of("aanlevering", "Gepubliceerd", "wijziging", "Gewijzigd",
            "intrekking", "Ingetrokken", "herpublicatie", "Opnieuw gepubliceerd");
    private static final Map<String, String> SEVERITIES = Map.of("error", "Fout", "warning", "Waarschuwing",
            "info", "Opmerking");

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

    public static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(NETHERLANDS));
    }

    /** The day as ISO date, for a {@code <time datetime>}. */
    public static String isoDate(Instant instant) {
        return instant == null ? "" : instant.atZone(NETHERLANDS).toLocalDate().toString();
    }

    public static String bytes(Long size) {
        if (size == null || size < 0) {
            return "";
        }
        if (size < 1024) {
            return size + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(NL, "%.1f %s", value, units[unit]);
    }

    public static String lifecycle(String code) {
        return LIFECYCLES.getOrDefault(code, code);
    }

    public static String environment(String code) {
        return ENVIRONMENTS.getOrDefault(code, code);
    }

    public static String cause(String code) {
        return CAUSES.getOrDefault(code, code);
    }

    public static String severity(String code) {
        return SEVERITIES.getOrDefault(code, code);
    }

    public static String count(long n, String one, String many) {
        return String.format(NL, "%,d", n) + " " + (n == 1 ? one : many);
    }

    /** A share of the probes, "99,5%"; "niet gemeten" when there were none in the window. */
    public static String percentage(Double value) {
        return value == null ? "niet gemeten" : String.format(NL, "%.1f%%", value);
    }
}

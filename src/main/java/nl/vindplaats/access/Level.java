package nl.vindplaats.access;

import java.util.Locale;

/** What a token may do within its scope; each level includes the ones before it. */
public enum Level {
    READ, WRITE, ADMIN;

    public boolean includes(Level other) {
        return compareTo(other) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}

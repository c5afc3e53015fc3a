package nl.vindplaats.access;

/** A publishing organisation: its TOOI URI, its name, and the slug used in paths. */
public record Organisation(String id, String name, String slug) {
}

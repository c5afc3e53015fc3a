package nl.vindplaats.valuelists;

/** One value of a value list: its URI and its (Dutch, where there is one) label. */
public record ValueItem(String identifier, String label) {
}

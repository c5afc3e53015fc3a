package nl.vindplaats.search;

/**
 * Where the highlighter of a search reads a hit's text: from the hit's summary, which the search reads anyway, instead
 * of the stored fields (whose compressed blocks cost more to open than the marking itself).
 *
 * <p>Contract: the text returned is exactly the text the field was indexed with, since the words are marked at the
 * offsets the postings keep; null where the hit has no text in that field to mark (the field then shows nothing, as a
 * field without a stored value does).
 */
@FunctionalInterface
public interface IndexedTexts {
    String of(byte[] summary, String field);
}

package nl.vindplaats.http;

/** One piece of bad input: which parameter or field, and what is wrong with it. */
public record InvalidParam(String name, String reason) {
}

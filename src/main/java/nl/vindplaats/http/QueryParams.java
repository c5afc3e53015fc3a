package nl.vindplaats.http;

/**
 * Whole numbers in query parameters (offsets, page numbers, page sizes, limits), read one way for every API. What a
 * refusal says, and in which format, stays each API's own: the caller gives a {@link Refusal} that turns the fault
 * into its error (CKAN's Validation Error dict, PLOOI's problem JSON, our problem+json, the portal's page).
 *
 * <p>The text is read as given: an API that allows spaces around a number, or treats {@code ?rows=} as absent,
 * passes {@link #given(String)} of the raw parameter; one that refuses them passes the raw parameter itself.
 */
public final class QueryParams {

    /** Why a number was refused. */
    public enum Fault {
        /** Not a whole number, or one beyond what the reader holds (an {@code int} or a {@code long}). */
        NOT_WHOLE,
        /** Below the least allowed. */
        TOO_SMALL,
        /** Above the most allowed. */
        TOO_LARGE
    }

    /** The API's own error for a refused number. */
    @FunctionalInterface
    public interface Refusal {
        ApiError refuse(Fault fault);
    }

    private QueryParams() {
    }

    /** A parameter as most APIs read it: null when absent or blank, else its text without surrounding spaces. */
    public static String given(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /** The whole number in {@code text} within {@code min..max}, or {@code fallback} when the text is null. */
    public static int wholeNumber(String text, int fallback, int min, int max, Refusal refusal) {
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw refusal.refuse(Fault.NOT_WHOLE);
        }
        return within(value, min, max, refusal);
    }

    /**
     * As {@link #wholeNumber}, read as a {@code long}: a number too large for an {@code int} but not for a
     * {@code long} is {@link Fault#TOO_LARGE} rather than {@link Fault#NOT_WHOLE}.
     */
    public static long longNumber(String text, long fallback, long min, long max, Refusal refusal) {
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw refusal.refuse(Fault.NOT_WHOLE);
        }
        if (value < min) {
            throw refusal.refuse(Fault.TOO_SMALL);
        }
        if (value > max) {
            throw refusal.refuse(Fault.TOO_LARGE);
        }
        return value;
    }

    /** Our own APIs' wording (problem+json, {@code invalidParams}) for a number refused in parameter {@code name}. */
    public static Refusal problem(String name, int min, int max) {
        return fault -> fault == Fault.NOT_WHOLE
                ? ApiError.invalid(name, "must be a whole number")
                : ApiError.invalid(name, "must be between " + min + " and " + max);
    }

    private static int within(int value, int min, int max, Refusal refusal) {
        if (value < min) {
            throw refusal.refuse(Fault.TOO_SMALL);
        }
        if (value > max) {
            throw refusal.refuse(Fault.TOO_LARGE);
        }
        return value;
    }
}

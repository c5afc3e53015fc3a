package nl.vindplaats.store;

/** The store could not do what was asked for a reason outside the caller's control. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package nl.vindplaats.store;

/** An update named a version that is no longer current, or a create named an id that exists. */
public final class VersionConflictException extends RuntimeException {
    private final long currentVersion;

    public VersionConflictException(String message, long currentVersion) {
        super(message);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}

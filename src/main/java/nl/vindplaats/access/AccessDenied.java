package nl.vindplaats.access;

/** The caller is unknown (401) or known but not allowed this (403). Adapters render it in their own format. */
public final class AccessDenied extends RuntimeException {
    private final boolean unauthenticated;

    private AccessDenied(boolean unauthenticated, String message) {
        super(message);
        this.unauthenticated = unauthenticated;
    }

    public static AccessDenied unauthenticated() {
        return new AccessDenied(true, "A valid API token is required (X-API-Key or Authorization header).");
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(false, message);
    }

    public boolean isUnauthenticated() {
        return unauthenticated;
    }

    public int status() {
        return unauthenticated ? 401 : 403;
    }
}

package nl.vindplaats.http;

import io.javalin.http.Context;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.Level;
import nl.vindplaats.access.Resource;

/** Who may call an operation: anyone, or a token with a level on the resource the request touches. */
public sealed interface Permission {
    /** Finds the resource a request acts on (from its path, its body, or the token itself). */
    @FunctionalInterface
    interface ResourceLookup {
        Resource resourceOf(Context ctx, ApiToken token);
    }

    record Anyone() implements Permission {
    }

    record Requires(Level level, ResourceLookup resource) implements Permission {
    }

    static Permission anyone() {
        return new Anyone();
    }

    static Requires requires(Level level, ResourceLookup resource) {
        return new Requires(level, resource);
    }

    static Requires platform(Level level) {
        return new Requires(level, (ctx, token) -> Resource.PLATFORM);
    }
}

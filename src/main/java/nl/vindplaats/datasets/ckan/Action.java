package nl.vindplaats.datasets.ckan;

import nl.vindplaats.access.Level;
import nl.vindplaats.http.Permission;

/**
 * One CKAN action, declared once: its name, whether it changes anything (only side-effect-free
 * actions may be called with GET), who may call it (a level on the resource the call touches, or
 * anyone), its documentation for help_show, and what it does. {@link CkanApi} derives the HTTP
 * operations of every path prefix from this table.
 */
record Action(String name, boolean writes, Level level, Permission.ResourceLookup resource, String help,
              Handler handler) {

    @FunctionalInterface
    interface Handler {
        Object run(Call call) throws Exception;
    }

    /** A side-effect-free action anyone may call; what it shows still depends on the caller. */
    static Action read(String name, String help, Handler handler) {
        return new Action(name, false, null, null, help, handler);
    }

    /** A side-effect-free action that needs a token with {@code level} on a resource. */
    static Action read(String name, Level level, Permission.ResourceLookup resource, String help, Handler handler) {
        return new Action(name, false, level, resource, help, handler);
    }

    static Action write(String name, Level level, Permission.ResourceLookup resource, String help, Handler handler) {
        return new Action(name, true, level, resource, help, handler);
    }

    Permission permission() {
        return level == null ? Permission.anyone() : Permission.requires(level, resource);
    }
}

package nl.vindplaats.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One operation of an API, declared once: its name (used in the audit log), whether it changes
 * anything, method and path, who may call it, and what it does. Authentication, the permission
 * check, auditing and metrics are derived from this declaration by {@link Routes}.
 */
public record Operation(String name, boolean writes, HandlerType method, String path, Permission permission,
                        Handler handler) {

    public static Operation read(String name, HandlerType method, String path, Permission permission, Handler handler) {
        return new Operation(name, false, method, path, permission, handler);
    }

    public static Operation write(String name, HandlerType method, String path, Permission.Requires permission,
                                  Handler handler) {
        return new Operation(name, true, method, path, permission, handler);
    }
}

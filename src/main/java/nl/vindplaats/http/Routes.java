package nl.vindplaats.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import nl.vindplaats.access.AccessControl;
import nl.vindplaats.access.ApiToken;
import nl.vindplaats.access.AuditLog;
import nl.vindplaats.access.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * The route table: every operation of every API. Installing it wraps each handler in the same
 * sequence — permission check, handler, audit entry — so no write can skip the check.
 */
public final class Routes {
    static final String TOKEN = "vindplaats.token";
    private static final String RESOURCE = "vindplaats.resource";
    private static final String RECORD = "vindplaats.record";

    private final List<Operation> operations = new ArrayList<>();
    private WriteGate writeGate = WriteGate.OPEN;

    public Routes add(Operation operation) {
        operations.add(operation);
        return this;
    }

    public Routes addAll(List<Operation> more) {
        operations.addAll(more);
        return this;
    }

    /** What every write route asks before it runs (a full disk refuses them all). */
    public Routes guardWrites(WriteGate gate) {
        this.writeGate = gate;
        return this;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** The token the request carries, already verified; null for an anonymous request. */
    public static ApiToken token(Context ctx) {
        return ctx.attribute(TOKEN);
    }

    /** The resource the permission check found for this request. */
    public static Resource resource(Context ctx) {
        return ctx.attribute(RESOURCE);
    }

    /** Lets a handler name the resource it actually wrote (e.g. the id it created) for the audit entry. */
    public static void wrote(Context ctx, Resource resource) {
        ctx.attribute(RESOURCE, resource);
    }

    /**
     * Names the record a write touched within its resource (kind and id, e.g. a PLOOI document's uuid), so that
     * its audit entry names the record and not only the organisation.
     */
    public static void wroteRecord(Context ctx, String kind, String id) {
        ctx.attribute(RECORD, kind + ":" + id);
    }

    void install(JavalinConfig config, AccessControl access, AuditLog audit) {
        for (Operation operation : operations) {
            config.routes.addHttpHandler(operation.method(), operation.path(), ctx -> {
                ApiToken token = token(ctx);
                Resource resource = null;
                if (operation.permission() instanceof Permission.Requires(var level, var lookup)) {
                    access.requireLevel(token, level);
                    resource = lookup.resourceOf(ctx, token);
                    access.require(token, resource, level);
                    ctx.attribute(RESOURCE, resource);
                }
                if (operation.writes()) {
                    WriteGate.Refusal refusal = writeGate.refusal();
                    if (refusal != null) {
                        throw new WriteGate.WritesRefused(refusal);
                    }
                }
                operation.handler().handle(ctx);
                if (operation.writes() && ctx.status().getCode() < 400) {
                    Resource touched = ctx.attribute(RESOURCE);
                    audit.append(token, operation.name(), touched != null ? touched : resource, ctx.attribute(RECORD),
                            ctx.ip());
                }
            });
        }
    }
}

package nl.vindplaats.http;

import nl.vindplaats.store.BodyLayout;

import java.util.List;

/**
 * One part of the service as the wiring sees it: the operations it serves, the surfaces they answer under (base
 * path, {@code API-Version}, error format), the APIs it lists in the instance's own register and on the portal's
 * {@code /docs}, its demo data, and its background work. Each feature package has one; the wiring holds them in a
 * list, adds their operations to the route table in that order, starts them after the HTTP server and stops them
 * in the same order (the harvest first: its runs write into the others).
 *
 * <p>A feature's index projections are static ({@code projections()} on its class), not part of this interface:
 * the index opens, and a {@code reindex} rebuilds it, before any feature is built.
 */
public interface Feature {

    /** Every operation of the feature, in the order they are routed (the first matching route serves). */
    List<Operation> operations();

    /** The base paths it answers under, with the version and error format of each; none when another's cover it. */
    default List<ApiSurface> surfaces() {
        return List.of();
    }

    /** The APIs it serves with an OpenAPI document, for the instance's own API register and the portal's docs. */
    default List<OwnApi> ownApis() {
        return List.of();
    }

    /**
     * Puts its demonstration records into an instance ({@code serve --demo}), published by the given organisations
     * (TOOI URIs); writes nothing that is there already, so a restart adds nothing.
     */
    default void loadDemoData(List<String> organisationIds) {
    }

    /**
     * The current layouts of the bodies of its kinds of record; at start, before serving, the bodies an earlier
     * release wrote in another layout are rewritten in these ({@link nl.vindplaats.store.RecordStore#relayout}).
     */
    default List<BodyLayout> bodyLayouts() {
        return List.of();
    }

    /** Starts its background work; called once the HTTP server serves. */
    default void start() {
    }

    /**
     * Work that must neither delay serving nor slow the first requests: run in the background a moment after the
     * start (unless the service stops first).
     */
    default void warmUp() {
    }

    /** Stops its background work; called once no request is in flight, before the store and the index close. */
    default void stop() {
    }

    /**
     * An API this instance serves: the short name of its page on {@code /docs}, its id in the instance's own API
     * register, its base path (its document is at {@code basePath + "/openapi.json"}), the register's description
     * of it, and its OpenAPI document.
     */
    record OwnApi(String docsName, String registerId, String basePath, String description, byte[] document) {
    }
}

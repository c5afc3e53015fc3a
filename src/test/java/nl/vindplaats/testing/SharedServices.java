package nl.vindplaats.testing;

import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link TestService} per store, started on first use and shared by the tests of a class that do not interfere
 * (each writes records of its own names and counts nothing store-wide); {@link #close()} in the class's
 * {@code @AfterAll}.
 */
public final class SharedServices implements AutoCloseable {
    private final Map<TestService.Store, TestService> services = new EnumMap<>(TestService.Store.class);

    public synchronized TestService of(TestService.Store store) {
        return services.computeIfAbsent(store, TestService::start);
    }

    @Override
    public synchronized void close() {
        services.values().forEach(TestService::destroy);
        services.clear();
    }
}

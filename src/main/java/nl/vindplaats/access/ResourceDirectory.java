package nl.vindplaats.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a resource (with the organisation it belongs to) from its type and id, so that tokens can be
 * scoped to it. Each feature registers the resource types it owns.
 */
public final class ResourceDirectory {
    private final Map<Resource.Type, Function<String, Optional<Resource>>> finders = new EnumMap<>(Resource.Type.class);

    public ResourceDirectory(Organisations organisations) {
        finders.put(Resource.Type.PLATFORM, id -> Optional.of(Resource.PLATFORM));
        finders.put(Resource.Type.ORGANISATION, id -> organisations.find(id)
                .map(o -> Resource.organisation(o.organisation().id())));
    }

    public void register(Resource.Type type, Function<String, Optional<Resource>> finder) {
        finders.put(type, finder);
    }

    public Optional<Resource> find(Resource.Type type, String id) {
        Function<String, Optional<Resource>> finder = finders.get(type);
        if (finder == null || (type != Resource.Type.PLATFORM && (id == null || id.isBlank()))) {
            return Optional.empty();
        }
        return finder.apply(id);
    }
}

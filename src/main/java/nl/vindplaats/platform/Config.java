package nl.vindplaats.platform;

import nl.vindplaats.base.Setting;
import nl.vindplaats.blobs.ObjectStoreSettings;
import nl.vindplaats.datasets.CkanSite;
import nl.vindplaats.documents.DocumentsSettings;
import nl.vindplaats.harvest.HarvestSettings;
import nl.vindplaats.http.ServerSettings;
import nl.vindplaats.notify.NotificationSettings;
import nl.vindplaats.portal.PortalSettings;
import nl.vindplaats.register.RegisterSettings;
import nl.vindplaats.search.IndexSettings;
import nl.vindplaats.store.StoreLocation;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Everything an operator can set: one settings record per part of the service, each in the package of what it
 * configures. Built by {@link nl.vindplaats.Main} from flags and environment variables ({@link #SECTIONS}); tests
 * build it from {@link #defaults(Path)} and replace a whole record: {@code config.with(config.server().withPort(0))}.
 */
public record Config(StoreLocation store, ServerSettings server, InstanceSettings instance, IndexSettings index,
                     PortalSettings portal, DocumentsSettings documents, RegisterSettings register,
                     NotificationSettings notifications, HarvestSettings harvest, CkanSite ckan) {

    /**
     * A settings record that an operator sets by flags and environment variables: its {@code SETTINGS}, from which the
     * command line derives its options, and where the record is in a {@link Config}.
     */
    public record Section<S>(List<Setting<S, ?>> settings, Function<Config, S> of, BiFunction<Config, S, Config> with) {
    }

    /**
     * Every section an operator sets; a new settings record with flags is added here. The object store's settings
     * are kept in the instance's as the bucket's location; the harvest has no flags.
     */
    public static final List<Section<?>> SECTIONS = List.of(
            new Section<>(StoreLocation.SETTINGS, Config::store, Config::with),
            new Section<>(ServerSettings.SETTINGS, Config::server, Config::with),
            new Section<>(InstanceSettings.SETTINGS, Config::instance, Config::with),
            new Section<>(IndexSettings.SETTINGS, Config::index, Config::with),
            new Section<>(PortalSettings.SETTINGS, Config::portal, Config::with),
            new Section<>(DocumentsSettings.SETTINGS, Config::documents, Config::with),
            new Section<>(RegisterSettings.SETTINGS, Config::register, Config::with),
            new Section<>(NotificationSettings.SETTINGS, Config::notifications, Config::with),
            new Section<>(CkanSite.SETTINGS, Config::ckan, Config::with),
            new Section<>(ObjectStoreSettings.SETTINGS, c -> ObjectStoreSettings.of(c.instance().objectStore()),
                    (c, s) -> c.with(c.instance().withObjectStore(s.location()))));

    public static Config defaults(Path dataDir) {
        return new Config(StoreLocation.defaults(dataDir), ServerSettings.defaults(), InstanceSettings.defaults(),
                IndexSettings.defaults(), PortalSettings.defaults(), DocumentsSettings.defaults(),
                RegisterSettings.defaults(), NotificationSettings.defaults(), HarvestSettings.defaults(),
                CkanSite.defaults());
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The organisation that owns the instance's own API entries; by default "Vindplaats" under the base URL. */
    public String instanceOrganisationUriOrDefault() {
        String uri = instance.organisationUri();
        return uri != null && !uri.isBlank() ? uri.strip() : baseUrl() + "/id/organisatie/vindplaats";
    }

    public String instanceOrganisationNameOrDefault() {
        String name = instance.organisationName();
        return name != null && !name.isBlank() ? name.strip() : "Vindplaats";
    }

    public Config with(StoreLocation s) {
        return new Config(s, server, instance, index, portal, documents, register, notifications, harvest, ckan);
    }

    public Config with(ServerSettings s) {
        return new Config(store, s, instance, index, portal, documents, register, notifications, harvest, ckan);
    }

    public Config with(InstanceSettings s) {
        return new Config(store, server, s, index, portal, documents, register, notifications, harvest, ckan);
    }

    public Config with(IndexSettings s) {
        return new Config(store, server, instance, s, portal, documents, register, notifications, harvest, ckan);
    }

    public Config with(PortalSettings s) {
        return new Config(store, server, instance, index, s, documents, register, notifications, harvest, ckan);
    }

    public Config with(DocumentsSettings s) {
        return new Config(store, server, instance, index, portal, s, register, notifications, harvest, ckan);
    }

    public Config with(RegisterSettings s) {
        return new Config(store, server, instance, index, portal, documents, s, notifications, harvest, ckan);
    }

    public Config with(NotificationSettings s) {
        return new Config(store, server, instance, index, portal, documents, register, s, harvest, ckan);
    }

    public Config with(HarvestSettings s) {
        return new Config(store, server, instance, index, portal, documents, register, notifications, s, ckan);
    }

    public Config with(CkanSite s) {
        return new Config(store, server, instance, index, portal, documents, register, notifications, harvest, s);
    }
}

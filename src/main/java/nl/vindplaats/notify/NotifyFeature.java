package nl.vindplaats.notify;

import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.Operation;
import nl.vindplaats.outbound.OutboundHttp;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.store.RecordStore;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Webhooks as a part of the service: the subscriptions ({@code /platform/v1/subscriptions}) and the notifier that
 * follows the change log for them; the kinds of record it tells of are the features', given by the wiring.
 */
public final class NotifyFeature implements Feature {
    private final Notifier notifier;
    private final SubscriptionsApi api;

    public NotifyFeature(Database database, RecordStore store, Organisations organisations, List<NotifiableKind> kinds,
                         NotificationSettings settings, Clock clock, Supplier<String> baseUrl, Jobs jobs, String node) {
        Subscriptions subscriptions = new Subscriptions(database);
        this.notifier = new Notifier(subscriptions, store, new OutboundHttp(new OutboundHttp.Limits(
                settings.connectTimeout(), settings.timeout(), 0, settings.allowPrivateAddresses(),
                "Vindplaats webhooks")), kinds, settings, clock, baseUrl, new Random(), jobs, node,
                database.dialect() != Database.Dialect.POSTGRESQL);
        this.api = new SubscriptionsApi(subscriptions, notifier, organisations, store, clock);
    }

    @Override
    public List<Operation> operations() {
        return api.operations();
    }

    @Override
    public void start() {
        notifier.start();
    }

    @Override
    public void stop() {
        notifier.close();
    }
}

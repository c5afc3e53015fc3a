package nl.vindplaats.harvest;

import nl.vindplaats.access.Organisations;
import nl.vindplaats.http.Feature;
import nl.vindplaats.http.Operation;
import nl.vindplaats.store.Jobs;
import nl.vindplaats.store.RecordStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Harvesting as a part of the service: the sources and their runs ({@code /platform/v1/harvest-sources}) and the
 * runner that claims them; the source types are the features' {@link Harvester}s, given by the wiring.
 */
public final class HarvestFeature implements Feature {
    private final HarvestRunner runner;
    private final HarvestApi api;

    /**
     * @param tick             how often runs are looked for and scheduled sources checked
     * @param aloneOnTheStore  true where no other node shares the store (SQLite)
     */
    public HarvestFeature(RecordStore store, Organisations organisations, List<Harvester> harvesters,
                          HarvestSettings settings, Clock clock, Duration tick, Jobs jobs, String node,
                          boolean aloneOnTheStore) {
        HarvestHttp http = new HarvestHttp(settings);
        HarvestRuns runs = new HarvestRuns(store, clock);
        // Runs are claimed through job leases, so that each runs on one node of those sharing the store.
        this.runner = new HarvestRunner(runs, harvesters, http, clock, tick, jobs, node, aloneOnTheStore);
        this.api = new HarvestApi(runs, runner, http, organisations);
    }

    @Override
    public List<Operation> operations() {
        return api.operations();
    }

    @Override
    public void start() {
        runner.start();
    }

    @Override
    public void stop() {
        runner.close();
    }
}

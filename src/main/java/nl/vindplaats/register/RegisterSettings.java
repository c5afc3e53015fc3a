package nl.vindplaats.register;

import nl.vindplaats.base.Setting;

import java.time.Duration;
import java.util.List;

/**
 * How the register reaches out to the APIs it lists: limits for fetching their specifications and
 * whether addresses inside the operator's own network may be fetched at all.
 *
 * @param allowPrivateAddresses fetch from loopback, link-local and private addresses too (off by
 *                              default, so that a registration cannot make the service probe its own network)
 * @param refetchInterval       how often every specification is fetched again; zero turns it off
 * @param probeInterval         how often every production API URL is called; zero turns probing off
 * @param probeConcurrency      at most this many probes at once
 * @param probeDownAfter        consecutive failed probes after which an API counts as down
 * @param selfRegistrationDelay how long after the start the instance lists its own APIs in its register, so that
 *                              the work (reading and linting six OpenAPI documents) does not slow the first requests
 */
public record RegisterSettings(Duration connectTimeout, Duration readTimeout, long maxSpecBytes, int maxRedirects,
                               boolean allowPrivateAddresses, Duration refetchInterval, Duration probeInterval,
                               int probeConcurrency, int probeDownAfter, Duration selfRegistrationDelay) {

    /** What an operator sets: flags and environment variables of {@code serve}, applied to {@link #defaults()}. */
    public static final List<Setting<RegisterSettings, ?>> SETTINGS = List.of(
            new Setting<>("--register-allow-internal-addresses", "VINDPLAATS_REGISTER_ALLOW_INTERNAL_ADDRESSES", "false",
                    Boolean.class, "Let the API register fetch specifications from loopback, link-local and private addresses",
                    RegisterSettings::withAllowPrivateAddresses),
            new Setting<>("--register-refetch-hours", "VINDPLAATS_REGISTER_REFETCH_HOURS", "24", Integer.class,
                    "Fetch every registered specification again after this many hours; 0 turns it off",
                    (s, hours) -> s.withRefetchInterval(Duration.ofHours(Math.max(0, hours)))),
            new Setting<>("--register-probe-minutes", "VINDPLAATS_REGISTER_PROBE_MINUTES", "60", Integer.class,
                    "Call every registered production API URL this often; 0 turns probing off",
                    (s, minutes) -> s.withProbes(Duration.ofMinutes(Math.max(0, minutes)), s.probeConcurrency(),
                            s.probeDownAfter())),
            new Setting<>("--register-probe-concurrency", "VINDPLAATS_REGISTER_PROBE_CONCURRENCY", "8", Integer.class,
                    "At most this many probes at once",
                    (s, most) -> s.withProbes(s.probeInterval(), Math.max(1, most), s.probeDownAfter())),
            new Setting<>("--register-probe-down-after", "VINDPLAATS_REGISTER_PROBE_DOWN_AFTER", "3", Integer.class,
                    "Mark an API down after this many consecutive failed probes",
                    (s, failures) -> s.withProbes(s.probeInterval(), s.probeConcurrency(), Math.max(1, failures))));

    public static RegisterSettings defaults() {
        return new RegisterSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 5L * 1024 * 1024, 5, false,
                Duration.ofDays(1), Duration.ofHours(1), 8, 3, Duration.ofSeconds(2));
    }

    public RegisterSettings withAllowPrivateAddresses(boolean allow) {
        return new RegisterSettings(connectTimeout, readTimeout, maxSpecBytes, maxRedirects, allow, refetchInterval,
                probeInterval, probeConcurrency, probeDownAfter, selfRegistrationDelay);
    }

    public RegisterSettings withRefetchInterval(Duration interval) {
        return new RegisterSettings(connectTimeout, readTimeout, maxSpecBytes, maxRedirects, allowPrivateAddresses,
                interval, probeInterval, probeConcurrency, probeDownAfter, selfRegistrationDelay);
    }

    public RegisterSettings withLimits(Duration connect, Duration read, long maxBytes, int redirects) {
        return new RegisterSettings(connect, read, maxBytes, redirects, allowPrivateAddresses, refetchInterval,
                probeInterval, probeConcurrency, probeDownAfter, selfRegistrationDelay);
    }

    public RegisterSettings withProbes(Duration interval, int concurrency, int downAfter) {
        return new RegisterSettings(connectTimeout, readTimeout, maxSpecBytes, maxRedirects, allowPrivateAddresses,
                refetchInterval, interval, concurrency, downAfter, selfRegistrationDelay);
    }

    public RegisterSettings withSelfRegistrationDelay(Duration delay) {
        return new RegisterSettings(connectTimeout, readTimeout, maxSpecBytes, maxRedirects, allowPrivateAddresses,
                refetchInterval, probeInterval, probeConcurrency, probeDownAfter, delay);
    }
}

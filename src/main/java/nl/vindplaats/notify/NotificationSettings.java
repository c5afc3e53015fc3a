package nl.vindplaats.notify;

import nl.vindplaats.base.Setting;

import java.time.Duration;
import java.util.List;

/**
 * How webhook deliveries reach out.
 *
 * @param timeout               how long one delivery waits for the receiver's answer (Standard Webhooks: 15–30 s)
 * @param allowPrivateAddresses deliver to loopback, link-local and private addresses too (off by default: a target URL
 *                              given by a user must not make the service call into its own network)
 * @param pollInterval          how often the change log and the subscriptions due for a retry are looked at
 * @param retryFor              how long a failing event is retried before its subscription is paused
 * @param concurrency           at most this many subscriptions are delivered to at once
 */
public record NotificationSettings(Duration connectTimeout, Duration timeout, boolean allowPrivateAddresses,
                                   Duration pollInterval, Duration retryFor, int concurrency) {

    /** What an operator sets: flags and environment variables of {@code serve}, applied to {@link #defaults()}. */
    public static final List<Setting<NotificationSettings, ?>> SETTINGS = List.of(
            new Setting<>("--webhooks-allow-internal-addresses", "VINDPLAATS_WEBHOOKS_ALLOW_INTERNAL_ADDRESSES", "false",
                    Boolean.class, "Let webhook subscriptions deliver to loopback, link-local and private addresses",
                    NotificationSettings::withAllowPrivateAddresses));

    public static NotificationSettings defaults() {
        return new NotificationSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), false, Duration.ofSeconds(1),
                Duration.ofHours(24), 16);
    }

    public NotificationSettings withAllowPrivateAddresses(boolean allow) {
        return new NotificationSettings(connectTimeout, timeout, allow, pollInterval, retryFor, concurrency);
    }

    public NotificationSettings withTimeout(Duration answerWithin) {
        return new NotificationSettings(connectTimeout, answerWithin, allowPrivateAddresses, pollInterval, retryFor,
                concurrency);
    }

    public NotificationSettings withPollInterval(Duration interval) {
        return new NotificationSettings(connectTimeout, timeout, allowPrivateAddresses, interval, retryFor, concurrency);
    }
}

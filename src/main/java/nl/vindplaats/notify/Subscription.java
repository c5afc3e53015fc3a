package nl.vindplaats.notify;

import java.time.Instant;

/**
 * One webhook subscription: where its events go, which changes they are about, and how far along the change log it
 * is. {@code position} is the last change delivered or passed over (not matching the filter); the change after it
 * that matches is the event now being delivered, retried {@code attempts} times since {@code failingSince}.
 *
 * @param owner the owning organisation's id, null for one made by the platform
 * @param state {@code active}, {@code paused} (retried for a day in vain; {@code reason} says why) or
 *              {@code disabled} (the receiver answered 410 Gone)
 */
public record Subscription(String id, String owner, String url, Filter filter, String secret, String state,
                           String reason, long position, int attempts, Instant failingSince, Instant nextAttemptAt,
                           long version, Instant created, Instant modified) {
    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String DISABLED = "disabled";

    boolean isDueAt(Instant now) {
        return ACTIVE.equals(state) && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }
}

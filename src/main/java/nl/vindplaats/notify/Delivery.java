package nl.vindplaats.notify;

import java.time.Instant;

/** One attempt to deliver one event: its answer's status (null when none came) or why it failed. */
public record Delivery(String subscriptionId, Instant at, String webhookId, long change, String eventType, int attempt,
                       Integer statusCode, long durationMillis, String error) {
    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}

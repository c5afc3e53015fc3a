package nl.vindplaats.http;

/** Says whether the service can take writes now; consulted by every write route after its permission check. */
@FunctionalInterface
public interface WriteGate {
    WriteGate OPEN = () -> null;

    /** Why writes are refused now, with the status to answer; null while writes can be taken. */
    Refusal refusal();

    /** A refusal of every write for a while: 507 (no room) or 503 (not ready), with how long to wait. */
    record Refusal(int status, String reason, long retryAfterSeconds) {
    }

    /** Thrown by the route table; answered in the API's own error format with {@code Retry-After}. */
    final class WritesRefused extends RuntimeException {
        private final Refusal refusal;

        public WritesRefused(Refusal refusal) {
            super(refusal.reason());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }
}

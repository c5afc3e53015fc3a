package nl.vindplaats.access;

import java.time.Instant;

/** A token as stored: never its secret, only what it may do and its history. */
public record ApiToken(String id, String name, Resource scope, Level level, Instant expiresAt, Instant createdAt,
                       Instant lastUsedAt, Instant revokedAt, String createdBy) {

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public boolean allows(Resource resource, Level needed) {
        return level.includes(needed) && scope.covers(resource);
    }
}

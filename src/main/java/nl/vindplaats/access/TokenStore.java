package nl.vindplaats.access;

import nl.vindplaats.base.Ids;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** API tokens in the store. Secrets are returned once, at creation; only their SHA-256 is kept. */
public final class TokenStore {
    /** A token just created, with the secret that will not be shown again. */
    public record Issued(ApiToken token, String secret) {
    }

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    /** How long a token read by its secret is used without reading it again (see {@link #findBySecret}). */
    public static final Duration KNOWN_FOR = Duration.ofSeconds(2);

    private record Known(ApiToken token, Instant readAt) {
    }
    private static final String COLUMNS = "id, name, scope_type, scope_id, scope_organisation, level, expires_at, "
            + "created_at, last_used_at, revoked_at, created_by";

    private final Database database;
    private final Clock clock;
    private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();
    private final Map<String, Known> bySecretHash = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();

    public TokenStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Issued create(String name, Resource scope, Level level, Instant expiresAt, String createdBy) {
        return createWithSecret(name, scope, level, expiresAt, createdBy, Ids.secret());
    }

    /** Stores a token whose secret the operator chose (VINDPLAATS_ADMIN_TOKEN). */
    public Issued createWithSecret(String name, Resource scope, Level level, Instant expiresAt, String createdBy,
                                   String secret) {
        ApiToken token = new ApiToken(Ids.uuid(), name, scope, level, expiresAt, clock.instant(), null, null, createdBy);
        database.commits().submit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_tokens (" + COLUMNS + ", secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, token.id());
            s.setString(2, token.name());
            s.setString(3, scope.type().wireName());
            s.setString(4, scope.id());
            s.setString(5, scope.organisation());
            s.setString(6, level.wireName());
            setInstant(s, 7, expiresAt);
            setInstant(s, 8, token.createdAt());
            setInstant(s, 9, null);
            setInstant(s, 10, null);
            s.setString(11, createdBy);
            s.setString(12, Ids.sha256Hex(secret));
                return s.executeUpdate();
            }
        });
        return new Issued(token, secret);
    }

    /**
     * The token with this secret, whatever its state; callers check {@link ApiToken#isUsableAt}. A token found
     * is kept for {@link #KNOWN_FOR}, since every authenticated request asks: a revocation through this node
     * takes effect at once, one through another node sharing the database within that time.
     */
    public Optional<ApiToken> findBySecret(String secret) {
        String hash = Ids.sha256Hex(secret);
        Instant now = clock.instant();
        Known known = bySecretHash.get(hash);
        if (known != null && now.isBefore(known.readAt().plus(KNOWN_FOR)) && !now.isBefore(known.readAt())) {
            return Optional.of(known.token());
        }
        long revokedBefore = revocations.get();
        Optional<ApiToken> found = queryOne("secret_hash = ?", hash);
        if (found.isPresent() && revocations.get() == revokedBefore) { // not read just before a revocation
            bySecretHash.put(hash, new Known(found.get(), now));
        } else {
            bySecretHash.remove(hash);
        }
        return found;
    }

    public Optional<ApiToken> find(String id) {
        return queryOne("id = ?", id);
    }

    /** Tokens whose scope lies within {@code scope}, newest first. */
    public List<ApiToken> listWithin(Resource scope) {
        List<ApiToken> all = switch (scope.type()) {
            case PLATFORM -> query("1 = 1");
            case ORGANISATION -> query("scope_organisation = ?", scope.id());
            default -> query("scope_type = ? AND scope_id = ?", scope.type().wireName(), scope.id());
        };
        return all;
    }

    /**
     * Revokes a token and, in the same transaction, every token it issued, and those they issued: a token
     * never outlives the one that created it.
     */
    public boolean revoke(String id) {
        Instant now = clock.instant();
        List<String> revokedIds = new ArrayList<>();
        boolean revoked = database.commits().submit(c -> {
            boolean first;
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                setInstant(s, 1, now);
                s.setString(2, id);
                first = s.executeUpdate() == 1;
            }
            revokedIds.clear();
            java.util.ArrayDeque<String> issuers = new java.util.ArrayDeque<>(List.of(id));
            while (!issuers.isEmpty()) {
                String issuer = issuers.poll();
                List<String> issued = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM api_tokens WHERE created_by = ? AND revoked_at IS NULL")) {
                    s.setString(1, issuer);
                    try (var r = s.executeQuery()) {
                        while (r.next()) {
                            issued.add(r.getString(1));
                        }
                    }
                }
                for (String child : issued) {
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                        setInstant(s, 1, now);
                        s.setString(2, child);
                        if (s.executeUpdate() == 1) {
                            revokedIds.add(child);
                            issuers.add(child);
                        }
                    }
                }
            }
            return first;
        });
        revocations.incrementAndGet();
        bySecretHash.values().removeIf(known -> known.token().id().equals(id)
                || revokedIds.contains(known.token().id()));
        return revoked;
    }

    public boolean anyAdminOfPlatform() {
        return !query("scope_type = 'platform' AND level = 'admin' AND revoked_at IS NULL").isEmpty();
    }

    /** Records use to the minute; more often would turn every read into a write. */
    public void touch(ApiToken token) {
        Instant now = clock.instant();
        Instant last = lastUsedWritten.get(token.id());
        if (last != null && Duration.between(last, now).compareTo(LAST_USED_RESOLUTION) < 0) {
            return;
        }
        lastUsedWritten.put(token.id(), now);
        database.commits().submitLater(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
                setInstant(s, 1, now);
                s.setString(2, token.id());
                return s.executeUpdate();
            }
        });
    }

    private Optional<ApiToken> queryOne(String where, String value) {
        List<ApiToken> found = query(where, value);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private List<ApiToken> query(String where, String... values) {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_tokens WHERE " + where + " ORDER BY created_at DESC, id")) {
            if (values != null) {
                for (int i = 0; i < values.length; i++) {
                    s.setString(i + 1, values[i]);
                }
            }
            List<ApiToken> tokens = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Resource scope = new Resource(Resource.Type.parse(r.getString(3)), r.getString(4), r.getString(5));
                    tokens.add(new ApiToken(r.getString(1), r.getString(2), scope, Level.parse(r.getString(6)),
                            instant(r, 7), instant(r, 8), instant(r, 9), instant(r, 10), r.getString(11)));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new StoreException("reading tokens", e);
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }
}

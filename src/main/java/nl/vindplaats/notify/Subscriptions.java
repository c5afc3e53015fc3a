package nl.vindplaats.notify;

import nl.vindplaats.base.Json;
import nl.vindplaats.store.Database;
import nl.vindplaats.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subscriptions and their delivery log in the store's database. Every write goes through the commit queue and is
 * durable when it returns, so a subscription's position survives a crash: at most the event in flight is sent again.
 */
public final class Subscriptions {
    private static final String COLUMNS = "id, owner, target_url, filter, secret, state, reason, position, attempts, "
            + "failing_since, next_attempt_at, version, created_at, modified_at";

    private final Database database;

    public Subscriptions(Database database) {
        this.database = database;
    }

    void create(Subscription s) {
        database.commits().submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO subscriptions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, s.id());
                p.setString(2, s.owner());
                p.setString(3, s.url());
                p.setString(4, Json.write(s.filter().json()));
                p.setString(5, s.secret());
                p.setString(6, s.state());
                p.setString(7, s.reason());
                p.setLong(8, s.position());
                p.setInt(9, s.attempts());
                p.setObject(10, millis(s.failingSince()));
                p.setObject(11, millis(s.nextAttemptAt()));
                p.setLong(12, s.version());
                p.setLong(13, s.created().toEpochMilli());
                p.setLong(14, s.modified().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    public Optional<Subscription> find(String id) {
        List<Subscription> found = query("SELECT " + COLUMNS + " FROM subscriptions WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    List<Subscription> all() {
        return query("SELECT " + COLUMNS + " FROM subscriptions ORDER BY created_at, id");
    }

    List<Subscription> active() {
        return query("SELECT " + COLUMNS + " FROM subscriptions WHERE state = ? ORDER BY id", Subscription.ACTIVE);
    }

    /**
     * Replaces what the owner decides (target, filter, state). Setting it active again clears the failures, so the
     * event it stopped at is tried afresh. Returns false when it no longer exists.
     */
    boolean change(String id, String url, Filter filter, String state, Instant now) {
        return database.commits().submit(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE subscriptions SET target_url = ?, filter = ?, "
                    + "reason = CASE WHEN state = ? THEN reason ELSE NULL END, "
                    + "attempts = CASE WHEN state = ? THEN attempts ELSE 0 END, "
                    + "failing_since = CASE WHEN state = ? THEN failing_since ELSE NULL END, "
                    + "next_attempt_at = CASE WHEN state = ? THEN next_attempt_at ELSE NULL END, "
                    + "state = ?, version = version + 1, modified_at = ? WHERE id = ?")) {
                p.setString(1, url);
                p.setString(2, Json.write(filter.json()));
                for (int i = 3; i <= 6; i++) {
                    p.setString(i, state);
                }
                p.setString(7, state);
                p.setLong(8, now.toEpochMilli());
                p.setString(9, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    boolean delete(String id) {
        return database.commits().submit(c -> {
            try (PreparedStatement log = c.prepareStatement("DELETE FROM subscription_deliveries WHERE subscription_id = ?");
                 PreparedStatement p = c.prepareStatement("DELETE FROM subscriptions WHERE id = ?")) {
                log.setString(1, id);
                log.executeUpdate();
                p.setString(1, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Everything up to {@code position} is delivered or passed over; the next event starts without failures. */
    void advance(String id, long position) {
        update("UPDATE subscriptions SET position = ?, attempts = 0, failing_since = NULL, next_attempt_at = NULL "
                + "WHERE id = ? AND position <= ?", p -> {
            p.setLong(1, position);
            p.setString(2, id);
            p.setLong(3, position);
        });
    }

    /** The event after {@code position} failed again; {@code next} is when it is tried again. */
    void failed(String id, long position, int attempts, Instant failingSince, Instant next) {
        update("UPDATE subscriptions SET position = ?, attempts = ?, failing_since = ?, next_attempt_at = ? "
                + "WHERE id = ? AND position <= ?", p -> {
            p.setLong(1, position);
            p.setInt(2, attempts);
            p.setLong(3, failingSince.toEpochMilli());
            p.setLong(4, next.toEpochMilli());
            p.setString(5, id);
            p.setLong(6, position);
        });
    }

    /** Stops deliveries (paused or disabled), saying why; the position stays at the event that could not be delivered. */
    void stop(String id, long position, int attempts, Instant failingSince, String state, String reason, Instant now) {
        update("UPDATE subscriptions SET position = ?, attempts = ?, failing_since = ?, next_attempt_at = NULL, "
                + "state = ?, reason = ?, version = version + 1, modified_at = ? WHERE id = ? AND position <= ?", p -> {
            p.setLong(1, position);
            p.setInt(2, attempts);
            p.setLong(3, failingSince.toEpochMilli());
            p.setString(4, state);
            p.setString(5, reason);
            p.setLong(6, now.toEpochMilli());
            p.setString(7, id);
            p.setLong(8, position);
        });
    }

    void log(Delivery d) {
        update("INSERT INTO subscription_deliveries (subscription_id, at, webhook_id, change_seq, event_type, attempt, "
                + "status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> {
            p.setString(1, d.subscriptionId());
            p.setLong(2, d.at().toEpochMilli());
            p.setString(3, d.webhookId());
            p.setLong(4, d.change());
            p.setString(5, d.eventType());
            p.setInt(6, d.attempt());
            p.setObject(7, d.statusCode());
            p.setLong(8, d.durationMillis());
            p.setString(9, d.error());
        });
    }

    /** The delivery log, newest first. */
    List<Delivery> deliveries(String id, int offset, int limit) {
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT subscription_id, at, webhook_id, change_seq, event_type, attempt, status_code, duration_ms, error "
                        + "FROM subscription_deliveries WHERE subscription_id = ? ORDER BY at DESC, change_seq DESC, "
                        + "attempt DESC LIMIT ? OFFSET ?")) {
            p.setString(1, id);
            p.setInt(2, limit);
            p.setInt(3, offset);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int status = r.getInt(7);
                    Integer statusCode = r.wasNull() ? null : status;
                    out.add(new Delivery(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            r.getLong(4), r.getString(5), r.getInt(6), statusCode, r.getLong(8), r.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the deliveries of subscription " + id, e);
        }
    }

    long countDeliveries(String id) {
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM subscription_deliveries WHERE subscription_id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting the deliveries of subscription " + id, e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        database.commits().submit(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(p);
                return p.executeUpdate();
            }
        });
    }

    private List<Subscription> query(String sql, String... parameters) {
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setString(i + 1, parameters[i]);
            }
            List<Subscription> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Subscription(r.getString(1), r.getString(2), r.getString(3),
                            Filter.fromJson(Json.read(r.getString(4))), r.getString(5), r.getString(6), r.getString(7),
                            r.getLong(8), r.getInt(9), instant(r, 10), instant(r, 11), r.getLong(12),
                            Instant.ofEpochMilli(r.getLong(13)), Instant.ofEpochMilli(r.getLong(14))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading subscriptions", e);
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}

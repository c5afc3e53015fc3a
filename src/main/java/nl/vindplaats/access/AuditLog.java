package nl.vindplaats.access;

import nl.vindplaats.store.Database;
import nl.vindplaats.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who wrote what, when and from where: one entry per accepted write. */
public final class AuditLog {
    public record Entry(long seq, Instant at, String tokenId, String tokenName, String action, String resource,
                        String clientAddress) {
    }

    public record Page(long total, List<Entry> entries) {
    }

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void append(ApiToken token, String action, Resource resource, String clientAddress) {
        database.commits().submit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_log (at, token_id, token_name, action, resource, client_address) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, clock.instant().toEpochMilli());
            s.setString(2, token == null ? null : token.id());
            s.setString(3, token == null ? null : token.name());
            s.setString(4, action);
            s.setString(5, resource.label());
            s.setString(6, clientAddress);
                return s.executeUpdate();
            }
        });
    }

    /** Newest first. */
    public Page page(int offset, int limit) {
        try (Connection c = database.connection()) {
            long total;
            try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
                r.next();
                total = r.getLong(1);
            }
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, at, token_id, token_name, action, resource, client_address FROM audit_log "
                            + "ORDER BY seq DESC LIMIT ? OFFSET ?")) {
                s.setInt(1, limit);
                s.setInt(2, offset);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(new Entry(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                    }
                }
            }
            return new Page(total, entries);
        } catch (SQLException e) {
            throw new StoreException("reading the audit log", e);
        }
    }
}

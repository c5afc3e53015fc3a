package nl.vindplaats.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells a node at once that another node committed changes to the same PostgreSQL store, so that its index follows
 * within milliseconds instead of at its next poll of the change log. Every write transaction on PostgreSQL notifies
 * channel {@value #CHANNEL} with the store's schema and the writing node's id ({@link CommitQueue}); PostgreSQL
 * delivers the notification only when that transaction commits. This listener holds one connection of its own,
 * hears the notifications of its schema from other nodes, and runs the callback; the callback should only schedule
 * work (notifications of a burst of commits arrive one by one). Polling stays the safety net: a notification missed
 * while the connection is re-established is made up by the next poll.
 */
public final class ChangeNotifications implements AutoCloseable {
    static final String CHANNEL = "vindplaats_changes";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifications.class);

    private final Database database;
    private final Runnable changedElsewhere;
    private final Thread listener;
    private volatile boolean closing;

    private ChangeNotifications(Database database, Runnable changedElsewhere) {
        this.database = database;
        this.changedElsewhere = changedElsewhere;
        this.listener = Thread.ofPlatform().name("change-notifications").daemon().unstarted(this::listen);
    }

    /** Starts listening on PostgreSQL; on SQLite, where one node writes and reads, there is nothing to hear. */
    public static ChangeNotifications start(Database database, Runnable changedElsewhere) {
        ChangeNotifications notifications = new ChangeNotifications(database, changedElsewhere);
        if (database.dialect() == Database.Dialect.POSTGRESQL) {
            notifications.listener.start();
        }
        return notifications;
    }

    /** The payload a write transaction sends: the store's schema and the node that wrote. */
    static String payload(String schema, String nodeId) {
        return schema + " " + nodeId;
    }

    private void listen() {
        while (!closing) {
            try (Connection c = database.connection()) {
                String schema;
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_schema()")) {
                    r.next();
                    schema = r.getString(1);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                String ours = schema + " ";
                String own = payload(schema, database.nodeId());
                PGConnection pg = c.unwrap(PGConnection.class);
                // Changes committed while no one listened are caught up with now.
                changedElsewhere.run();
                while (!closing) {
                    PGNotification[] received = pg.getNotifications(500);
                    boolean elsewhere = false;
                    for (PGNotification n : received == null ? new PGNotification[0] : received) {
                        elsewhere |= n.getParameter().startsWith(ours) && !n.getParameter().equals(own);
                    }
                    if (elsewhere) {
                        changedElsewhere.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closing) {
                    return;
                }
                LOG.warn("Listening for other nodes' changes failed ({}); polling meanwhile, listening again in a second",
                        e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        listener.interrupt();
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

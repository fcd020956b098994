package io.dbmesh.proxy.backend;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server-side prepared statements one physical backend connection keeps between borrows, so a
 * client's COM_STMT_EXECUTE becomes one COM_STMT_EXECUTE on the backend — no COM_STMT_PREPARE per
 * execution. Bounded (least recently used closed first: MariaDB counts every statement against
 * its global max_prepared_stmt_count). Keyed by the statement text and what its meaning depends on
 * at prepare time: the schema (names resolve in it) and the system variables the session set
 * (sql_mode, character sets). User variables are left out: a statement reads them at execution.
 * The statements die with the connection (a discarded connection takes its PhysicalState along),
 * and backend connections are never reset (COM_RESET_CONNECTION would deallocate them).
 */
final class ServerStatements {
    /** Statements kept per connection. */
    static final int CAPACITY = 64;

    private final LinkedHashMap<String, PreparedStatement> byKey = new LinkedHashMap<>(32, 0.75f, true);
    private ConnectionState keyedState;
    private String keyPrefix = "";

    /** The cache key of {@code sql} prepared while the connection carries {@code state}. */
    String key(ConnectionState state, String sql) {
        if (state != keyedState) {
            StringBuilder p = new StringBuilder();
            if (state.schema() != null) p.append(state.schema());
            p.append('\0');
            for (Map.Entry<String, String> e : state.variables().entrySet()) {
                if (!e.getKey().startsWith("@")) p.append(e.getKey()).append('=').append(e.getValue()).append('\0');
            }
            keyPrefix = p.toString();
            keyedState = state;
        }
        return keyPrefix.length() == 1 ? sql : keyPrefix + sql;
    }

    PreparedStatement get(String key) {
        return byKey.get(key);
    }

    /** Keeps {@code ps}; the least recently used statement beyond {@link #CAPACITY} is closed (COM_STMT_CLOSE). */
    void put(String key, PreparedStatement ps) {
        PreparedStatement previous = byKey.put(key, ps);
        if (previous != null && previous != ps) closeQuietly(previous);
        if (byKey.size() > CAPACITY) {
            Iterator<PreparedStatement> eldest = byKey.values().iterator();
            closeQuietly(eldest.next());
            eldest.remove();
        }
    }

    /** Forgets and closes the statement of {@code key} (its server-side state is in doubt). */
    void remove(String key) {
        PreparedStatement ps = byKey.remove(key);
        if (ps != null) closeQuietly(ps);
    }

    int size() {
        return byKey.size();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is broken: the statement went with it
        }
    }
}

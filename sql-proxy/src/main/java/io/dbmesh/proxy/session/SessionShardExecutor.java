package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.proxy.backend.StatementResults;
import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.result.Column;
import io.dbmesh.sharding.result.RowCursor;
import io.dbmesh.sharding.result.UpdateResult;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sharding engine's {@link ShardExecutor} for one session, over the session's
 * {@link SessionConnections}: a statement runs on the connection bound to the session for its data
 * source, or on a pooled one brought to the session's state. A connection that is in a transaction
 * after the statement is bound to the session at once (before its rows are read), so every later
 * statement of the transaction on that data source uses it; a pooled one goes back when its cursor
 * is closed. COMMIT/ROLLBACK are the session's: they end the transaction on every bound connection,
 * one after the other (not atomic across data sources).
 */
final class SessionShardExecutor implements ShardExecutor {

    private final SessionConnections connections;
    private final Supplier<ConnectionState> state;
    private final long lastInsertId;
    private final boolean usesLastInsertId;

    /**
     * @param lastInsertId     the session's LAST_INSERT_ID(), given to a connection before a statement that reads it
     * @param usesLastInsertId whether the client statement calls LAST_INSERT_ID()
     */
    SessionShardExecutor(SessionConnections connections, Supplier<ConnectionState> state, long lastInsertId,
                         boolean usesLastInsertId) {
        this.connections = connections;
        this.state = state;
        this.lastInsertId = lastInsertId;
        this.usesLastInsertId = usesLastInsertId;
    }

    @Override
    public ShardResult execute(PhysicalStatement s) throws SQLException {
        String ds = s.dataSource();
        boolean read = s.sql().regionMatches(true, 0, "SELECT", 0, 6) || s.sql().regionMatches(true, 0, "SHOW", 0, 4);
        BackendConnection c = connections.acquire(ds, read ? AccessIntent.READ : AccessIntent.WRITE, state.get(),
                s.sql(), null); // the SQL lets read/write splitting send plain reads of a replica group to a replica
        Statement st = null;
        try {
            if (usesLastInsertId && c.lastInsertId() != lastInsertId) {
                c.executeInternal("SELECT LAST_INSERT_ID(" + lastInsertId + ")");
                c.lastInsertId(lastInsertId);
            }
            boolean isResultSet;
            if (s.parameters().isEmpty()) {
                st = c.jdbc().createStatement();
                st.setEscapeProcessing(false);
                st.setFetchSize(JdbcRowCursor.FETCH_SIZE);
                isResultSet = st.execute(s.sql());
            } else {
                PreparedStatement ps = c.jdbc().prepareStatement(s.sql());
                st = ps;
                ps.setFetchSize(JdbcRowCursor.FETCH_SIZE);
                List<Object> params = s.parameters();
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                isResultSet = ps.execute();
            }
            if (isResultSet) {
                bindIfInTransaction(ds, c);
                return new ShardResult.Rows(new SettlingCursor(new JdbcRowCursor(st.getResultSet()), st, ds, c));
            }
            long count = Math.max(0, st.getLargeUpdateCount());
            long insertId = StatementResults.lastInsertId(st);
            if (insertId != 0) c.lastInsertId(insertId);
            UpdateResult result = new UpdateResult(count, insertId, c.warnings(), StatementResults.info(st, count, insertId));
            st.close();
            settle(ds, c);
            return new ShardResult.Updated(result);
        } catch (SQLException e) {
            if (st != null) {
                try {
                    st.close();
                } catch (SQLException ignored) {
                    // the connection reports it on its next use
                }
            }
            boolean retry = connections.retryElsewhere(c, e, state.get()); // a replica died or refused a read
            if (BackendErrors.connectionBroken(e)) connections.discard(ds, c);
            else settle(ds, c);
            if (retry) return execute(s); // once: nothing of this statement reached the client yet
            throw e;
        }
    }

    /** In a transaction the connection must serve the next statement on this data source, even while its rows stream. */
    private void bindIfInTransaction(String ds, BackendConnection c) {
        if (c.inTransaction()) connections.settle(ds, c, connections.pins(ds) | Pins.TRANSACTION);
    }

    private void settle(String ds, BackendConnection c) {
        if (connections.isBound(ds) && connections.boundConnection(ds) != c) {
            c.release(); // a scatter's extra connection; the bound one keeps serving the session
            return;
        }
        int pins = connections.pins(ds) & ~(Pins.TRANSACTION | Pins.NEXT_STATEMENT);
        if (c.inTransaction()) pins |= Pins.TRANSACTION;
        connections.settle(ds, c, pins);
    }

    @Override
    public List<String> boundDataSources() {
        List<String> out = new ArrayList<>();
        for (var e : connections.inTransaction()) out.add(e.getKey());
        return out;
    }

    /** Rows of one physical statement; closing them closes the statement and settles the connection. */
    private final class SettlingCursor implements RowCursor {
        private final JdbcRowCursor rows;
        private final Statement statement;
        private final String ds;
        private final BackendConnection connection;
        private boolean closed;

        SettlingCursor(JdbcRowCursor rows, Statement statement, String ds, BackendConnection connection) {
            this.rows = rows;
            this.statement = statement;
            this.ds = ds;
            this.connection = connection;
        }

        @Override
        public List<Column> columns() {
            return rows.columns();
        }

        @Override
        public boolean next() throws SQLException {
            try {
                return rows.next();
            } catch (SQLException e) {
                if (BackendErrors.connectionBroken(e) && !closed) {
                    closed = true;
                    connections.discard(ds, connection);
                }
                throw e;
            }
        }

        @Override
        public byte[] value(int index) {
            return rows.value(index);
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            rows.close();
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection reports it on its next use
            }
            settle(ds, connection);
        }
    }
}

package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.command.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.sharding.result.UpdateResult;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * COMMIT / ROLLBACK go to every bound connection with an open transaction (one per data source
 * the transaction touched; committed one after the other, not atomically — atomic multi-source
 * commit is the transaction coordinator's job).
 */
final class TransactionEnd {
    private final SessionConnections connections;
    private final BackendStatements backend;

    TransactionEnd(SessionConnections connections, BackendStatements backend) {
        this.connections = connections;
        this.backend = backend;
    }

    void run(String sql, StatementKind kind, ResultSink sink, boolean more) throws MySqlException {
        List<Map.Entry<String, BackendConnection>> open = connections.inTransaction();
        if (open.isEmpty()) {
            backend.passthrough(sql, kind, 0, sink, more);
            return;
        }
        if (open.size() == 1) {
            String ds = open.get(0).getKey();
            backend.execute(ds, backend.acquire(ds, AccessIntent.WRITE), sql, kind, 0, sink, more);
            return;
        }
        MySqlException firstError = null;
        for (Map.Entry<String, BackendConnection> e : open) {
            BackendConnection c = e.getValue();
            try {
                c.executeInternal(sql);
                backend.settle(e.getKey(), c, kind, 0, false);
            } catch (SQLException ex) {
                try {
                    backend.fail(e.getKey(), c, ex);
                } catch (MySqlException m) {
                    if (firstError == null) firstError = m;
                }
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        sink.ok(UpdateResult.EMPTY, more);
    }
}

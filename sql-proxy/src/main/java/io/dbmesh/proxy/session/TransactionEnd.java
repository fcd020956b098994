package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * COMMIT / ROLLBACK. A local-mode transaction that joined no data source ends without a round trip;
 * one that lost its part on a data source rolls back everywhere (a COMMIT fails). An open XA transaction ends through the coordinator ({@link SessionTransactions}:
 * one-phase or two-phase commit, atomic across data sources). Otherwise they go to every bound
 * connection with an open transaction (one per data source the transaction touched): a plain COMMIT
 * of several goes through the local coordinator, which commits them all at once (not
 * atomic) and, when it fails part-way, answers an error naming the data sources that committed and
 * those that did not.
 */
final class TransactionEnd {
    /** COMMIT / ROLLBACK [WORK] without AND CHAIN, RELEASE or TO SAVEPOINT. */
    private static final Pattern CHAIN = Pattern.compile("\\bAND\\s+CHAIN\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN = Pattern.compile("\\s*(COMMIT|ROLLBACK)(\\s+WORK)?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private final SessionState state;
    private final SessionConnections connections;
    private final SessionStatements statements;
    private final SessionTransactions transactions;

    TransactionEnd(SessionState state, SessionConnections connections, SessionStatements statements,
                   SessionTransactions transactions) {
        this.state = state;
        this.connections = connections;
        this.statements = statements;
        this.transactions = transactions;
    }

    /** COMMIT / ROLLBACK [WORK] and nothing else but comments (an executable comment's content counts). */
    static boolean plain(String sql) {
        return PLAIN.matcher(BlankedSql.comments(sql, SqlDialect.DEFAULT)).matches();
    }

    void run(String sql, StatementKind kind, ResultSink sink, boolean more) throws MySqlException {
        boolean plain = plain(sql);
        if (transactions.active()) {
            if (plain) {
                if (kind == StatementKind.COMMIT) transactions.commitXa(connections);
                else transactions.rollbackXa(connections);
                sink.ok(UpdateResult.EMPTY, more);
                return;
            }
            if (kind == StatementKind.COMMIT) {
                throw MySqlException.notSupported("COMMIT AND CHAIN / RELEASE in transaction mode xa");
            }
            // ROLLBACK TO SAVEPOINT: every branch, below
        }
        LazyTransaction local = transactions.endLocal();
        List<Map.Entry<String, BackendConnection>> open = connections.inTransaction();
        if (local != null) {
            List<String> lost = SessionTransactions.lost(local, connections);
            if (!lost.isEmpty()) {
                // a part is gone: nothing may commit; the client learns it, and the rest rolls back
                SessionTransactions.rollbackLocal(open, connections);
                if (kind == StatementKind.COMMIT) throw BackendErrors.toMySql(SessionTransactions.lostPart(lost), String.join(",", lost));
                if (chains(sql)) transactions.chainLocal(local);
                sink.ok(UpdateResult.EMPTY, more);
                return;
            }
        }
        if (open.isEmpty()) {
            if (transactions.active() || local != null) {
                if (local != null && chains(sql)) transactions.chainLocal(local); // nothing joined: nothing to end
                sink.ok(UpdateResult.EMPTY, more); // no branch yet: nothing to roll back to
                return;
            }
            statements.passthrough(sql, kind, 0, sink, more);
            return;
        }
        if (open.size() == 1 && !transactions.active()) {
            statements.onDataSource(state.serving, open.get(0).getKey(), sql, kind, 0, sink, more);
            if (local != null && chains(sql)) transactions.chainLocal(local);
            return;
        }
        if (plain && kind == StatementKind.COMMIT) {
            transactions.commitLocalAndSettle(open, connections);
            sink.ok(UpdateResult.EMPTY, more);
            return;
        }
        MySqlException firstError = null;
        for (Map.Entry<String, BackendConnection> e : open) {
            BackendConnection c = e.getValue();
            try {
                c.executeInternal(sql);
                connections.settle(e.getKey(), c, kind, 0, false);
            } catch (SQLException ex) {
                MySqlException m = connections.fail(e.getKey(), c, ex, StatementKind.OTHER);
                if (firstError == null) firstError = m;
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        if (local != null && chains(sql)) transactions.chainLocal(local);
        sink.ok(UpdateResult.EMPTY, more);
    }

    /** COMMIT / ROLLBACK … AND CHAIN (not AND NO CHAIN): a new transaction with the same characteristics follows. */
    private static boolean chains(String sql) {
        return CHAIN.matcher(BlankedSql.comments(sql, SqlDialect.DEFAULT)).find();
    }
}

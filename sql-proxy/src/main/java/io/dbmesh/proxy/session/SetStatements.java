package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.core.result.UpdateResult;

import java.sql.Statement;

/**
 * SET: runs on a backend connection of the serving data source (which validates it and computes
 * its values), then becomes part of the session's replayable state (see {@link SessionVariables}),
 * so it follows the session onto whichever pooled connection serves its next statement. What
 * cannot be replayed pins the connection instead.
 */
final class SetStatements {
    private final SessionState state;
    private final SessionConnections connections;
    private final SessionVariables variables = new SessionVariables();
    private final SessionTransactions transactions;
    private static final java.util.regex.Pattern AUTOCOMMIT_ON = java.util.regex.Pattern.compile(
            "autocommit\\s*(=|:=)\\s*('?)(1|on|true)\\2(\\s|,|;|$)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * Whether the SET statement assigns autocommit = 1 / ON / TRUE: the assignment is found in the
     * text with comments blanked, and only where {@code autocommit} is code (not inside a string).
     */
    static boolean turnsAutocommitOn(String sql) {
        String code = BlankedSql.of(sql);
        java.util.regex.Matcher m = AUTOCOMMIT_ON.matcher(BlankedSql.comments(sql, SqlDialect.DEFAULT));
        while (m.find()) {
            if (code.charAt(m.start()) != ' ') return true;
        }
        return false;
    }

    SetStatements(SessionState state, SessionConnections connections, SessionTransactions transactions) {
        this.state = state;
        this.connections = connections;
        this.transactions = transactions;
    }

    void run(String sql, ResultSink sink, boolean more) throws MySqlException {
        if (transactions.active() && turnsAutocommitOn(sql)) {
            transactions.commitXa(connections); // SET autocommit=1 commits the open transaction, as in MySQL
        } else if (transactions.localOpen() && turnsAutocommitOn(sql)) {
            transactions.commitImplicitly(connections);
        }
        String ds = state.servingDataSource();
        MySqlException refused = connections.withConnection(ds, AccessIntent.WRITE, StatementKind.SET, c -> {
            try (Statement st = c.jdbc().createStatement()) {
                st.setEscapeProcessing(false);
                st.execute(sql);
            }
            SessionVariables.Outcome outcome = variables.afterSet(sql, state.dialect, state.connection, c);
            MySqlException invalid = transactions.refusal(outcome.state()); // @dbmesh_transaction_mode must name a mode
            if (invalid != null) {
                c.carries(outcome.state()); // the next replay puts the session's value back
                return invalid;
            }
            state.connection = ClientCharsets.afterSet(sql, state, outcome.state(), c);
            c.carries(state.connection);
            connections.observe(c);
            if ((outcome.pins() & Pins.NEXT_TRANSACTION) != 0) transactions.nextTransaction(sql); // for every data source it joins
            if (outcome.pins() != 0) {
                connections.settle(ds, c, connections.pins(ds) | outcome.pins());
            }
            sink.ok(new UpdateResult(0, 0, c.warnings(), ""), more);
            return null;
        });
        if (refused != null) throw refused;
    }
}

package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.packet.ServerStatus;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.core.result.UpdateResult;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * COM_STMT_EXECUTE of a prepared {@code CALL} with OUT / INOUT parameters on a passthrough
 * database (see {@link CallOutParameters}): SET of the variables, the CALL with its result sets,
 * the OUT-parameter row flagged SERVER_PS_OUT_PARAMS, then the CALL's OK — all on one backend
 * connection, since the variables live there.
 */
final class CallStatements {
    private final SessionConnections connections;
    /** The session: its serving data source, and its character_set_client (string long data is text in it). */
    private final SessionState state;
    /** Sets the extra server status bits the wire adds while the OUT-parameter row is written (0 after). */
    private final IntConsumer extraStatus;

    CallStatements(SessionConnections connections, SessionState state, IntConsumer extraStatus) {
        this.connections = connections;
        this.state = state;
        this.extraStatus = extraStatus;
    }

    /** Runs the call and answers on {@code sink}; false (nothing sent) when no placeholder is an OUT/INOUT argument. */
    boolean run(PreparedStatementEntry entry, List<BoundParameter> parameters, String logicalDatabase, ResultSink sink)
            throws MySqlException {
        CallOutParameters call = CallOutParameters.parse(entry.sql.sql());
        if (call == null || (call.schema() != null && !call.schema().equalsIgnoreCase(logicalDatabase))) return false;
        String ds = state.servingDataSource();
        boolean noBackslashEscapes = connections.noBackslashEscapes();
        UpdateResult done = connections.withConnection(ds, AccessIntent.WRITE, StatementKind.CALL, c -> {
            List<String[]> routineParameters = parametersOf(c, call.routine());
            List<String> literals = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            List<String> reads = new ArrayList<>();
            for (int k = 0; k < call.placeholderArgument().length; k++) {
                int argument = call.placeholderArgument()[k];
                String mode = argument >= 0 && argument < routineParameters.size() ? routineParameters.get(argument)[0] : "IN";
                String literal = ParameterLiterals.literal(parameters.get(k), entry.longData(k), noBackslashEscapes, state.clientCharset);
                if (mode.equals("OUT") || mode.equals("INOUT")) {
                    String variable = CallOutParameters.variable(k);
                    sets.add(variable + " = " + (mode.equals("INOUT") ? literal : "NULL"));
                    reads.add(variable + " AS `" + routineParameters.get(argument)[1].replace("`", "``") + "`");
                    literals.add(variable);
                } else {
                    literals.add(literal);
                }
            }
            if (reads.isEmpty()) return null;
            c.executeInternal("SET " + String.join(", ", sets));
            long affected = 0;
            try (Statement st = c.jdbc().createStatement()) {
                st.setEscapeProcessing(false);
                boolean isResult = st.execute(entry.sql.render(literals));
                while (true) {
                    if (isResult) {
                        sink.rows(new JdbcRowCursor(st.getResultSet()), true);
                    } else {
                        long count = st.getLargeUpdateCount();
                        if (count == -1) break;
                        affected = count;
                    }
                    isResult = st.getMoreResults();
                }
            }
            try (Statement st = c.jdbc().createStatement()) {
                st.setEscapeProcessing(false);
                ResultSet rs = st.executeQuery("SELECT " + String.join(", ", reads));
                extraStatus.accept(ServerStatus.PS_OUT_PARAMS);
                try {
                    sink.rows(new JdbcRowCursor(rs), true);
                } finally {
                    extraStatus.accept(0);
                }
            }
            return new UpdateResult(affected, 0, c.warnings(), null);
        });
        if (done == null) return false;
        sink.ok(done, false);
        return true;
    }

    /** [mode, name] of each parameter of the procedure in the connection's database, in order. */
    private static List<String[]> parametersOf(BackendConnection c, String routine) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.jdbc().prepareStatement("SELECT PARAMETER_MODE, PARAMETER_NAME FROM information_schema.PARAMETERS"
                + " WHERE SPECIFIC_SCHEMA = DATABASE() AND SPECIFIC_NAME = ? AND ROUTINE_TYPE = 'PROCEDURE' AND ORDINAL_POSITION > 0"
                + " ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, routine);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new String[]{rs.getString(1).toUpperCase(Locale.ROOT), rs.getString(2)});
            }
        }
        return out;
    }
}

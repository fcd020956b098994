package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.LikePattern;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.core.result.Column;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * COM_FIELD_LIST (deprecated, still sent by old clients): the column definitions of a table, taken
 * from an empty SELECT on the serving data source and filtered by the client's LIKE wildcard.
 */
final class FieldList {
    private final SessionConnections connections;
    private final SessionState state;

    FieldList(SessionConnections connections, SessionState state) {
        this.connections = connections;
        this.state = state;
    }

    void answer(String table, String wildcard, ResultSink sink) throws MySqlException {
        answer(state.servingDataSource(), table, table, wildcard, sink);
    }

    /**
     * A table of a sharded database: the columns of its first physical table {@code physical} on
     * {@code ds}, under the logical name (all physical tables share the logical definition).
     */
    void answer(String ds, String physical, String logical, String wildcard, ResultSink sink) throws MySqlException {
        String from = physical.equals(logical) ? quote(physical) : quote(physical) + " AS " + quote(logical);
        List<Column> columns = connections.withConnection(ds, AccessIntent.READ, StatementKind.SELECT, c -> {
            try (Statement st = c.jdbc().createStatement()) {
                st.setEscapeProcessing(false);
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + from + " LIMIT 0")) {
                    return new JdbcRowCursor(rs).columns();
                }
            }
        });
        List<Column> matching = new ArrayList<>();
        for (Column col : columns) {
            if (wildcard == null || wildcard.isEmpty() || LikePattern.matches(wildcard, col.name())) {
                matching.add(col);
            }
        }
        LocalAnswers.send(sink, new StaticRowCursor(List.copyOf(matching), List.of()), false);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

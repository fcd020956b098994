package io.dbmesh.it.differential;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one corpus statement on one connection and records its {@link Outcome}. Errors are
 * outcomes too (the comparison decides whether an error was expected), so this never throws
 * for a server-side failure.
 */
final class StatementRunner {
    private StatementRunner() {
    }

    static Outcome run(Connection connection, Protocol protocol, CorpusStatement statement) {
        try {
            if (protocol == Protocol.TEXT && statement.parameters().isEmpty()) {
                try (Statement s = connection.createStatement()) {
                    boolean hasRows = s.execute(statement.sql());
                    return hasRows ? read(s.getResultSet()) : new Outcome.UpdateCount(s.getLargeUpdateCount());
                }
            }
            // With useServerPrepStmts=true this is a server-side prepared statement even without
            // parameters; with false it is Connector/J's client-side substitution (text protocol).
            try (PreparedStatement s = connection.prepareStatement(statement.sql())) {
                for (int i = 0; i < statement.parameters().size(); i++) {
                    statement.parameters().get(i).bind(s, i + 1);
                }
                boolean hasRows = s.execute();
                return hasRows ? read(s.getResultSet()) : new Outcome.UpdateCount(s.getLargeUpdateCount());
            }
        } catch (SQLException e) {
            return new Outcome.Failure(e.getErrorCode(), e.getSQLState(), e.getMessage());
        }
    }

    private static Outcome.Rows read(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> labels = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) {
                labels.add(meta.getColumnLabel(c));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
            return new Outcome.Rows(labels, rows);
        }
    }
}

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

    /** One outcome per execution of the statement (see {@link CorpusStatement#executions()}). */
    static List<Outcome> run(Connection connection, Protocol protocol, CorpusStatement statement) {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            if (protocol == Protocol.TEXT && statement.parameters().isEmpty()) {
                try (Statement s = connection.createStatement()) {
                    outcomes.add(execute(s, () -> s.execute(statement.sql())));
                }
                return outcomes;
            }
            // With useServerPrepStmts=true this is a server-side prepared statement even without
            // parameters; with false it is Connector/J's client-side substitution (text protocol).
            // Several executions reuse the one prepared statement.
            try (PreparedStatement s = connection.prepareStatement(statement.sql())) {
                for (List<ParameterValue> parameters : statement.executions()) {
                    outcomes.add(execute(s, () -> {
                        s.clearParameters();
                        for (int i = 0; i < parameters.size(); i++) {
                            parameters.get(i).bind(s, i + 1);
                        }
                        return s.execute();
                    }));
                }
            }
        } catch (SQLException e) {
            // the prepare itself failed: every execution shares that answer
            while (outcomes.size() < statement.executions().size()) {
                outcomes.add(failure(e));
            }
        }
        return outcomes;
    }

    private interface Execution {
        boolean run() throws SQLException;
    }

    private static Outcome execute(Statement s, Execution execution) {
        try {
            boolean hasRows = execution.run();
            return hasRows ? read(s.getResultSet()) : new Outcome.UpdateCount(s.getLargeUpdateCount());
        } catch (SQLException e) {
            return failure(e);
        }
    }

    private static Outcome.Failure failure(SQLException e) {
        return new Outcome.Failure(e.getErrorCode(), e.getSQLState(), e.getMessage());
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

package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A ResultSink / PrepareSink that records what a command answered, reading the handler's server
 * status when each terminating packet would be written, like the wire does.
 */
class CollectingSink implements ResultSink, PrepareSink {

    sealed interface Result permits Ok, Rows, Error {
        boolean more();
    }

    record Ok(UpdateResult update, boolean more, int status) implements Result {
    }

    record Rows(List<Column> columns, List<byte[][]> rows, boolean more, int status) implements Result {
        String text(int row, int column) {
            byte[] v = rows.get(row)[column];
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }
    }

    record Error(int code, String sqlState, String message) implements Result {
        @Override
        public boolean more() {
            return false;
        }
    }

    record Prepared(int statementId, List<Column> parameters, List<Column> columns, int warnings) {
    }

    final List<Result> results = new ArrayList<>();
    Prepared prepared;
    private final CommandHandler handler;
    /** Pause after every 1000 rows, to simulate a slow client. */
    private final long rowDelayNanos;
    /** Rows are counted but not kept beyond this many (for huge results). */
    private final int keepRows;
    long rowCount;

    CollectingSink(CommandHandler handler) {
        this(handler, 0, Integer.MAX_VALUE);
    }

    CollectingSink(CommandHandler handler, long rowDelayNanos, int keepRows) {
        this.handler = handler;
        this.rowDelayNanos = rowDelayNanos;
        this.keepRows = keepRows;
    }

    @Override
    public void ok(UpdateResult result, boolean more) {
        results.add(new Ok(result, more, handler.serverStatus()));
    }

    @Override
    public void rows(RowCursor cursor, boolean more) throws SQLException {
        try (cursor) {
            List<Column> columns = cursor.columns();
            List<byte[][]> rows = new ArrayList<>();
            while (cursor.next()) {
                rowCount++;
                if (rows.size() < keepRows) {
                    byte[][] row = new byte[columns.size()][];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = cursor.value(i);
                    }
                    rows.add(row);
                } else {
                    for (int i = 0; i < columns.size(); i++) {
                        cursor.value(i);
                    }
                }
                if (rowDelayNanos > 0 && rowCount % 1000 == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(rowDelayNanos);
                }
            }
            results.add(new Rows(columns, rows, more, handler.serverStatus()));
        }
    }

    @Override
    public void error(int errorCode, String sqlState, String message) {
        results.add(new Error(errorCode, sqlState, message));
    }

    @Override
    public void prepared(int statementId, List<Column> parameters, List<Column> columns, int warnings) {
        prepared = new Prepared(statementId, parameters, columns, warnings);
    }

    Result single() {
        if (results.size() != 1) {
            throw new AssertionError("expected one result, got " + results);
        }
        return results.get(0);
    }

    Rows rows() {
        Result r = single();
        if (r instanceof Rows rows) {
            return rows;
        }
        throw new AssertionError("expected rows, got " + r);
    }

    Ok ok() {
        Result r = single();
        if (r instanceof Ok ok) {
            return ok;
        }
        throw new AssertionError("expected OK, got " + r);
    }

    Error error() {
        Result r = single();
        if (r instanceof Error e) {
            return e;
        }
        throw new AssertionError("expected an error, got " + r);
    }

    /** Runs one COM_QUERY through the handler and collects every result it answers. */
    static CollectingSink query(SessionCommandHandler session, String sql) {
        CollectingSink sink = new CollectingSink(session);
        session.query(sql, sink);
        return sink;
    }
}

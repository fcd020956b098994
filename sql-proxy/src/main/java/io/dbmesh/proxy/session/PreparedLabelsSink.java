package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;

/** A sink that labels the result columns of a COM_STMT_EXECUTE as at prepare time (see {@link PreparedLabelsCursor}). */
final class PreparedLabelsSink implements ResultSink {
    private final ResultSink sink;
    private final PreparedStatementEntry entry;

    private PreparedLabelsSink(ResultSink sink, PreparedStatementEntry entry) {
        this.sink = sink;
        this.entry = entry;
    }

    /** {@code sink} itself when nothing can need relabelling. */
    static ResultSink of(ResultSink sink, PreparedStatementEntry entry) {
        if (entry.sql.placeholders() == 0 || entry.columns.isEmpty()) {
            return sink; // nothing was spliced into the text: the backend's labels are the prepared ones
        }
        return new PreparedLabelsSink(sink, entry);
    }

    @Override
    public void ok(UpdateResult result, boolean more) {
        sink.ok(result, more);
    }

    @Override
    public void rows(RowCursor cursor, boolean more) throws SQLException {
        sink.rows(PreparedLabelsCursor.relabel(cursor, entry.columns), more);
    }

    @Override
    public void error(int errorCode, String sqlState, String message) {
        sink.error(errorCode, sqlState, message);
    }
}

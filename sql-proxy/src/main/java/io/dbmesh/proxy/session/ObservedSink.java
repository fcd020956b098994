package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.util.List;

/**
 * The sink of a session's statement as telemetry sees it: counts the rows sent (or affected) and
 * remembers the error sent, whichever part of the session sends it. One instance per session,
 * re-aimed at each command's sink ({@link #aim}), with one reusable counting cursor: observing a
 * statement allocates nothing. Only used when telemetry is on.
 */
final class ObservedSink implements ResultSink, RowCursor {
    private final SessionTelemetry telemetry;
    private ResultSink target;
    private RowCursor rows;
    int errorCode;
    String sqlState;

    ObservedSink(SessionTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Points this at the sink of the current command and clears the last statement's error. */
    ObservedSink aim(ResultSink target) {
        this.target = target;
        errorCode = 0;
        sqlState = null;
        return this;
    }

    /** Clears the error before the next statement of a multi-statement command. */
    void nextStatement() {
        errorCode = 0;
        sqlState = null;
    }

    @Override
    public java.io.InputStream clientFile(byte[] fileName) {
        return target.clientFile(fileName);
    }

    @Override
    public void ok(UpdateResult result, boolean more) {
        telemetry.rows(result.affectedRows());
        target.ok(result, more);
    }

    @Override
    public void rows(RowCursor cursor, boolean more) throws SQLException {
        rows = cursor;
        try {
            target.rows(this, more);
        } finally {
            rows = null;
        }
    }

    @Override
    public void error(int errorCode, String sqlState, String message) {
        this.errorCode = errorCode;
        this.sqlState = sqlState;
        target.error(errorCode, sqlState, message);
    }

    // ---- the counting cursor over the current result

    @Override
    public List<Column> columns() {
        return rows.columns();
    }

    @Override
    public boolean next() throws SQLException {
        if (rows.next()) {
            telemetry.rows(1);
            return true;
        }
        return false;
    }

    @Override
    public byte[] value(int index) {
        return rows.value(index);
    }

    @Override
    public byte[] binaryRow() {
        return rows.binaryRow();
    }

    @Override
    public int warnings() {
        RowCursor r = rows;
        return r != null ? r.warnings() : 0;
    }

    @Override
    public void close() {
        RowCursor r = rows;
        if (r != null) r.close();
    }
}

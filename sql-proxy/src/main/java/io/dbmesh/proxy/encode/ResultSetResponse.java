package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.codec.PacketWriter;
import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.packet.Wire;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.util.List;

/**
 * The ResultSink of COM_QUERY (text rows) and COM_STMT_EXECUTE (binary rows), also used for the
 * plain OK/ERR answers of the other commands. Result sets stream: rows go into the connection's
 * batch buffer, which is sent whenever it passes the flush threshold — and sending blocks the
 * command thread while the client is not reading (back-pressure), so memory stays bounded by
 * the batch size plus the channel's high water mark whatever the number of rows.
 */
public final class ResultSetResponse implements ResultSink, CommandResponse {
    private final ResponseContext context;
    private final RowFormat format;
    private final boolean okAsEof;
    private boolean finished;

    /** @param okAsEof answer {@link #ok} with an EOF packet (COM_SET_OPTION does so unless DEPRECATE_EOF) */
    public ResultSetResponse(ResponseContext context, RowFormat format, boolean okAsEof) {
        this.context = context;
        this.format = format;
        this.okAsEof = okAsEof;
    }

    public ResultSetResponse(ResponseContext context, RowFormat format) {
        this(context, format, false);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void ok(UpdateResult result, boolean more) {
        checkOpen();
        if (okAsEof && !context.deprecateEof()) {
            context.endOfRows(more);
        } else {
            context.ok(result.affectedRows(), result.lastInsertId(), result.warnings(), result.info(), more);
        }
        finished = !more;
    }

    /** Asks the client for its file when it agreed to send files (CLIENT_LOCAL_FILES); null otherwise. */
    @Override
    public java.io.InputStream clientFile(byte[] fileName) {
        if (!Capabilities.has(context.capabilities(), Capabilities.LOCAL_FILES) || context.input() == null) return null;
        checkOpen();
        return ClientFileStream.request(context, fileName);
    }

    @Override
    public void rows(RowCursor cursor, boolean more) throws SQLException {
        try (cursor) {
            checkOpen();
            List<Column> columns = cursor.columns();
            if (columns.isEmpty()) {
                ok(UpdateResult.EMPTY, more);
                return;
            }
            PacketWriter writer = context.writer();
            Wire.writeLenencInt(writer.begin(), columns.size());
            writer.end();
            context.columnDefinitions(columns);
            context.intermediateEof(more);
            while (cursor.next()) {
                format.writeRow(writer.begin(), columns, cursor);
                writer.end();
                writer.flushIfFull();
            }
            context.endOfRows(more, cursor.warnings());
            finished = !more;
        }
    }

    @Override
    public void error(int errorCode, String sqlState, String message) {
        checkOpen();
        context.writer().abandon();
        context.error(errorCode, sqlState, message);
        finished = true;
    }

    private void checkOpen() {
        if (finished) throw new IllegalStateException("the command already sent its last result");
    }
}

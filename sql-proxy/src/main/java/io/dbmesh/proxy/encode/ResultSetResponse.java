package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.codec.PacketWriter;
import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.packet.ParameterState;
import io.dbmesh.proxy.packet.Wire;
import io.netty.buffer.ByteBuf;
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
 *
 * <p>Under MariaDB's metadata caching ({@link ResponseContext#cacheMetadata}) the column count
 * packet says whether the column definitions follow, as MariaDB's own answers do: always for text
 * results; for a COM_STMT_EXECUTE's first result, only when its columns are not those the client
 * holds for the statement ({@link ParameterState#clientHolds}). A repeated point select then
 * costs the client and the sidecar no column definition (MariaDB skips them behind a byte relay too).
 */
public final class ResultSetResponse implements ResultSink, CommandResponse {
    private final ResponseContext context;
    private final RowFormat format;
    private final boolean okAsEof;
    /** The executed statement's wire state (what column definitions its client holds); null: not an execution. */
    private final ParameterState statement;
    /** A result of this command was sent already (only the first one may leave its definitions out). */
    private boolean sentOne;
    private boolean finished;

    /** @param okAsEof answer {@link #ok} with an EOF packet (COM_SET_OPTION does so unless DEPRECATE_EOF) */
    public ResultSetResponse(ResponseContext context, RowFormat format, boolean okAsEof) {
        this(context, format, okAsEof, null);
    }

    public ResultSetResponse(ResponseContext context, RowFormat format) {
        this(context, format, false, null);
    }

    /** The answer to a COM_STMT_EXECUTE of {@code statement} (binary rows). */
    public ResultSetResponse(ResponseContext context, ParameterState statement) {
        this(context, RowFormat.BINARY, false, statement);
    }

    private ResultSetResponse(ResponseContext context, RowFormat format, boolean okAsEof, ParameterState statement) {
        this.context = context;
        this.format = format;
        this.okAsEof = okAsEof;
        this.statement = statement;
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
            ByteBuf count = writer.begin();
            Wire.writeLenencInt(count, columns.size());
            if (context.cacheMetadata()) {
                boolean held = statement != null && !sentOne && statement.clientHolds(columns);
                count.writeByte(held ? 0 : 1);
                writer.end();
                if (!held) {
                    context.columnDefinitions(columns);
                    if (statement != null) statement.clientReceived(columns);
                }
            } else {
                writer.end();
                context.columnDefinitions(columns);
            }
            sentOne = true;
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

package io.dbmesh.proxy.backend;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import org.mariadb.jdbc.client.ColumnDecoder;
import org.mariadb.jdbc.client.impl.StandardReadableByteBuf;
import org.mariadb.jdbc.client.result.Result;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link RowCursor} over a Connector/J result, text protocol or binary (a server-side prepared
 * statement's rows, see {@link #binaryRow}). Rows stream: the statement is run
 * with {@link #FETCH_SIZE}, so Connector/J holds at most that many rows in memory and reads the
 * next batch from the socket only when the consumer (the client encoder, which blocks while the
 * client is slow) asks for it.
 *
 * <p>Values are forwarded as the exact bytes of the backend's text row: each value of a text
 * result row is a length-encoded string (0xFB for NULL), which is already the MySQL text form —
 * so zero dates, negative or long TIME values, float digits and binary strings reach the client
 * exactly as the server wrote them, without a round trip through Java types.
 */
public final class JdbcRowCursor implements RowCursor {

    /**
     * Rows Connector/J reads ahead per socket fetch. 256 rows keeps the memory of a huge result at
     * a few hundred KB for ordinary rows while amortising the fetch bookkeeping; rows with large
     * blobs cost what they cost, but never more than 256 of them at once.
     */
    public static final int FETCH_SIZE = 256;

    private final ResultSet resultSet;
    private final Result result; // null when the fallback (public API) path is used
    private final StandardReadableByteBuf rowBuffer;
    private final List<Column> columns;
    private final int[] offsets;
    private final int[] lengths;
    private byte[] row;
    private boolean closed;
    /** The connection's warning count, read when the rows end (the EOF/OK packet that carries it has just been read). */
    private final java.util.function.IntSupplier warningCount;
    private int warnings;
    private boolean ended;
    /** Non-null when the rows are binary-protocol rows (a server-side prepared statement's result). */
    private final BinaryRowLayout binary;

    public JdbcRowCursor(ResultSet resultSet) throws SQLException {
        this(resultSet, () -> 0);
    }

    /** @param warningCount the connection's warning count of the last statement (BackendConnection::warnings) */
    public JdbcRowCursor(ResultSet resultSet, java.util.function.IntSupplier warningCount) throws SQLException {
        this(resultSet, warningCount, false);
    }

    /**
     * @param binaryRows the result of a server-side prepared statement ({@link BackendConnection#executePrepared}):
     *                   rows in the binary protocol, forwarded through {@link #binaryRow}
     */
    public JdbcRowCursor(ResultSet resultSet, java.util.function.IntSupplier warningCount, boolean binaryRows)
            throws SQLException {
        this(resultSet, warningCount, binaryRows, null);
    }

    /** As above, the columns read through {@code connection}'s memo of its result shapes ({@link DecodedColumns}). */
    public JdbcRowCursor(ResultSet resultSet, java.util.function.IntSupplier warningCount, boolean binaryRows,
                         BackendConnection connection) throws SQLException {
        this.resultSet = resultSet;
        this.warningCount = warningCount;
        Result r = ConnectorInternals.AVAILABLE && resultSet.isWrapperFor(Result.class) ? resultSet.unwrap(Result.class) : null;
        this.result = r;
        if (r != null) {
            this.rowBuffer = ConnectorInternals.rowBuffer(r);
            ColumnDecoder[] decoders = ConnectorInternals.metadata(r);
            this.columns = connection != null ? connection.decodedColumns.of(decoders) : ColumnMapping.fromDecoders(decoders);
        } else {
            this.rowBuffer = null;
            ResultSetMetaData md = resultSet.getMetaData();
            List<Column> cols = new ArrayList<>(md.getColumnCount());
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(ColumnMapping.fromMetaData(md, i));
            }
            this.columns = List.copyOf(cols);
        }
        this.offsets = new int[columns.size()];
        this.lengths = new int[columns.size()];
        if (binaryRows && result == null) {
            throw new SQLException("binary rows need the Connector/J internals: " + ConnectorInternals.UNAVAILABLE_BECAUSE);
        }
        this.binary = binaryRows ? new BinaryRowLayout(columns) : null;
    }

    /** Whether the exact (raw bytes) path is in use; false means the public-API fallback. */
    public boolean exact() {
        return result != null;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        if (closed) {
            return false;
        }
        if (result == null) {
            return resultSet.next() || end();
        }
        if (!result.next()) {
            return end();
        }
        byte[] r = rowBuffer.buf;
        if (binary != null) {
            binary.read(r);
            row = r;
            return true;
        }
        int p = 0;
        for (int i = 0; i < offsets.length; i++) {
            int b = r[p++] & 0xff;
            long len;
            if (b < 0xfb) {
                len = b;
            } else if (b == 0xfb) {
                lengths[i] = -1;
                continue;
            } else if (b == 0xfc) {
                len = (r[p] & 0xff) | (r[p + 1] & 0xff) << 8;
                p += 2;
            } else if (b == 0xfd) {
                len = (r[p] & 0xff) | (r[p + 1] & 0xff) << 8 | (r[p + 2] & 0xff) << 16;
                p += 3;
            } else {
                len = 0;
                for (int k = 7; k >= 0; k--) {
                    len = (len << 8) | (r[p + k] & 0xff);
                }
                p += 8;
            }
            offsets[i] = p;
            lengths[i] = (int) len;
            p += (int) len;
        }
        row = r;
        return true;
    }

    private boolean end() {
        if (!ended) {
            ended = true;
            warnings = warningCount.getAsInt();
        }
        return false;
    }

    @Override
    public int warnings() {
        return warnings;
    }

    /**
     * The current binary row as the backend sent it (its payload, exactly {@code rowLength} bytes),
     * or null for a text-protocol result.
     */
    @Override
    public byte[] binaryRow() {
        if (binary == null) return null;
        int length = binary.rowLength;
        return row.length == length ? row : Arrays.copyOf(row, length);
    }

    @Override
    public byte[] value(int index) {
        if (binary != null) {
            return binary.text(row, index);
        }
        if (result != null) {
            int len = lengths[index];
            if (len < 0) {
                return null;
            }
            int from = offsets[index];
            return Arrays.copyOfRange(row, from, from + len);
        }
        try {
            return fallbackValue(index);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read column " + (index + 1), e);
        }
    }

    private byte[] fallbackValue(int index) throws SQLException {
        ColumnType t = columns.get(index).type();
        boolean raw = columns.get(index).binary() && !t.isNumeric() && !t.isTemporal();
        if (raw || t == ColumnType.BIT) {
            return resultSet.getBytes(index + 1);
        }
        String s = resultSet.getString(index + 1);
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            java.sql.Statement statement = resultSet.getStatement();
            resultSet.close();
            ConnectorInternals.forgetResults(statement);
        } catch (SQLException ignored) {
            // the connection reports its own failure on the next use
        }
    }
}

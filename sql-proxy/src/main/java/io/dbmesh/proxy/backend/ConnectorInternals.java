package io.dbmesh.proxy.backend;

import org.mariadb.jdbc.client.ColumnDecoder;
import org.mariadb.jdbc.client.Completion;
import org.mariadb.jdbc.message.server.OkPacket;
import org.mariadb.jdbc.client.impl.StandardReadableByteBuf;
import org.mariadb.jdbc.client.result.Result;
import org.mariadb.jdbc.message.server.ColumnDefinitionPacket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Access to four fields Connector/J 3.x keeps protected, resolved once at class load (never per
 * query): a result's column definitions as the server sent them, the buffer holding the current
 * raw text row, a column definition's collation id, and the OK packet a statement is positioned
 * on (for LAST_INSERT_ID). With them the sidecar forwards the exact
 * bytes and metadata the backend sent — no decoding to Java types and back — which is both exact
 * (zero dates, long TIME, float formatting) and cheap.
 *
 * <p>If a Connector/J upgrade moves them, {@link #AVAILABLE} is false and {@link JdbcRowCursor}
 * falls back to the public JDBC API; {@code ConnectorInternalsTest} fails loudly in that case.
 */
final class ConnectorInternals {

    static final boolean AVAILABLE;
    private static final VarHandle RESULT_METADATA;
    private static final VarHandle RESULT_ROW_BUF;
    private static final VarHandle COLUMN_CHARSET;
    private static final VarHandle STATEMENT_CURRENT_RESULT;

    static {
        VarHandle metadata = null;
        VarHandle rowBuf = null;
        VarHandle charset = null;
        VarHandle current = null;
        boolean ok;
        try {
            MethodHandles.Lookup result = MethodHandles.privateLookupIn(Result.class, MethodHandles.lookup());
            metadata = result.findVarHandle(Result.class, "metadataList", ColumnDecoder[].class);
            rowBuf = result.findVarHandle(Result.class, "rowBuf", StandardReadableByteBuf.class);
            MethodHandles.Lookup column = MethodHandles.privateLookupIn(ColumnDefinitionPacket.class, MethodHandles.lookup());
            charset = column.findVarHandle(ColumnDefinitionPacket.class, "charset", int.class);
            MethodHandles.Lookup statement = MethodHandles.privateLookupIn(org.mariadb.jdbc.Statement.class, MethodHandles.lookup());
            current = statement.findVarHandle(org.mariadb.jdbc.Statement.class, "currResult", Completion.class);
            ok = true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ok = false;
        }
        AVAILABLE = ok;
        RESULT_METADATA = metadata;
        RESULT_ROW_BUF = rowBuf;
        COLUMN_CHARSET = charset;
        STATEMENT_CURRENT_RESULT = current;
    }

    private ConnectorInternals() {
    }

    static ColumnDecoder[] metadata(Result result) {
        return (ColumnDecoder[]) RESULT_METADATA.get(result);
    }

    static StandardReadableByteBuf rowBuffer(Result result) {
        return (StandardReadableByteBuf) RESULT_ROW_BUF.get(result);
    }

    /** LAST_INSERT_ID of the OK packet a statement is positioned on (0 when none or unknown). */
    static long lastInsertId(java.sql.Statement statement) {
        if (AVAILABLE && statement instanceof org.mariadb.jdbc.Statement st
                && STATEMENT_CURRENT_RESULT.get(st) instanceof OkPacket ok) {
            return ok.getLastInsertId();
        }
        return 0;
    }

    /** The collation id of a column definition, or -1 when it is not a ColumnDefinitionPacket. */
    static int charset(ColumnDecoder column) {
        if (column instanceof ColumnDefinitionPacket) {
            return (int) COLUMN_CHARSET.get((ColumnDefinitionPacket) column);
        }
        return -1;
    }
}

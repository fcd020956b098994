package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.codec.PacketWriter;
import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.packet.ColumnDefinition41;
import io.dbmesh.proxy.packet.EofPacket;
import io.dbmesh.proxy.packet.ErrPacket;
import io.dbmesh.proxy.packet.OkPacket;
import io.dbmesh.proxy.packet.ServerStatus;
import io.dbmesh.core.result.Column;
import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the response writers of one connection share: the packet writer, the negotiated
 * capabilities (DEPRECATE_EOF decides between EOF packets and OK-as-EOF), whether MariaDB's
 * extended column metadata was negotiated (then every column definition carries it), the
 * session's current status flags, read when each OK/EOF is written, and the client's further
 * packets of a command (its file for LOAD DATA LOCAL INFILE; null: none are read), the
 * connection's last column definitions, encoded ({@link ColumnDefinitionCache}), and whether
 * MariaDB's metadata caching was negotiated (then each column count says whether definitions follow).
 */
public record ResponseContext(PacketWriter writer, int capabilities, boolean extendedMetadata, IntSupplier sessionStatus,
                              ClientPackets input, ColumnDefinitionCache columnCache, boolean cacheMetadata) {

    public ResponseContext(PacketWriter writer, int capabilities, boolean extendedMetadata, boolean cacheMetadata,
                           IntSupplier sessionStatus, ClientPackets input) {
        this(writer, capabilities, extendedMetadata, sessionStatus, input, new ColumnDefinitionCache(), cacheMetadata);
    }

    public ResponseContext(PacketWriter writer, int capabilities, boolean extendedMetadata, IntSupplier sessionStatus,
                           ClientPackets input) {
        this(writer, capabilities, extendedMetadata, false, sessionStatus, input);
    }

    public ResponseContext(PacketWriter writer, int capabilities, IntSupplier sessionStatus) {
        this(writer, capabilities, false, sessionStatus, null);
    }

    /** The column definition packets of a result set, one per column (encoded once per distinct result shape). */
    public void columnDefinitions(List<Column> columns) {
        columnCache.write(writer, columns, extendedMetadata);
    }

    /** One column definition packet. */
    public void columnDefinition(Column column, boolean forFieldList) {
        ColumnDefinition41.write(writer.begin(), column, forFieldList, extendedMetadata);
        writer.end();
    }

    public boolean deprecateEof() {
        return Capabilities.has(capabilities, Capabilities.DEPRECATE_EOF);
    }

    public int status(boolean more) {
        return sessionStatus.getAsInt() | (more ? ServerStatus.MORE_RESULTS_EXISTS : 0);
    }

    public void ok(long affectedRows, long lastInsertId, int warnings, String info, boolean more) {
        OkPacket.write(writer.begin(), false, affectedRows, lastInsertId, status(more), warnings, info);
        writer.end();
    }

    public void error(int errorCode, String sqlState, String message) {
        ErrPacket.write(writer.begin(), errorCode, sqlState, message);
        writer.end();
    }

    /** The EOF between metadata and rows; nothing when DEPRECATE_EOF was negotiated. */
    public void intermediateEof(boolean more) {
        if (!deprecateEof()) {
            EofPacket.write(writer.begin(), 0, status(more));
            writer.end();
        }
    }

    /** The end of a row stream: EOF, or an OK with the EOF header under DEPRECATE_EOF. */
    public void endOfRows(boolean more) {
        endOfRows(more, 0);
    }

    /** The end of a row stream with the statement's warning count (what SHOW WARNINGS will list). */
    public void endOfRows(boolean more, int warnings) {
        ByteBuf out = writer.begin();
        if (deprecateEof()) {
            OkPacket.write(out, true, 0, 0, status(more), warnings, null);
        } else {
            EofPacket.write(out, warnings, status(more));
        }
        writer.end();
    }
}

package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.packet.BinaryRow;
import io.dbmesh.proxy.packet.BinaryValues;
import io.dbmesh.proxy.packet.TextRow;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * How a row of a RowCursor becomes a row packet: as-is for the text protocol (COM_QUERY), converted
 * per column type for the binary protocol (COM_STMT_EXECUTE). Written straight from the cursor into
 * the output buffer: no per-row objects. A cursor that reads a backend's binary rows
 * ({@link RowCursor#binaryRow}) has them forwarded unchanged.
 */
public enum RowFormat {
    TEXT {
        @Override
        void writeRow(ByteBuf out, List<Column> columns, RowCursor cursor) {
            for (int i = 0, n = columns.size(); i < n; i++) {
                TextRow.writeValue(out, cursor.value(i));
            }
        }
    },
    BINARY {
        @Override
        void writeRow(ByteBuf out, List<Column> columns, RowCursor cursor) {
            byte[] backendRow = cursor.binaryRow();
            if (backendRow != null) { // the backend's own binary row for these very columns: as it is
                out.writeBytes(backendRow);
                return;
            }
            int n = columns.size();
            out.writeByte(0);
            int bitmapAt = out.writerIndex();
            out.writeZero(BinaryRow.nullBitmapLength(n));
            for (int i = 0; i < n; i++) {
                byte[] v = cursor.value(i);
                if (v == null) {
                    int bit = i + 2;
                    int at = bitmapAt + (bit >>> 3);
                    out.setByte(at, out.getByte(at) | (1 << (bit & 7)));
                } else {
                    BinaryValues.write(out, columns.get(i), v);
                }
            }
        }
    };

    abstract void writeRow(ByteBuf out, List<Column> columns, RowCursor cursor);
}

package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.codec.PacketWriter;
import io.dbmesh.proxy.packet.ColumnDefinition41;
import io.dbmesh.core.result.Column;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * The column definition packets of one connection's last few result shapes, kept encoded: a client
 * that runs the same statements again (point selects with new values, over a handful of tables)
 * gets the same columns, and comparing them field by field is cheaper than writing every name as
 * UTF-8 again — encoding the definitions was ~2 % of the sidecar's CPU per point select (profile,
 * issue 13). {@link #SHAPES} shapes per connection (sysbench's point select alternates between its
 * tables: one entry missed half the time), the oldest replaced first. Owned by the connection's
 * command thread.
 */
public final class ColumnDefinitionCache {
    static final int SHAPES = 8;

    private final Object[] columns = new Object[SHAPES];
    private final byte[][][] payloads = new byte[SHAPES][][];
    private final boolean[] extended = new boolean[SHAPES];
    private int next;

    /** Writes one definition packet per column of a result set (not COM_FIELD_LIST's form). */
    void write(PacketWriter writer, List<Column> columns, boolean extendedMetadata) {
        // the same list first, in every slot: repeated executions of a prepared statement bring it
        // (DecodedColumns, RelabelledColumns), and comparing field by field with the other slots
        // on the way cost as much as the match saved
        int hit = -1;
        for (int i = 0; i < SHAPES && hit < 0; i++) {
            if (this.columns[i] == columns && extended[i] == extendedMetadata) hit = i;
        }
        for (int i = 0; i < SHAPES && hit < 0; i++) {
            if (this.columns[i] != null && extended[i] == extendedMetadata && columns.equals(this.columns[i])) hit = i;
        }
        if (hit >= 0) {
            for (byte[] payload : payloads[hit]) {
                writer.begin().writeBytes(payload);
                writer.end();
            }
            return;
        }
        byte[][] encoded = new byte[columns.size()][];
        for (int i = 0; i < encoded.length; i++) {
            ByteBuf out = writer.begin();
            int start = out.writerIndex();
            ColumnDefinition41.write(out, columns.get(i), false, extendedMetadata);
            encoded[i] = new byte[out.writerIndex() - start];
            out.getBytes(start, encoded[i]);
            writer.end();
        }
        int slot = next;
        next = (next + 1) % SHAPES;
        this.columns[slot] = List.copyOf(columns);
        payloads[slot] = encoded;
        extended[slot] = extendedMetadata;
    }
}

package io.dbmesh.proxy.packet;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.proxy.text.ClientCharset;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * COM_STMT_EXECUTE with its parameters decoded. A parameter that received long data has a null
 * value without being NULL in the bitmap; the handler merges its long data (see CommandHandler).
 */
public record ComStmtExecute(ParameterState statement, int flags, List<BoundParameter> parameters) implements CommandPacket {

    /** The executed statement's id (never the "last prepared" alias: the wire state resolved it). */
    public int statementId() {
        return statement.statementId();
    }

    static ComStmtExecute decode(ByteBuf in, IntFunction<ParameterState> statements, ClientCharset charset) throws MySqlException {
        int id = in.readIntLE();
        int flags = in.readUnsignedByte();
        in.skipBytes(4); // iteration count, always 1
        ParameterState state = statements.apply(id);
        if (state == null) {
            throw new MySqlException(ErrorCodes.ER_UNKNOWN_STMT_HANDLER, "HY000",
                    "Unknown prepared statement handler (" + Integer.toUnsignedString(id) + ") given to mysqld_stmt_execute");
        }
        int n = state.parameterCount();
        if (n == 0) {
            return new ComStmtExecute(state, flags, List.of());
        }
        int bitmapAt = in.readerIndex();
        in.skipBytes((n + 7) / 8);
        boolean newTypes = in.readByte() == 1;
        if (newTypes) {
            ColumnType[] types = new ColumnType[n];
            boolean[] unsigned = new boolean[n];
            for (int i = 0; i < n; i++) {
                int code = in.readUnsignedByte();
                try {
                    types[i] = ColumnType.ofCode(code);
                } catch (IllegalArgumentException e) {
                    throw new MalformedPacketException("unknown parameter type 0x" + Integer.toHexString(code));
                }
                unsigned[i] = (in.readUnsignedByte() & 0x80) != 0;
            }
            state.bind(types, unsigned);
        } else if (!state.typesBound()) {
            if (allNull(in, bitmapAt, n)) { // MySQL Connector/J sends no types when every value is NULL (setNull only)
                state.clearLongData();
                return new ComStmtExecute(state, flags,
                        java.util.Collections.nCopies(n, new BoundParameter(ColumnType.NULL, false, null)));
            }
            throw new MySqlException(ErrorCodes.ER_WRONG_ARGUMENTS, "HY000",
                    "Incorrect arguments to mysqld_stmt_execute (parameter types were never sent)");
        }
        List<BoundParameter> parameters = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ColumnType type = state.type(i);
            boolean unsigned = state.unsigned(i);
            boolean isNull = (in.getByte(bitmapAt + i / 8) & (1 << (i % 8))) != 0;
            Object value = isNull || state.hasLongData(i) ? null : BinaryValues.read(in, type, unsigned, charset);
            parameters.add(new BoundParameter(type, unsigned, value));
        }
        state.clearLongData();
        return new ComStmtExecute(state, flags, parameters);
    }

    /** Whether the NULL bitmap at {@code at} marks all {@code n} parameters NULL (they need no type then). */
    private static boolean allNull(ByteBuf in, int at, int n) {
        for (int i = 0; i < n; i++) {
            if ((in.getByte(at + i / 8) & (1 << (i % 8))) == 0) return false;
        }
        return true;
    }
}

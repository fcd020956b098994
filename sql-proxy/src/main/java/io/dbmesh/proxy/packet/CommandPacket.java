package io.dbmesh.proxy.packet;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.text.ClientCharset;
import io.netty.buffer.ByteBuf;

import java.util.function.IntFunction;

/**
 * A command of the command phase. The first payload byte names it; {@link #decode} is the one
 * place that maps bytes to records. Unknown codes decode to {@link Unknown}, which the server
 * answers with ER_UNKNOWN_COM_ERROR while keeping the connection.
 */
public sealed interface CommandPacket extends ClientPacket
        permits CommandPacket.Quit, CommandPacket.InitDb, CommandPacket.Query, CommandPacket.FieldList,
        CommandPacket.Statistics, CommandPacket.Ping, ComChangeUser, CommandPacket.StmtPrepare, ComStmtExecute,
        CommandPacket.StmtSendLongData, CommandPacket.StmtClose, CommandPacket.StmtReset, CommandPacket.SetOption,
        CommandPacket.ResetConnection, CommandPacket.Unknown {

    int COM_QUIT = 0x01, COM_INIT_DB = 0x02, COM_QUERY = 0x03, COM_FIELD_LIST = 0x04, COM_STATISTICS = 0x09,
            COM_PING = 0x0e, COM_CHANGE_USER = 0x11, COM_STMT_PREPARE = 0x16, COM_STMT_EXECUTE = 0x17,
            COM_STMT_SEND_LONG_DATA = 0x18, COM_STMT_CLOSE = 0x19, COM_STMT_RESET = 0x1a, COM_SET_OPTION = 0x1b,
            COM_RESET_CONNECTION = 0x1f;

    /** {@link #decode(ByteBuf, int, IntFunction, ClientCharset)} for a utf8mb4 session. */
    static CommandPacket decode(ByteBuf in, int clientCapabilities, IntFunction<ParameterState> statements)
            throws MySqlException {
        return decode(in, clientCapabilities, statements, ClientCharset.UTF8MB4);
    }

    /**
     * @param clientCapabilities negotiated capabilities (COM_CHANGE_USER's layout depends on them)
     * @param statements         parameter state of prepared statements by id (COM_STMT_EXECUTE needs
     *                           the parameter count and the types bound by an earlier execution)
     * @param charset            the session's character_set_client, for string parameters of COM_STMT_EXECUTE
     * @throws MySqlException for a well-formed command that cannot be decoded, e.g. an unknown statement id
     */
    static CommandPacket decode(ByteBuf in, int clientCapabilities, IntFunction<ParameterState> statements,
                                ClientCharset charset) throws MySqlException {
        int code = in.readUnsignedByte();
        return switch (code) {
            case COM_QUIT -> new Quit();
            case COM_INIT_DB -> new InitDb(Wire.readRestString(in));
            case COM_QUERY -> new Query(Wire.readRestBytes(in));
            case COM_FIELD_LIST -> new FieldList(Wire.readNulString(in), Wire.readRestString(in));
            case COM_STATISTICS -> new Statistics();
            case COM_PING -> new Ping();
            case COM_CHANGE_USER -> ComChangeUser.decode(in, clientCapabilities);
            case COM_STMT_PREPARE -> new StmtPrepare(Wire.readRestBytes(in));
            case COM_STMT_EXECUTE -> ComStmtExecute.decode(in, statements, charset);
            case COM_STMT_SEND_LONG_DATA -> new StmtSendLongData(in.readIntLE(), in.readUnsignedShortLE(), Wire.readRestBytes(in));
            case COM_STMT_CLOSE -> new StmtClose(in.readIntLE());
            case COM_STMT_RESET -> new StmtReset(in.readIntLE());
            case COM_SET_OPTION -> new SetOption(in.readUnsignedShortLE());
            case COM_RESET_CONNECTION -> new ResetConnection();
            default -> new Unknown(code);
        };
    }

    record Quit() implements CommandPacket {
    }

    record InitDb(String schema) implements CommandPacket {
    }

    /** The statement bytes as sent: their character set is the session's (see {@code text.StatementText}). */
    record Query(byte[] sql) implements CommandPacket {
    }

    record FieldList(String table, String wildcard) implements CommandPacket {
    }

    record Statistics() implements CommandPacket {
    }

    record Ping() implements CommandPacket {
    }

    /** The statement bytes as sent, like {@link Query}. */
    record StmtPrepare(byte[] sql) implements CommandPacket {
    }

    record StmtSendLongData(int statementId, int parameterIndex, byte[] data) implements CommandPacket {
    }

    record StmtClose(int statementId) implements CommandPacket {
    }

    record StmtReset(int statementId) implements CommandPacket {
    }

    /** 0 = MYSQL_OPTION_MULTI_STATEMENTS_ON, 1 = OFF. */
    record SetOption(int option) implements CommandPacket {
    }

    record ResetConnection() implements CommandPacket {
    }

    record Unknown(int code) implements CommandPacket {
    }
}

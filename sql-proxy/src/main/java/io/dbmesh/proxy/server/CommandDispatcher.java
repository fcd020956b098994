package io.dbmesh.proxy.server;

import io.dbmesh.proxy.auth.MysqlNativePassword;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.codec.Frame;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.encode.CommandResponse;
import io.dbmesh.proxy.logging.RepeatLimitedLog;
import io.dbmesh.proxy.encode.FieldListResponse;
import io.dbmesh.proxy.encode.PrepareResponse;
import io.dbmesh.proxy.encode.ResponseContext;
import io.dbmesh.proxy.encode.ResultSetResponse;
import io.dbmesh.proxy.encode.RowFormat;
import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.packet.ComChangeUser;
import io.dbmesh.proxy.packet.ComStmtExecute;
import io.dbmesh.proxy.packet.CommandPacket;
import io.dbmesh.proxy.packet.ErrorCodes;
import io.dbmesh.proxy.packet.MalformedPacketException;
import io.dbmesh.proxy.packet.ParameterState;
import io.dbmesh.proxy.packet.ServerStatus;
import io.dbmesh.proxy.packet.StatisticsResponse;
import io.dbmesh.proxy.text.ClientCharset;
import io.dbmesh.proxy.text.StatementText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The command phase: reads one command at a time and answers it. {@link #dispatch} is the one
 * switch over every command; the execution side sits behind {@link CommandHandler}. Whatever a
 * handler throws becomes an ERR packet (never a stack trace, never a missing answer), and the
 * connection stays usable unless the client itself is gone.
 */
final class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final RepeatLimitedLog failures = new RepeatLimitedLog(log, 1000);

    private final ClientConnection connection;
    private final PreparedStatements statements = new PreparedStatements();
    private final ResponseContext context;
    private ClientInfo client;
    private CommandHandler handler;
    private byte[] scramble;

    CommandDispatcher(ClientConnection connection, ConnectionPhase.Session session) {
        this.connection = connection;
        this.client = session.client();
        this.handler = session.handler();
        this.scramble = session.scramble();
        this.context = new ResponseContext(connection.writer, client.capabilities(),
                Capabilities.has(session.mariadbCapabilities(), Capabilities.MARIADB_EXTENDED_METADATA),
                Capabilities.has(session.mariadbCapabilities(), Capabilities.MARIADB_CACHE_METADATA), this::serverStatus,
                connection::nextFrame);
    }

    private int serverStatus() {
        return handler != null ? handler.serverStatus() : ServerStatus.AUTOCOMMIT;
    }

    void run() {
        while (!connection.server.closing) {
            Frame frame = connection.nextFrame();
            connection.busy(true);
            try {
                if (frame.firstSequenceId() != 0) {
                    connection.writer.startSequence(frame.sequenceId() + 1);
                    connection.sendError(ErrorCodes.ER_NET_PACKETS_OUT_OF_ORDER, "08S01", "Got packets out of order");
                    return;
                }
                connection.writer.startSequence(frame.sequenceId() + 1);
                CommandPacket command;
                try {
                    command = CommandPacket.decode(frame.payload(), client.capabilities(), statements::find, clientCharset());
                } catch (MySqlException e) {
                    context.error(e.errorCode(), e.sqlState(), e.getMessage());
                    continue;
                } catch (MalformedPacketException | IndexOutOfBoundsException e) {
                    context.error(ErrorCodes.ER_MALFORMED_PACKET, "HY000", "Malformed communication packet: " + e.getMessage());
                    continue;
                }
                if (!dispatch(command)) return;
            } finally {
                frame.release();
                connection.writer.flush();
                connection.busy(false);
            }
        }
    }

    /** @return false when the connection ends (COM_QUIT, failed COM_CHANGE_USER) */
    private boolean dispatch(CommandPacket command) {
        switch (command) {
            case CommandPacket.Query q -> answer(new ResultSetResponse(context, RowFormat.TEXT), s -> handler.query(text(q.sql()), s));
            case CommandPacket.InitDb d -> answer(new ResultSetResponse(context, RowFormat.TEXT), s -> handler.initDb(d.schema(), s));
            case CommandPacket.Ping p -> context.ok(0, 0, 0, null, false);
            case CommandPacket.Quit q -> {
                return false;
            }
            case CommandPacket.FieldList f -> answer(new FieldListResponse(context), s -> handler.fieldList(f.table(), f.wildcard(), s));
            case CommandPacket.StmtPrepare p -> prepare(text(p.sql()));
            case ComStmtExecute e -> answer(new ResultSetResponse(context, e.statement()),
                    s -> handler.execute(e.statementId(), e.flags(), e.parameters(), s));
            case CommandPacket.StmtSendLongData d -> {
                ParameterState state = statements.find(d.statementId());
                if (state != null) {
                    state.markLongData(d.parameterIndex());
                    quietly("COM_STMT_SEND_LONG_DATA", () -> handler.sendLongData(state.statementId(), d.parameterIndex(), d.data()));
                }
            }
            case CommandPacket.StmtReset r -> {
                ParameterState state = statements.find(r.statementId());
                if (state == null) {
                    context.error(ErrorCodes.ER_UNKNOWN_STMT_HANDLER, "HY000", "Unknown prepared statement handler ("
                            + Integer.toUnsignedString(r.statementId()) + ") given to mysqld_stmt_reset");
                } else {
                    state.clearLongData();
                    answer(new ResultSetResponse(context, RowFormat.TEXT), s -> handler.resetStatement(state.statementId(), s));
                }
            }
            case CommandPacket.StmtClose c -> {
                ParameterState state = statements.find(c.statementId());
                if (state != null) {
                    statements.remove(state.statementId());
                    quietly("COM_STMT_CLOSE", () -> handler.closeStatement(state.statementId()));
                }
            }
            case CommandPacket.SetOption o -> answer(new ResultSetResponse(context, RowFormat.TEXT, true), s -> handler.setOption(o.option(), s));
            case CommandPacket.ResetConnection r -> {
                statements.clear();
                answer(new ResultSetResponse(context, RowFormat.TEXT), s -> handler.resetConnection(s));
            }
            case ComChangeUser c -> {
                return changeUser(c);
            }
            case CommandPacket.Statistics s -> {
                String text;
                try {
                    text = handler.statistics();
                } catch (RuntimeException e) {
                    log.warn("connection {}: statistics failed", client.connectionId(), e);
                    text = "dbmesh: statistics unavailable";
                }
                connection.writer.write(new StatisticsResponse(text), client.capabilities());
            }
            case CommandPacket.Unknown u -> context.error(ErrorCodes.ER_UNKNOWN_COM_ERROR, "08S01", "Unknown command");
        }
        return true;
    }

    private ClientCharset clientCharset() {
        return handler != null ? handler.clientCharset() : ClientCharset.UTF8MB4;
    }

    /** Statement bytes as text in the session's character set, byte-exact literals kept (see StatementText). */
    private String text(byte[] sql) {
        return StatementText.decode(sql, clientCharset(), (serverStatus() & ServerStatus.NO_BACKSLASH_ESCAPES) != 0);
    }

    private void prepare(String sql) {
        PrepareResponse response = new PrepareResponse(context);
        try {
            handler.prepare(sql, response);
        } catch (ClientGoneException e) {
            throw e;
        } catch (Throwable t) {
            failed(response, t, response::error);
        }
        if (!response.finished()) noAnswer(response::error);
        if (response.statementId() >= 0) {
            statements.register(response.statementId(), response.parameterCount(), response.columns());
        }
    }

    /** Runs a handler call that answers through a ResultSink, guaranteeing exactly one final answer. */
    private <R extends ResultSink & CommandResponse> void answer(R response, Consumer<R> call) {
        try {
            call.accept(response);
        } catch (ClientGoneException e) {
            throw e;
        } catch (Throwable t) {
            failed(response, t, response::error);
        }
        if (!response.finished()) noAnswer(response::error);
    }

    private interface ErrorSink {
        void error(int code, String sqlState, String message);
    }

    private void failed(CommandResponse response, Throwable t, ErrorSink sink) {
        if (response.finished()) {
            log.warn("connection {}: handler failed after answering", client.connectionId(), t);
            return;
        }
        connection.writer.abandon();
        switch (t) {
            case MySqlException e -> sink.error(e.errorCode(), e.sqlState(), e.getMessage());
            case SQLException e when e.getErrorCode() > 0 -> sink.error(e.getErrorCode(),
                    e.getSQLState() != null ? e.getSQLState() : "HY000", e.getMessage());
            default -> {
                // a client can trigger this at will: one line (with stack) per kind and second, then a count
                failures.warn("command-failed-" + t.getClass().getName(), "connection " + client.connectionId()
                        + ": command failed", t);
                sink.error(ErrorCodes.ER_UNKNOWN_ERROR, "HY000", "dbmesh: " + t.getClass().getSimpleName()
                        + (t.getMessage() != null ? ": " + t.getMessage() : ""));
            }
        }
    }

    private void noAnswer(ErrorSink sink) {
        log.error("connection {}: command handler returned without a final answer", client.connectionId());
        sink.error(ErrorCodes.ER_UNKNOWN_ERROR, "HY000", "dbmesh: the command ended without a result");
    }

    private void quietly(String what, Runnable call) {
        try {
            call.run();
        } catch (ClientGoneException e) {
            throw e;
        } catch (RuntimeException e) {
            failures.warn("quiet-failed-" + what + "-" + e.getClass().getName(), "connection " + client.connectionId()
                    + ": " + what + " failed", e);
        }
    }

    /**
     * COM_CHANGE_USER: authenticate again (with an auth switch when the client used another plugin),
     * then replace the session. A failed attempt ends the connection, as in MySQL 8.
     */
    private boolean changeUser(ComChangeUser c) {
        Optional<UserConfig> user = new Authenticator(connection, c.attributes().isEmpty() ? client.attributes() : c.attributes()).authenticate(c.user(),
                c.authPluginName() != null ? c.authPluginName() : MysqlNativePassword.NAME,
                Capabilities.has(client.capabilities(), Capabilities.PLUGIN_AUTH), c.authResponse(), scramble);
        if (user.isEmpty()) return false;
        closeHandler();
        statements.clear();
        client = new ClientInfo(client.connectionId(), c.user(), c.database(), client.capabilities(),
                c.collation() != 0 ? c.collation() : client.collation(),
                c.attributes().isEmpty() ? client.attributes() : c.attributes(), client.remoteAddress(), client.tls());
        handler = new ConnectionPhase(connection).open(client);
        if (handler == null) return false;
        context.ok(0, 0, 0, null, false);
        return true;
    }

    void closeHandler() {
        if (handler == null) return;
        CommandHandler h = handler;
        handler = null;
        try {
            h.close();
        } catch (RuntimeException e) {
            log.warn("connection {}: closing the session failed", client.connectionId(), e);
        }
    }
}

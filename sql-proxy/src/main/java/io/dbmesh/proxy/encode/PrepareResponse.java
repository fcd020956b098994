package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.packet.StmtPrepareOk;
import io.dbmesh.core.result.Column;

import java.util.List;

/**
 * COM_STMT_PREPARE_OK followed by the parameter definitions and the column definitions, each
 * group closed by an EOF unless DEPRECATE_EOF. Remembers the statement id and parameter count so
 * the server can decode later COM_STMT_EXECUTE packets of the statement.
 */
public final class PrepareResponse implements PrepareSink, CommandResponse {
    private final ResponseContext context;
    private boolean finished;
    private int statementId = -1;
    private int parameterCount = -1;
    private List<Column> columns = List.of();

    public PrepareResponse(ResponseContext context) {
        this.context = context;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** The prepared statement's id, or -1 when the prepare failed. */
    public int statementId() {
        return statementId;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** The result column definitions sent with PREPARE_OK (what the client holds for the statement). */
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void prepared(int statementId, List<Column> parameters, List<Column> columns, int warnings) {
        if (finished) throw new IllegalStateException("the prepare was already answered");
        new StmtPrepareOk(statementId, columns.size(), parameters.size(), warnings)
                .write(context.writer().begin(), context.capabilities());
        context.writer().end();
        writeDefinitions(parameters);
        writeDefinitions(columns);
        this.statementId = statementId;
        this.parameterCount = parameters.size();
        this.columns = List.copyOf(columns);
        finished = true;
    }

    private void writeDefinitions(List<Column> definitions) {
        if (definitions.isEmpty()) return;
        for (Column c : definitions) {
            context.columnDefinition(c, false);
        }
        context.intermediateEof(false);
    }

    @Override
    public void error(int errorCode, String sqlState, String message) {
        if (finished) throw new IllegalStateException("the prepare was already answered");
        context.writer().abandon();
        context.error(errorCode, sqlState, message);
        finished = true;
    }
}

package io.dbmesh.proxy.command;

import io.dbmesh.core.result.Column;

import java.util.List;

/** Answer to COM_STMT_PREPARE: statement id, parameter and column definitions, or an error. */
public interface PrepareSink {

    void prepared(int statementId, List<Column> parameters, List<Column> columns, int warnings);

    void error(int errorCode, String sqlState, String message);
}

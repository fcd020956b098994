package io.dbmesh.proxy.backend;

import io.dbmesh.core.result.Column;

import java.util.List;

/**
 * What the backend says of a statement it prepared (COM_STMT_PREPARE): how many parameters it takes
 * and the columns of its result (empty for a statement without one), as it described them.
 */
public record PreparedShape(int parameterCount, List<Column> columns) {
    public PreparedShape {
        columns = List.copyOf(columns);
    }
}

package io.dbmesh.proxy.encode;

import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

/**
 * The answer to COM_FIELD_LIST: column definitions (with the default-value field) and EOF — no
 * column count and no rows. The handler answers with a cursor whose columns are the table's.
 */
public final class FieldListResponse implements ResultSink, CommandResponse {
    private final ResponseContext context;
    private boolean finished;

    public FieldListResponse(ResponseContext context) {
        this.context = context;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void ok(UpdateResult result, boolean more) {
        context.endOfRows(false);
        finished = true;
    }

    @Override
    public void rows(RowCursor cursor, boolean more) {
        try (cursor) {
            for (Column c : cursor.columns()) {
                context.columnDefinition(c, true);
            }
            context.endOfRows(false);
            finished = true;
        }
    }

    @Override
    public void error(int errorCode, String sqlState, String message) {
        context.writer().abandon();
        context.error(errorCode, sqlState, message);
        finished = true;
    }
}

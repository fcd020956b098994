package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.result.Column;
import io.dbmesh.sharding.result.RowCursor;

import java.sql.SQLException;
import java.util.List;

/** Passes the merged rows for which the HAVING condition is TRUE (not FALSE, not UNKNOWN). */
public final class HavingCursor implements RowCursor {
    private final RowCursor input;
    private final HavingCondition condition;

    public HavingCursor(RowCursor input, HavingCondition condition) {
        this.input = input;
        this.condition = condition;
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public boolean next() throws SQLException {
        while (input.next()) {
            if (Boolean.TRUE.equals(condition.test(input))) return true;
        }
        return false;
    }

    @Override
    public byte[] value(int index) {
        return input.value(index);
    }

    @Override
    public void close() {
        input.close();
    }
}

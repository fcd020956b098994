package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;

/** Passes the merged rows for which the HAVING condition is TRUE (not FALSE, not UNKNOWN). */
public final class HavingCursor extends ForwardingCursor {
    private final HavingCondition condition;

    public HavingCursor(RowCursor input, HavingCondition condition) {
        super(input);
        this.condition = condition;
    }

    @Override
    public boolean next() throws SQLException {
        while (input.next()) {
            if (Boolean.TRUE.equals(condition.test(input))) return true;
        }
        return false;
    }

}

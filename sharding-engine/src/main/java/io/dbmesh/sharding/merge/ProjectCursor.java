package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.util.List;

/**
 * Hides the trailing columns the planner appended for the merge (derived ORDER BY / GROUP BY
 * columns, AVG's SUM and COUNT): the client sees only the first columns, with their metadata.
 */
public final class ProjectCursor extends ForwardingCursor {
    private final List<Column> visible;

    public ProjectCursor(RowCursor input, int hiddenColumns) {
        super(input);
        int all = input.columns().size();
        if (hiddenColumns < 0 || hiddenColumns > all) {
            throw new IllegalArgumentException("cannot hide " + hiddenColumns + " of " + all + " columns");
        }
        this.visible = List.copyOf(input.columns().subList(0, all - hiddenColumns));
    }

    @Override
    public List<Column> columns() {
        return visible;
    }

    @Override
    public byte[] value(int index) {
        if (index >= visible.size()) throw new IndexOutOfBoundsException("column " + index + " is hidden");
        return input.value(index);
    }

}

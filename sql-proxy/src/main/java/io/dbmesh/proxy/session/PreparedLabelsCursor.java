package io.dbmesh.proxy.session;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a COM_STMT_EXECUTE under the column labels the backend gave at prepare time. A
 * passthrough prepared statement runs as text with its parameters spliced in, so a select-list
 * expression such as {@code user_id * ?} would otherwise be labelled {@code user_id * 10}; MySQL
 * labels it as prepared. Only the names change (types and values come fresh from the execution),
 * and only when each column has the same origin in both answers: a prepare answer made stale by
 * DDL around the sidecar leaves the execution's own labels.
 */
final class PreparedLabelsCursor extends ForwardingCursor {
    private final List<Column> columns;

    private PreparedLabelsCursor(RowCursor input, List<Column> columns) {
        super(input);
        this.columns = columns;
    }

    /** {@code executed} labelled as {@code prepared} when their shapes match, else unchanged. */
    static RowCursor relabel(RowCursor executed, List<Column> prepared) {
        List<Column> actual = executed.columns();
        if (prepared == null || prepared.size() != actual.size() || prepared.isEmpty()) {
            return executed;
        }
        List<Column> labelled = new ArrayList<>(actual.size());
        boolean changed = false;
        for (int i = 0; i < actual.size(); i++) {
            Column a = actual.get(i);
            Column p = prepared.get(i);
            if (!a.orgName().equals(p.orgName()) || !a.orgTable().equals(p.orgTable())) {
                return executed; // another statement's shape: the prepare answer is stale
            }
            changed |= !a.name().equals(p.name());
            labelled.add(a.withName(p.name()));
        }
        return changed ? new PreparedLabelsCursor(executed, List.copyOf(labelled)) : executed;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }


    /** Names (or the warning count) change, rows and types do not: the backend's binary rows pass. */
    @Override
    public byte[] binaryRow() {
        return input.binaryRow();
    }
}

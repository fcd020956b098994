package io.dbmesh.proxy.session;

import io.dbmesh.core.result.Column;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A session's last few column lists told in logical names ({@link LogicalSchemas}), by the identity
 * of the list relabelled and of the database in use: a backend connection hands repeated executions
 * of a prepared statement the same column list (DecodedColumns), so relabelling it again made new
 * columns on every result, which the connection's ColumnDefinitionCache then compared field by
 * field with the last ones — together ~1 % of the sidecar's CPU on sysbench read-only through two
 * shards (profile, issue 13). Now the same list comes out, and that comparison stops at identity.
 * Entries are immutable records, so a reader on another thread sees a whole one or none.
 */
final class RelabelledColumns {
    static final int KEPT = 8;

    private record Entry(List<Column> in, LogicalDatabase serving, List<Column> out) {
    }

    private final Entry[] entries = new Entry[KEPT];
    private int next;

    List<Column> of(List<Column> columns, LogicalDatabase serving, UnaryOperator<List<Column>> relabel) {
        for (Entry e : entries) {
            if (e != null && e.in == columns && e.serving == serving) return e.out;
        }
        List<Column> out = relabel.apply(columns);
        int slot = next;
        next = (slot + 1) % KEPT;
        entries[slot] = new Entry(columns, serving, out);
        return out;
    }
}

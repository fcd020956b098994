package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.util.List;
import java.util.Map;

/** The accumulators of one group: one per output column, fed every partial row of the group. */
final class GroupRow {
    private final Accumulator[] accumulators;

    GroupRow(List<Column> columns, List<AggregateFunction> functions, Map<Integer, Collation> collations) {
        if (functions.size() != columns.size()) {
            throw new IllegalArgumentException(functions.size() + " aggregate functions for " + columns.size() + " columns");
        }
        accumulators = new Accumulator[functions.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = Accumulator.create(functions.get(i), i, columns, collations.get(i));
        }
    }

    /**
     * The merged result's columns: the input's, except that a COUNT_DISTINCT column (which carried
     * the distinct values) becomes the BIGINT MariaDB returns for COUNT(DISTINCT) (flags NOT_NULL | BINARY, no NUM), under the same name.
     */
    /** One comparator per group key, honouring an explicit collation where the plan carries one. */
    static ValueComparator[] keyComparators(List<Column> input, int[] groupBy, Map<Integer, Collation> collations) {
        ValueComparator[] comparators = new ValueComparator[groupBy.length];
        for (int i = 0; i < groupBy.length; i++) {
            comparators[i] = ValueComparator.forColumn(input.get(groupBy[i]), collations.get(groupBy[i]));
        }
        return comparators;
    }

    static List<Column> outputColumns(List<Column> input, List<AggregateFunction> functions) {
        List<Column> out = new java.util.ArrayList<>(input);
        for (int i = 0; i < functions.size() && i < out.size(); i++) {
            if (functions.get(i).kind() == AggregateFunction.Kind.COUNT_DISTINCT) {
                Column c = out.get(i);
                out.set(i, new Column("", "", "", c.name(), "", 63, 21, io.dbmesh.core.result.ColumnType.LONGLONG,
                        io.dbmesh.core.result.ColumnFlags.NOT_NULL | io.dbmesh.core.result.ColumnFlags.BINARY, 0));
            }
        }
        return List.copyOf(out);
    }

    /** Adds a partial row; returns how many values the group newly holds (distinct values counted). */
    long add(RowCursor row) throws java.sql.SQLException {
        long grown = 0;
        for (Accumulator a : accumulators) {
            if (a instanceof Accumulator.CountDistinct) {
                int before = a.size();
                a.add(row);
                grown += a.size() - before;
            } else {
                a.add(row);
            }
        }
        return grown;
    }

    byte[][] result() {
        byte[][] out = new byte[accumulators.length][];
        for (int i = 0; i < out.length; i++) out[i] = accumulators[i].result();
        return out;
    }
}

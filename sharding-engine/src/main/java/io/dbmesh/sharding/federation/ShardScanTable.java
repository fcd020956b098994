package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardedTable;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * A logical table as Calcite sees it: scanning it sends {@code SELECT <projected columns> FROM
 * <physical table> WHERE <pushed filters>} to every data node that can hold matching rows, and
 * streams the union of the answers. Filters on the shard key ({@code key = v}, {@code key IN (…)},
 * and bounds for ordered algorithms such as range and interval) prune the nodes; every filter that renders as SQL is pushed to the shards and evaluated there,
 * the rest stays with Calcite. EXPLAIN shows what was pushed ({@code BindableTableScan(filters=…,
 * projects=…)}).
 */
final class ShardScanTable extends AbstractTable implements ProjectableFilterableTable {
    private final String logical;
    private final List<DataNode> nodes;
    private final ShardedTable sharded; // null for broadcast/single tables: one node
    private final List<Column> columns;
    private final ScanBinding binding;
    private RelDataType rowType;

    private final java.util.Map<Integer, io.dbmesh.sharding.merge.Collation> collations;

    ShardScanTable(String logical, List<DataNode> nodes, ShardedTable sharded, List<Column> columns,
                   java.util.Map<Integer, io.dbmesh.sharding.merge.Collation> collations, ScanBinding binding) {
        this.collations = collations;
        this.binding = binding;
        this.logical = logical;
        this.nodes = List.copyOf(nodes);
        this.sharded = sharded;
        this.columns = columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
        if (rowType == null) {
            RelDataTypeFactory.Builder b = f.builder();
            for (int i = 0; i < columns.size(); i++) {
                b.add(columns.get(i).name(), TypeMapping.relType(f, columns.get(i), collations.get(i)));
            }
            rowType = b.build();
        }
        return rowType;
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
        RelDataType type = getRowType(root.getTypeFactory());
        List<String> names = type.getFieldNames();
        RexBuilder rex = new RexBuilder(root.getTypeFactory());
        int keyIndex = sharded == null ? -1 : indexOf(names, sharded.shardKey());
        BitSet targets = new BitSet();
        targets.set(0, nodes.size());
        List<String> where = new ArrayList<>();
        for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
            // A prepared statement's parameters are this execution's values: the cached plan prunes
            // and pushes by them as it would by literals.
            RexNode filter = RexUtil.expandSearch(rex, null, ParameterLiterals.substitute(it.next(), root, rex));
            if (keyIndex >= 0) {
                List<Object> keys = FilterSql.keyValues(filter, keyIndex);
                if (keys != null) targets.and(nodesFor(keys));
                io.dbmesh.sharding.algorithm.KeyRange range = FilterSql.keyRange(filter, keyIndex);
                if (range != null) targets.and(nodesFor(range));
            }
            String sql = FilterSql.render(filter, names);
            if (sql != null) {
                where.add(sql);
                it.remove(); // evaluated by the shards, with MariaDB's semantics
            }
        }
        int[] fields = projects != null ? projects : allFields(names.size());
        for (int f : fields) {
            Column c = columns.get(f);
            if (c.type().isTemporal() && c.decimals() > 3 && c.decimals() <= 6) {
                // Calcite keeps temporal values in milliseconds: microseconds would be lost.
                throw new ShardReadException(ShardingException.notSupported("column " + logical + "." + c.name()
                        + " with fractional seconds finer than milliseconds in a query over differently sharded tables"));
            }
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.length; i++) select.append(i > 0 ? ", " : "").append(FilterSql.quote(names.get(fields[i])));
        if (fields.length == 0) select.append("1");
        List<PhysicalStatement> statements = new ArrayList<>();
        for (int n = targets.nextSetBit(0); n >= 0; n = targets.nextSetBit(n + 1)) {
            DataNode node = nodes.get(n);
            statements.add(new PhysicalStatement(node.dataSource(), select + " FROM " + FilterSql.quote(node.table())
                    + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))));
        }
        if (statements.isEmpty()) return Linq4j.emptyEnumerable();
        List<RelDataType> fieldTypes = new ArrayList<>();
        List<Column> fieldColumns = new ArrayList<>();
        for (int f : fields) {
            fieldTypes.add(type.getFieldList().get(f).getType());
            fieldColumns.add(columns.get(f));
        }
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new RowEnumerator(open(statements), fieldColumns, fieldTypes, binding.budget());
            }
        };
    }

    /** The statements' rows, never holding more than one connection per data source (see ScanConnections). */
    private RowCursor open(List<PhysicalStatement> statements) {
        return binding.connections().open(statements);
    }

    private BitSet nodesFor(List<Object> keys) {
        BitSet out = new BitSet();
        try {
            for (Object k : keys) out.set(sharded.strategy().nodeIndex(k));
        } catch (ShardingException e) {
            out.set(0, nodes.size()); // a value the rules cannot place: read every node
        }
        return out;
    }

    private BitSet nodesFor(io.dbmesh.sharding.algorithm.KeyRange range) {
        try {
            return sharded.strategy().nodeIndexes(range);
        } catch (ShardingException e) {
            BitSet all = new BitSet();
            all.set(0, nodes.size());
            return all;
        }
    }

    private static int indexOf(List<String> names, String column) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(column)) return i;
        return -1;
    }

    private static int[] allFields(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        return all;
    }

    @Override
    public String toString() {
        return "ShardScanTable(" + logical + ", " + nodes.size() + " nodes)";
    }

    /** A shard's error surfacing through Calcite's enumerator; unwrapped to the SQLException again. */
    static final class ShardReadException extends RuntimeException {
        ShardReadException(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Converts shard rows (text) to Calcite rows (Java values), one row at a time. */
    private static final class RowEnumerator implements Enumerator<Object[]> {
        private final RowCursor cursor;
        private final List<Column> columns;
        private final List<RelDataType> types;
        private final RowBudget budget;
        private Object[] current;

        RowEnumerator(RowCursor cursor, List<Column> columns, List<RelDataType> types, RowBudget budget) {
            this.budget = budget;
            this.cursor = cursor;
            this.columns = columns;
            this.types = types;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            try {
                if (!cursor.next()) return false;
                budget.take();
                Object[] row = new Object[types.size()];
                for (int i = 0; i < row.length; i++) row[i] = TypeMapping.internal(cursor.value(i), columns.get(i), types.get(i));
                current = row;
                return true;
            } catch (SQLException e) {
                throw new ShardReadException(e);
            }
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("shard scans are read once");
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}

package io.dbmesh.sharding.federation;

import com.google.common.collect.Multimap;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logical database as a Calcite schema: one {@link ShardScanTable} per logical table the
 * statement reads (sharded tables over all their data nodes, broadcast tables over one copy, single
 * tables over their data source). It lives as long as the compiled plan that was planned over it;
 * each execution binds its shards through the {@link ScanBinding}. Its functions are the MariaDB
 * row functions Calcite lacks ({@link MariaDbFunctions}).
 */
final class LogicalSchema extends AbstractSchema {
    private static final Multimap<String, Function> FUNCTIONS = MariaDbFunctions.all();

    private final Map<String, Table> tables = new LinkedHashMap<>();

    LogicalSchema(List<TableShape> shapes, ScanBinding binding) {
        for (TableShape t : shapes) {
            tables.put(t.name(), new ShardScanTable(t.name(), t.nodes(), t.sharded(), t.columns(), t.collations(), binding));
        }
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return FUNCTIONS;
    }
}

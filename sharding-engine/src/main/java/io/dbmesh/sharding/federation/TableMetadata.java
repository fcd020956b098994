package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.sharding.rule.DataNode;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Columns of logical tables, read when a federated statement names the table (from one physical
 * copy, {@code SELECT * … LIMIT 0}). One instance per statement: a round trip per table is small
 * next to Calcite's planning, and it can never serve columns an ALTER TABLE has since changed.
 * Federation never loads metadata for tables it does not read.
 */
final class TableMetadata {
    private final Map<String, List<Column>> columns = new ConcurrentHashMap<>();

    List<Column> columns(String logical, DataNode node, ShardExecutor executor) throws SQLException {
        List<Column> known = columns.get(logical);
        if (known != null) return known;
        ShardResult r = executor.execute(new PhysicalStatement(node.dataSource(),
                "SELECT * FROM " + FilterSql.quote(node.table()) + " LIMIT 0"));
        if (!(r instanceof ShardResult.Rows rows)) throw new SQLException("no columns for table " + logical, "HY000", 1105);
        try (RowCursor c = rows.cursor()) {
            List<Column> read = List.copyOf(c.columns());
            columns.put(logical, read);
            return read;
        }
    }
}

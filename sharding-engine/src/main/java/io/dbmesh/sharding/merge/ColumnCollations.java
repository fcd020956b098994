package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real collations of the character columns in shard results. A result's column definition
 * only names the connection's default collation (MariaDB reports a {@code utf8mb4_unicode_ci}
 * column as {@code utf8mb4_general_ci}), so a merge that orders or groups by a table column asks
 * {@code information_schema.COLUMNS} once per physical table and remembers the answer for the life
 * of this object (one per logical database and rules snapshot). Columns that are not a table
 * column (expressions, aggregates) keep what the metadata says; so does a column whose BINARY flag
 * contradicts its table collation. This also tells {@code utf8mb4_nopad_bin} columns (no padding)
 * from {@code utf8mb4_bin} ones, which the metadata reports alike.
 */
public final class ColumnCollations {
    private final Map<String, Optional<Collation>> known = new ConcurrentHashMap<>();
    /** Table columns whose collation the merge layer cannot compare by (e.g. uca1400_ai_ci), by key. */
    private final Map<String, String> unknown = new ConcurrentHashMap<>();

    /**
     * Fails (ER_NOT_SUPPORTED_YET, naming the column and collation) when a column of {@code indexes}
     * is a table column whose collation the merge cannot compare by: merging it by the metadata's
     * collation could order or group differently from MariaDB. Call after {@link #of} for the same columns.
     */
    public void requireKnown(List<Column> columns, java.util.Collection<Integer> indexes, String dataSource)
            throws io.dbmesh.sharding.ShardingException {
        if (unknown.isEmpty()) return;
        for (int i : indexes) {
            if (i < 0 || i >= columns.size()) continue;
            Column c = columns.get(i);
            if (!isCollated(c)) continue;
            String name = unknown.get(key(dataSource, c.schema(), c.orgTable(), c.orgName()));
            if (name != null) {
                throw io.dbmesh.sharding.ShardingException.notSupported("comparing column " + c.orgName() + " with collation "
                        + name + " across shards");
            }
        }
    }

    /** Collations by column index, for the character columns whose table column is known. */
    public Map<Integer, Collation> of(List<Column> columns, String dataSource, ShardExecutor shards) throws SQLException {
        Map<Integer, Collation> out = new HashMap<>();
        Map<String, List<Integer>> missingByTable = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (!isCollated(c)) continue;
            String key = key(dataSource, c.schema(), c.orgTable(), c.orgName());
            Optional<Collation> cached = known.get(key);
            final int index = i;
            if (cached != null) cached.filter(col -> agrees(c, col)).ifPresent(col -> out.put(index, col));
            else missingByTable.computeIfAbsent(c.schema() + "\u0000" + c.orgTable(), t -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> e : missingByTable.entrySet()) {
            Column first = columns.get(e.getValue().get(0));
            load(dataSource, first.schema(), first.orgTable(), shards);
            for (int i : e.getValue()) {
                Column c = columns.get(i);
                known.computeIfAbsent(key(dataSource, c.schema(), c.orgTable(), c.orgName()), k -> Optional.empty())
                        .filter(col -> agrees(c, col)).ifPresent(col -> out.put(i, col));
            }
        }
        return out;
    }

    /**
     * Whether the table column's collation can be what the result column carries: a BINARY flag
     * means a _bin collation, so a case-insensitive table collation then belongs to the column but
     * not to the expression (which had an explicit COLLATE) — the metadata's reading stays.
     */
    private static boolean agrees(Column c, Collation tableCollation) {
        boolean binaryFlag = (c.flags() & ColumnFlags.BINARY) != 0;
        return binaryFlag == !(tableCollation instanceof WeightCollation);
    }

    private static boolean isCollated(Column c) {
        if (c.binary()) return false;
        if (c.orgTable() == null || c.orgTable().isEmpty() || c.orgName() == null || c.orgName().isEmpty()) return false;
        if (c.schema() == null || c.schema().isEmpty()) return false;
        ColumnType t = c.type();
        return !t.isNumeric() && !t.isTemporal() && t != ColumnType.NULL && t != ColumnType.BIT;
    }

    private void load(String dataSource, String schema, String table, ShardExecutor shards) throws SQLException {
        ShardResult r = shards.execute(new PhysicalStatement(dataSource,
                "SELECT COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                List.of(schema, table)));
        if (!(r instanceof ShardResult.Rows rows)) return;
        try (RowCursor c = rows.cursor()) {
            while (c.next()) {
                byte[] name = c.value(0), collation = c.value(1);
                if (name == null || collation == null) continue;
                String collationName = new String(collation, StandardCharsets.UTF_8);
                Collation col = Collation.byName(collationName);
                if (col == null) unknown.put(key(dataSource, schema, table, new String(name, StandardCharsets.UTF_8)), collationName);
                known.put(key(dataSource, schema, table, new String(name, StandardCharsets.UTF_8)), Optional.ofNullable(col));
            }
        }
    }

    private static String key(String dataSource, String schema, String table, String column) {
        return dataSource + '\u0000' + schema + '\u0000' + table + '\u0000' + column.toLowerCase(java.util.Locale.ROOT);
    }
}

package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.UpdateResult;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table-list statements of a sharded database ({@link TableListStatement}), which the sidecar
 * runs on every physical table of each named logical table and answers as if the logical table
 * were one table:
 * <ul>
 * <li>{@code LOCK TABLES}: one LOCK TABLES per data source over the physical tables there; those
 *     connections stay bound to the session (pin {@link Pins#TABLE_LOCKS}) until UNLOCK TABLES, a
 *     later LOCK TABLES, or the end of the session. Aliases of sharded tables are refused: two
 *     physical tables of one data source cannot carry the same alias in one LOCK statement. An open
 *     local transaction commits first, on every data source it joined, as MariaDB does.</li>
 * <li>{@code CHECKSUM TABLE}: MariaDB's table checksum is the sum (mod 2^32) of its rows'
 *     checksums, so the sum of the physical tables' checksums is exactly what CHECKSUM TABLE gives
 *     for one table holding all the logical table's rows (NULL when any physical table is missing).
 *     A broadcast table is one copy: its checksum is the first data source's.</li>
 * <li>{@code ANALYZE / OPTIMIZE / CHECK / REPAIR TABLE}: run on every physical table; one row per
 *     logical table, the worst answer of its physical tables (an error before a warning before the final status), named by the logical table.</li>
 * </ul>
 */
final class ShardedTableStatements {
    private final SessionConnections connections;
    private final SessionTransactions transactions;

    ShardedTableStatements(SessionConnections connections, SessionTransactions transactions) {
        this.connections = connections;
        this.transactions = transactions;
    }

    /** Runs {@code sql} when it is a table-list statement; false when it is not one (the planner takes it). */
    boolean run(ShardedDatabase db, String sql, ResultSink sink, boolean more) throws MySqlException {
        TableListStatement t = TableListStatement.parse(sql);
        if (t == null) return false;
        for (TableListStatement.Item item : t.tables()) {
            if (item.schema() != null && !item.schema().equalsIgnoreCase(db.name())) {
                throw MySqlException.notSupported(t.verb() + " naming a table of another database (" + item.schema() + "." + item.name()
                        + ") in sharded database " + db.name());
            }
        }
        if (t.verb().equals("LOCK TABLES")) {
            // MariaDB commits an open transaction before LOCK TABLES: every data source's part of
            // it, not only those of the data sources that get a table now (an XA transaction is
            // left to the servers, which refuse LOCK TABLES inside an XA branch)
            if (!transactions.active()) transactions.commitImplicitly(connections);
            lock(db, t);
            sink.ok(UpdateResult.EMPTY, more);
        } else {
            LocalAnswers.send(sink, maintenance(db, t), more);
        }
        return true;
    }

    // ------------------------------------------------------------------ LOCK / UNLOCK TABLES

    private void lock(ShardedDatabase db, TableListStatement t) throws MySqlException {
        ShardingRules rules = db.rules();
        Map<String, List<String>> perDataSource = new LinkedHashMap<>();
        for (String ds : rules.dataSources()) perDataSource.put(ds, new ArrayList<>());
        for (TableListStatement.Item item : t.tables()) {
            String words = item.words().strip();
            String upper = words.toUpperCase(Locale.ROOT);
            boolean aliased = !(upper.startsWith("READ") || upper.startsWith("WRITE") || upper.startsWith("LOW_PRIORITY"));
            if (aliased && rules.kind(item.name()) == TableKind.SHARDED) {
                throw MySqlException.notSupported("LOCK TABLES with an alias of sharded table " + item.name());
            }
            PhysicalTables.of(rules, item.name()).forEach((ds, tables) -> {
                for (String physical : tables) perDataSource.get(ds).add(PhysicalTables.quote(physical) + " " + words);
            });
        }
        // like MariaDB, LOCK TABLES first releases the locks the session holds: on the data sources
        // that get no table now, that is an UNLOCK TABLES
        List<String> locked = new ArrayList<>();
        try {
            for (Map.Entry<String, List<String>> e : perDataSource.entrySet()) {
                String ds = e.getKey();
                if (!e.getValue().isEmpty()) {
                    execute(ds, "LOCK TABLES " + String.join(", ", e.getValue()), Pins.TABLE_LOCKS, 0);
                    locked.add(ds);
                } else if ((connections.pins(ds) & Pins.TABLE_LOCKS) != 0) {
                    execute(ds, "UNLOCK TABLES", 0, Pins.TABLE_LOCKS);
                }
            }
        } catch (MySqlException e) {
            for (String ds : locked) unlockQuietly(ds);
            throw e;
        }
    }

    /** UNLOCK TABLES: on every data source where the session holds table locks. */
    void unlock(ShardedDatabase db, ResultSink sink, boolean more) throws MySqlException {
        MySqlException first = null;
        for (String ds : db.rules().dataSources()) {
            if ((connections.pins(ds) & Pins.TABLE_LOCKS) == 0) continue;
            try {
                execute(ds, "UNLOCK TABLES", 0, Pins.TABLE_LOCKS);
            } catch (MySqlException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
        sink.ok(UpdateResult.EMPTY, more);
    }

    private void unlockQuietly(String ds) {
        try {
            execute(ds, "UNLOCK TABLES", 0, Pins.TABLE_LOCKS);
        } catch (MySqlException ignored) {
            // the connection keeps its pin and is closed, not pooled, when the session ends
        }
    }

    /** Runs a statement of the sidecar's on the session's connection of {@code ds}, then adds and removes pins. */
    private void execute(String ds, String sql, int addPins, int removePins) throws MySqlException {
        BackendConnection c = connections.runInternal(ds, sql);
        int pins = (connections.pins(ds) | addPins) & ~removePins & ~Pins.TRANSACTION;
        connections.settle(ds, c, pins | (c.inTransaction() ? Pins.TRANSACTION : 0));
    }

    // ------------------------------------------------------------------ CHECKSUM / ANALYZE / OPTIMIZE / CHECK / REPAIR

    private StaticRowCursor maintenance(ShardedDatabase db, TableListStatement t) throws MySqlException {
        boolean checksum = t.verb().startsWith("CHECKSUM");
        List<Column> columns = null;
        List<byte[][]> out = new ArrayList<>();
        for (TableListStatement.Item item : t.tables()) {
            String logical = item.name();
            Map<String, List<String>> physical = PhysicalTables.of(db.rules(), logical);
            if (db.rules().kind(logical) == TableKind.BROADCAST && checksum) {
                Map.Entry<String, List<String>> first = physical.entrySet().iterator().next();
                physical = Map.of(first.getKey(), first.getValue());
            }
            List<List<byte[][]>> answers = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : physical.entrySet()) {
                List<String> quoted = e.getValue().stream().map(PhysicalTables::quote).toList();
                String sql = t.verb() + " " + String.join(", ", quoted) + (t.tail().isEmpty() ? "" : " " + t.tail());
                Result r = query(e.getKey(), sql);
                if (columns == null) columns = r.columns;
                // one row per physical table, in its order (the rows name them db.table)
                Map<String, List<byte[][]>> byTable = new LinkedHashMap<>();
                for (byte[][] row : r.rows) {
                    String name = row[0] == null ? "" : new String(row[0], StandardCharsets.UTF_8);
                    byTable.computeIfAbsent(name, k -> new ArrayList<>()).add(row);
                }
                answers.addAll(byTable.values());
            }
            byte[] name = (db.name() + "." + logical).getBytes(StandardCharsets.UTF_8);
            out.add(checksum ? checksumRow(name, answers) : worstRow(name, answers));
        }
        return new StaticRowCursor(columns == null ? List.of() : columns, out);
    }

    private static byte[][] checksumRow(byte[] name, List<List<byte[][]>> answers) {
        long sum = 0;
        for (List<byte[][]> rows : answers) {
            byte[] value = rows.getLast()[1];
            if (value == null) return new byte[][]{name, null};
            sum = (sum + Long.parseLong(new String(value, StandardCharsets.US_ASCII))) & 0xFFFFFFFFL;
        }
        return new byte[][]{name, Long.toString(sum).getBytes(StandardCharsets.US_ASCII)};
    }

    /** Table | Op | Msg_type | Msg_text: the final row of the physical table that answered worst. */
    private static byte[][] worstRow(byte[] name, List<List<byte[][]>> answers) {
        byte[][] worst = null;
        int worstRank = -2;
        for (List<byte[][]> rows : answers) {
            for (byte[][] row : rows) {
                int rank = rank(row.length > 2 && row[2] != null ? new String(row[2], StandardCharsets.UTF_8) : "");
                if (rank > worstRank || (rank == worstRank && rank <= 0)) { // of equals, the last (the final status) counts
                    worst = row;
                    worstRank = rank;
                }
            }
        }
        byte[][] copy = worst.clone();
        copy[0] = name;
        return copy;
    }

    private static int rank(String msgType) {
        return switch (msgType.toLowerCase(Locale.ROOT)) {
            case "error" -> 3;
            case "warning" -> 2;
            case "status" -> 0;
            default -> -1; // notes ("doing recreate + analyze instead") do not make the answer worse
        };
    }

    private record Result(List<Column> columns, List<byte[][]> rows) {
    }

    private Result query(String ds, String sql) throws MySqlException {
        return connections.withConnection(ds, AccessIntent.WRITE, StatementKind.OTHER, c -> {
            try (Statement st = c.jdbc().createStatement()) {
                st.setEscapeProcessing(false);
                try (ResultSet rs = st.executeQuery(sql)) {
                    JdbcRowCursor cursor = new JdbcRowCursor(rs);
                    List<Column> columns = cursor.columns();
                    List<byte[][]> rows = new ArrayList<>();
                    while (cursor.next()) {
                        byte[][] row = new byte[columns.size()][];
                        for (int i = 0; i < row.length; i++) row[i] = cursor.value(i);
                        rows.add(row);
                    }
                    return new Result(columns, rows);
                }
            }
        });
    }
}

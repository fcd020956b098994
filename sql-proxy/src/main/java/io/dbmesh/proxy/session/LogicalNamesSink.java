package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SHOW results told in logical names where a physical schema has another name (a passthrough
 * database's, the shards' of a sharded one): the {@code Tables_in_<schema>} label of SHOW TABLES,
 * the {@code Database}/{@code Db} columns (SHOW CREATE DATABASE, SHOW OPEN TABLES, SHOW
 * PROCEDURE|FUNCTION STATUS, SHOW EVENTS), the name in {@code Create Database}, and the
 * {@code Message} of SHOW WARNINGS|ERRORS ({@link MessageNames}).
 */
final class LogicalNamesSink implements ResultSink {
    private final ResultSink sink;
    /** physical → logical */
    private final Map<String, String> logicalOf;
    /** A backend message's text in logical names (the {@code Message} of SHOW WARNINGS|ERRORS). */
    private final java.util.function.UnaryOperator<String> message;

    LogicalNamesSink(ResultSink sink, Map<String, String> logicalOf, java.util.function.UnaryOperator<String> message) {
        this.sink = sink;
        this.logicalOf = logicalOf;
        this.message = message;
    }

    @Override
    public void ok(UpdateResult result, boolean more) {
        sink.ok(result, more);
    }

    @Override
    public void error(int errorCode, String sqlState, String message) {
        sink.error(errorCode, sqlState, message);
    }

    @Override
    public void rows(RowCursor cursor, boolean more) throws SQLException {
        List<Column> columns = new ArrayList<>(cursor.columns());
        boolean[] mapValue = new boolean[columns.size()];
        boolean[] mapText = new boolean[columns.size()];
        int createDatabase = -1;
        boolean any = false;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String name = c.name();
            if (name.startsWith("Tables_in_")) {
                String physical = name.substring("Tables_in_".length());
                int space = physical.indexOf(' '); // Tables_in_x (pattern)
                String schema = space < 0 ? physical : physical.substring(0, space);
                String logical = logicalOf.get(schema);
                if (logical != null) {
                    columns.set(i, c.withName("Tables_in_" + logical + (space < 0 ? "" : physical.substring(space))));
                    any = true;
                }
            } else if (name.equals("Database") || name.equals("Db")) {
                mapValue[i] = true;
                any = true;
            } else if (name.equals("Message") && i == 2 && columns.size() == 3 && columns.get(0).name().equals("Level")) {
                mapText[i] = true; // SHOW WARNINGS | ERRORS
                any = true;
            } else if (name.equals("Create Database")) {
                createDatabase = i;
                any = true;
            }
        }
        if (!any) {
            sink.rows(cursor, more);
            return;
        }
        int create = createDatabase;
        List<Column> renamed = List.copyOf(columns);
        // SHOW PROCEDURE|FUNCTION STATUS, SHOW EVENTS of a sharded database: the routine is on every
        // shard's schema, the client sees it once under the logical name
        boolean once = columns.size() >= 2 && columns.get(0).name().equals("Db") && columns.get(1).name().equals("Name");
        java.util.Set<String> seen = once ? new java.util.HashSet<>() : null;
        sink.rows(new RowCursor() {
            @Override
            public List<Column> columns() {
                return renamed;
            }

            @Override
            public boolean next() throws SQLException {
                while (cursor.next()) {
                    if (seen == null) return true;
                    byte[] db = value(0), name = cursor.value(1), type = columns.size() > 2 ? cursor.value(2) : null;
                    String key = (db == null ? "" : new String(db, StandardCharsets.UTF_8)) + "\0"
                            + (name == null ? "" : new String(name, StandardCharsets.UTF_8)) + "\0"
                            + (type == null ? "" : new String(type, StandardCharsets.UTF_8));
                    if (seen.add(key)) return true;
                }
                return false;
            }

            @Override
            public byte[] value(int index) {
                byte[] v = cursor.value(index);
                if (v == null) return null;
                if (mapValue[index]) {
                    String logical = logicalOf.get(new String(v, StandardCharsets.UTF_8));
                    return logical == null ? v : logical.getBytes(StandardCharsets.UTF_8);
                }
                if (mapText[index]) {
                    return message.apply(new String(v, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                if (index == create) {
                    String text = new String(v, StandardCharsets.UTF_8);
                    for (Map.Entry<String, String> e : logicalOf.entrySet()) {
                        String q = "`" + e.getKey().replace("`", "``") + "`";
                        if (text.contains(q)) {
                            return text.replace(q, "`" + e.getValue().replace("`", "``") + "`").getBytes(StandardCharsets.UTF_8);
                        }
                    }
                }
                return v;
            }

            @Override
            public void close() {
                cursor.close();
            }
        }, more);
    }
}

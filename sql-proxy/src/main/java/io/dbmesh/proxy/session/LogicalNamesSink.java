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
 * SHOW results of a passthrough database whose physical schema has another name, told in logical
 * names: the {@code Tables_in_<schema>} label of SHOW TABLES, the {@code Database}/{@code Db}
 * columns (SHOW CREATE DATABASE, SHOW OPEN TABLES, SHOW PROCEDURE|FUNCTION STATUS, SHOW EVENTS) and
 * the name in {@code Create Database}.
 */
final class LogicalNamesSink implements ResultSink {
    private final ResultSink sink;
    /** physical → logical */
    private final Map<String, String> logicalOf;

    LogicalNamesSink(ResultSink sink, Map<String, String> logicalOf) {
        this.sink = sink;
        this.logicalOf = logicalOf;
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
        sink.rows(new RowCursor() {
            @Override
            public List<Column> columns() {
                return renamed;
            }

            @Override
            public boolean next() throws SQLException {
                return cursor.next();
            }

            @Override
            public byte[] value(int index) {
                byte[] v = cursor.value(index);
                if (v == null) return null;
                if (mapValue[index]) {
                    String logical = logicalOf.get(new String(v, StandardCharsets.UTF_8));
                    return logical == null ? v : logical.getBytes(StandardCharsets.UTF_8);
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

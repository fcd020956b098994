package io.dbmesh.proxy.testing;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CommandHandler for wire tests: answers from fixed cursors (our own seam), not from a database.
 * Statements it knows:
 * <ul>
 *   <li>{@code SELECT @@a [AS x], ...} — driver probes, from a small variables table;</li>
 *   <li>{@code SET ...}, {@code USE ...}, {@code START TRANSACTION}, {@code COMMIT}, {@code ROLLBACK} — OK;</li>
 *   <li>{@code SELECT types} — one row of {@link TypeMatrix};</li>
 *   <li>{@code SELECT rows N} — N generated rows (id, text), streamed, never held in memory;</li>
 *   <li>{@code SELECT <integer>} — that integer;</li>
 *   <li>{@code SELECT user} — the authenticated user and database;</li>
 *   <li>{@code INSERT ...} — OK with 3 affected rows, last insert id 42, 1 warning;</li>
 *   <li>{@code error} — ERR 1146; {@code throw} — an unchecked exception; {@code silent} — no answer;</li>
 *   <li>{@code multi} — an OK and a result set in one command;</li>
 *   <li>{@code sleep N} — answers {@code 1} after N milliseconds.</li>
 * </ul>
 * Prepared statements: {@code ?} count as parameters; executing records the bound parameters
 * (with long data merged in) in {@link #executions} and answers with them as text.
 */
public final class ScriptedHandler implements CommandHandler {
    private static final Pattern PROBE_ITEM = Pattern.compile("@@(?:session\\.|global\\.)?(\\w+)(?:\\s+AS\\s+(\\w+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("auto_increment_increment", "1"), Map.entry("character_set_client", "utf8mb4"),
            Map.entry("character_set_connection", "utf8mb4"), Map.entry("character_set_results", "utf8mb4"),
            Map.entry("character_set_server", "utf8mb4"), Map.entry("collation_server", "utf8mb4_general_ci"),
            Map.entry("collation_connection", "utf8mb4_general_ci"), Map.entry("init_connect", ""),
            Map.entry("interactive_timeout", "28800"), Map.entry("license", "GPL"),
            Map.entry("lower_case_table_names", "0"), Map.entry("max_allowed_packet", "16777216"),
            Map.entry("net_write_timeout", "60"), Map.entry("performance_schema", "0"),
            Map.entry("query_cache_size", "0"), Map.entry("query_cache_type", "OFF"), Map.entry("sql_mode", ""),
            Map.entry("system_time_zone", "UTC"), Map.entry("time_zone", "SYSTEM"),
            Map.entry("tx_isolation", "REPEATABLE-READ"), Map.entry("transaction_isolation", "REPEATABLE-READ"),
            Map.entry("wait_timeout", "28800"), Map.entry("version_comment", "dbmesh"),
            Map.entry("tx_read_only", "0"), Map.entry("transaction_read_only", "0"), Map.entry("autocommit", "1"));

    public final ClientInfo client;
    public final List<String> queries = new CopyOnWriteArrayList<>();
    public final List<List<BoundParameter>> executions = new CopyOnWriteArrayList<>();
    public volatile boolean closed;
    /** The last generated (streamed) result, to watch back-pressure. */
    public volatile GeneratedRows lastGenerated;
    private final Map<Integer, String> prepared = new HashMap<>();
    private final Map<Integer, Map<Integer, ByteArrayOutputStream>> longData = new HashMap<>();
    private int nextStatementId = 1;

    public ScriptedHandler(ClientInfo client) {
        this.client = client;
    }

    @Override
    public void query(String sql, ResultSink sink) {
        queries.add(sql);
        String s = stripComments(sql).replaceAll("\\s+", " ").trim();
        String lower = s.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("select @@")) {
                sink.rows(probe(s), false);
            } else if (lower.startsWith("set ") || lower.startsWith("use ") || lower.startsWith("start transaction")
                    || lower.equals("commit") || lower.equals("rollback")) {
                sink.ok(UpdateResult.EMPTY, false);
            } else if (lower.equals("show warnings")) {
                sink.rows(ListCursor.of(List.of(Columns.of("Level", ColumnType.VAR_STRING),
                        Columns.of("Code", ColumnType.LONG), Columns.of("Message", ColumnType.VAR_STRING)), List.of()), false);
            } else if (lower.startsWith("insert")) {
                sink.ok(new UpdateResult(3, 42, 1, "Records: 3  Duplicates: 0  Warnings: 1"), false);
            } else if (lower.equals("error")) {
                sink.error(1146, "42S02", "Table 'wire_test.nope' doesn't exist");
            } else if (lower.equals("throw")) {
                throw new IllegalStateException("handler blew up");
            } else if (lower.equals("silent")) {
                // answers nothing: the wire must answer for it
            } else if (lower.startsWith("sleep ")) {
                Thread.sleep(Long.parseLong(lower.substring(6).trim()));
                sink.rows(select("select 1"), false);
            } else if (lower.equals("multi")) {
                sink.ok(new UpdateResult(1, 0, 0, ""), true);
                sink.rows(ListCursor.of(List.of(Columns.of("x", ColumnType.LONGLONG)), List.of(List.of("7"))), false);
            } else {
                sink.rows(select(lower), false);
            }
        } catch (java.sql.SQLException e) {
            sink.error(e.getErrorCode(), e.getSQLState(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.error(1317, "70100", "Query execution was interrupted");
        }
    }

    private RowCursor select(String lower) {
        if (lower.equals("select types")) return TypeMatrix.cursor();
        if (lower.startsWith("select blob ")) { // one row holding a blob of N bytes (i % 251)
            byte[] blob = new byte[Integer.parseInt(lower.substring(12).trim())];
            for (int i = 0; i < blob.length; i++) blob[i] = (byte) (i % 251);
            return new ListCursor(List.of(Columns.of("b", ColumnType.LONG_BLOB, io.dbmesh.core.result.ColumnFlags.BINARY, 0)),
                    List.<byte[][]>of(new byte[][]{blob}));
        }
        if (lower.startsWith("select length ")) { // the length of what follows, to check big packets arrive whole
            return ListCursor.of(List.of(Columns.of("n", ColumnType.LONGLONG)), List.of(List.of(Integer.toString(lower.length() - 14))));
        }
        if (lower.startsWith("select rows ")) return lastGenerated = new GeneratedRows(Long.parseLong(lower.substring(12).trim()));
        if (lower.equals("select user")) {
            return ListCursor.of(List.of(Columns.of("user", ColumnType.VAR_STRING), Columns.of("db", ColumnType.VAR_STRING)),
                    List.of(java.util.Arrays.asList(client.user(), client.database())));
        }
        Matcher m = Pattern.compile("select (-?\\d+)").matcher(lower);
        if (m.matches()) {
            return ListCursor.of(List.of(Columns.of(m.group(1), ColumnType.LONGLONG)), List.of(List.of(m.group(1))));
        }
        throw new IllegalArgumentException("ScriptedHandler does not know: " + lower);
    }

    private static RowCursor probe(String sql) {
        Matcher m = PROBE_ITEM.matcher(sql);
        List<Column> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String label = m.group(2) != null ? m.group(2) : m.group(0);
            columns.add(Columns.of(label, ColumnType.VAR_STRING));
            values.add(VARIABLES.get(name));
        }
        return ListCursor.of(columns, List.of(values));
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", "");
    }

    @Override
    public void initDb(String schema, ResultSink sink) {
        if (schema.equals("nope")) sink.error(1049, "42000", "Unknown database 'nope'");
        else sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public void fieldList(String table, String wildcard, ResultSink sink) {
        try {
            sink.rows(ListCursor.of(List.of(Columns.of("id", ColumnType.LONG), Columns.of("name", ColumnType.VAR_STRING)),
                    List.of()), false);
        } catch (java.sql.SQLException e) {
            sink.error(e.getErrorCode(), e.getSQLState(), e.getMessage());
        }
    }

    @Override
    public void prepare(String sql, PrepareSink sink) {
        String lower = stripComments(sql).trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("error")) {
            sink.error(1064, "42000", "You have an error in your SQL syntax");
            return;
        }
        int params = (int) sql.chars().filter(c -> c == '?').count();
        List<Column> paramColumns = new ArrayList<>();
        for (int i = 0; i < params; i++) paramColumns.add(Columns.of("?", ColumnType.VAR_STRING));
        List<Column> columns = lower.equals("select types") ? TypeMatrix.columns()
                : lower.startsWith("select rows") ? GeneratedRows.COLUMNS
                : lower.startsWith("insert") ? List.of() : echoColumns(params);
        int id = nextStatementId++;
        prepared.put(id, lower);
        sink.prepared(id, paramColumns, columns, 0);
    }

    private static List<Column> echoColumns(int n) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < Math.max(1, n); i++) columns.add(Columns.of("p" + i, ColumnType.VAR_STRING));
        return columns;
    }

    @Override
    public void execute(int statementId, int cursorFlags, List<BoundParameter> parameters, ResultSink sink) {
        String sql = prepared.get(statementId);
        if (sql == null) {
            sink.error(1243, "HY000", "Unknown prepared statement handler (" + statementId + ")");
            return;
        }
        List<BoundParameter> merged = new ArrayList<>(parameters);
        Map<Integer, ByteArrayOutputStream> data = longData.remove(statementId);
        if (data != null) data.forEach((i, bytes) -> merged.set(i, new BoundParameter(merged.get(i).type(), false, bytes.toByteArray())));
        executions.add(merged);
        try {
            if (sql.equals("select types")) {
                sink.rows(TypeMatrix.cursor(), false);
            } else if (sql.startsWith("select rows")) {
                sink.rows(new GeneratedRows(((Number) merged.get(0).value()).longValue()), false);
            } else if (sql.startsWith("insert")) {
                sink.ok(new UpdateResult(1, 43, 0, ""), false);
            } else {
                List<String> row = new ArrayList<>();
                for (BoundParameter p : merged) row.add(p.value() == null ? null : p.value() instanceof byte[] b
                        ? new String(b, StandardCharsets.UTF_8) : p.value().toString());
                if (row.isEmpty()) row.add("none");
                sink.rows(ListCursor.of(echoColumns(merged.size()), List.of(row)), false);
            }
        } catch (java.sql.SQLException e) {
            sink.error(e.getErrorCode(), e.getSQLState(), e.getMessage());
        }
    }

    @Override
    public void sendLongData(int statementId, int parameterIndex, byte[] data) {
        longData.computeIfAbsent(statementId, k -> new HashMap<>())
                .computeIfAbsent(parameterIndex, k -> new ByteArrayOutputStream()).writeBytes(data);
    }

    @Override
    public void resetStatement(int statementId, ResultSink sink) {
        longData.remove(statementId);
        sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public void closeStatement(int statementId) {
        prepared.remove(statementId);
    }

    @Override
    public void setOption(int option, ResultSink sink) {
        sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public void resetConnection(ResultSink sink) {
        prepared.clear();
        longData.clear();
        sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public int serverStatus() {
        return 0x0002;
    }

    @Override
    public String statistics() {
        return "Uptime: 1  Threads: 1  Questions: " + queries.size();
    }

    @Override
    public void close() {
        closed = true;
    }
}

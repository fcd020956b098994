package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.LikePattern;
import io.dbmesh.core.sql.SqlScanner;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Statements the sidecar answers itself because the backend would answer with physical names. */
final class LocalAnswers {

    /** utf8mb4_general_ci */
    private static final int UTF8MB4 = 45;
    /** MariaDB sends this for information_schema columns without default */
    private static final int NO_DEFAULT_VALUE = 4096;

    private LocalAnswers() {
    }

    /** Sends rows the sidecar made itself: an error while sending them is the sidecar's, not a backend's. */
    static void send(ResultSink sink, RowCursor cursor, boolean more) throws MySqlException {
        try {
            sink.rows(cursor, more);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, "sidecar");
        }
    }

    /** SHOW DATABASES / SHOW SCHEMAS [LIKE 'pattern']: the logical names the user may see. */
    static StaticRowCursor showDatabases(String sql, List<String> visible) throws MySqlException {
        SqlScanner s = new SqlScanner(sql);
        s.next(); // SHOW
        s.next(); // DATABASES | SCHEMAS
        String pattern = null;
        if (s.next() != SqlScanner.Type.END && !s.isSymbol(';')) {
            if (s.isWord("LIKE") && s.next() == SqlScanner.Type.STRING) {
                pattern = s.stringValue();
            } else {
                throw MySqlException.notSupported("SHOW DATABASES with a WHERE clause");
            }
        }
        List<String> names = new ArrayList<>(visible.size() + 1);
        names.add(LogicalDatabases.INFORMATION_SCHEMA);
        names.addAll(visible);
        names.sort(null);
        List<byte[][]> rows = new ArrayList<>();
        for (String n : names) {
            if (pattern == null || LikePattern.matches(pattern, n)) {
                rows.add(new byte[][]{n.getBytes(StandardCharsets.UTF_8)});
            }
        }
        String label = pattern == null ? "Database" : "Database (" + pattern + ")";
        Column column = new Column("information_schema", "SCHEMATA", "SCHEMATA", label, "SCHEMA_NAME", UTF8MB4,
                256, ColumnType.VAR_STRING, ColumnFlags.NOT_NULL | NO_DEFAULT_VALUE, 0);
        return new StaticRowCursor(List.of(column), rows);
    }

    /** The database named by USE: the identifier after the keyword. */
    static String useTarget(String sql) throws MySqlException {
        SqlScanner s = new SqlScanner(sql);
        s.next(); // USE
        SqlScanner.Type t = s.next();
        if (t != SqlScanner.Type.WORD && t != SqlScanner.Type.QUOTED_IDENTIFIER) {
            throw new MySqlException(1064, "42000", "You have an error in your SQL syntax; USE needs a database name");
        }
        return s.identifier();
    }

    /** SHOW [FULL] PROCESSLIST of a user who is not an admin: the user's own sidecar sessions. */
    static StaticRowCursor processList(List<SessionCommandHandler.Activity> sessions, boolean full) {
        List<Column> columns = List.of(number("Id"), text("User"), text("Host"), text("db"), text("Command"),
                number("Time"), text("State"), text("Info"), number("Progress"));
        List<byte[][]> rows = new ArrayList<>();
        for (SessionCommandHandler.Activity a : sessions) {
            String info = a.info();
            if (info != null && !full && info.length() > 100) info = info.substring(0, 100);
            rows.add(new byte[][]{bytes(Long.toString(a.id())), bytes(a.user()), bytes(a.host()), bytes(a.database()),
                    bytes(a.command()), bytes(Long.toString(a.seconds())), bytes(""), bytes(info), bytes("0.000")});
        }
        return new StaticRowCursor(columns, rows);
    }

    /** SHOW GRANTS of a user who is not an admin: what the sidecar grants, not the backend account. */
    static StaticRowCursor grants(io.dbmesh.proxy.config.UserConfig user, String host, List<String> databases) {
        String account = "'" + user.name().replace("'", "\\'") + "'@'" + host + "'";
        List<byte[][]> rows = new ArrayList<>();
        rows.add(new byte[][]{bytes("GRANT USAGE ON *.* TO " + account)});
        for (String db : databases) {
            rows.add(new byte[][]{bytes("GRANT ALL PRIVILEGES ON `" + db.replace("`", "``") + "`.* TO " + account)});
        }
        return new StaticRowCursor(List.of(text("Grants for " + user.name() + "@" + host)), rows);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static Column text(String name) {
        return new Column("", "", "", name, name, UTF8MB4, 1024, ColumnType.VAR_STRING, 0, 0);
    }

    private static Column number(String name) {
        return new Column("", "", "", name, name, 63, 21, ColumnType.LONGLONG, ColumnFlags.NOT_NULL, 0);
    }
}

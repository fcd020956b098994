package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.sql.SqlScanner;
import io.dbmesh.proxy.backend.BackendConnection;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The diagnostics of the last sharded statement, gathered from every shard it ran on: MariaDB keeps
 * a statement's warnings on the connection that ran it, and a sharded statement ran on several, so
 * {@code SHOW WARNINGS} on one of them would list a part (or another statement's). Each shard
 * statement that reports warnings, or fails, has its {@code SHOW WARNINGS} read at once, on its
 * connection, before the connection is given back; {@code SHOW WARNINGS|ERRORS [LIMIT …]} and
 * {@code SHOW COUNT(*) WARNINGS|ERRORS} after it are answered from here, their texts told in logical
 * names. Any other statement starts a new list (SHOW WARNINGS itself does not, as in MariaDB).
 */
final class ShardWarnings {
    private record Row(String level, int code, String message) {
    }

    private final List<Row> rows = new ArrayList<>();
    /** The last statement was a sharded plan's: SHOW WARNINGS is answered here. */
    private boolean active;

    /**
     * A sharded plan starts: its shards' diagnostics are gathered from now on, after those of the
     * plans the same client statement ran before (a sharded LOAD DATA runs one per batch).
     */
    void start() {
        if (!active) rows.clear();
        active = true;
    }

    /** Another statement runs: it has diagnostics of its own, where it ran. */
    void clear() {
        rows.clear();
        active = false;
    }

    boolean active() {
        return active;
    }

    /** Reads {@code SHOW WARNINGS} of the statement that just ran on {@code c} (best effort: a broken connection has none to give). */
    void read(BackendConnection c) {
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
            while (rs.next()) rows.add(new Row(rs.getString(1), rs.getInt(2), rs.getString(3)));
        } catch (SQLException | RuntimeException e) {
            // the statement's count still reached the client; its texts are lost with the connection
        }
    }

    /** A shard's error that {@link #read} could not get from its connection. */
    void failed(SQLException e) {
        MySqlException m = io.dbmesh.proxy.backend.BackendErrors.toMySql(e, "shard");
        failed(m.errorCode(), m.getMessage());
    }

    /** The statement failed with {@code code} (a shard's error, or the sidecar's own): listed once, as MariaDB lists it. */
    void failed(int code, String message) {
        for (Row r : rows) if (r.level().equals("Error") && r.code() == code) return;
        rows.add(new Row("Error", code, message));
    }

    /** What a SHOW statement asks of the diagnostics, or null when it is none of them. */
    record Show(boolean errorsOnly, boolean count, long offset, long limit) {
    }

    /** SHOW WARNINGS|ERRORS [LIMIT [o,] n] and SHOW COUNT(*) WARNINGS|ERRORS; null for any other statement. */
    static Show parse(String sql) {
        SqlScanner s = new SqlScanner(sql);
        s.next();
        if (!s.isWord("SHOW")) return null;
        s.next();
        boolean count = false;
        if (s.isWord("COUNT")) {
            s.next();
            if (!s.isSymbol('(')) return null;
            s.next();
            if (!s.isSymbol('*')) return null;
            s.next();
            if (!s.isSymbol(')')) return null;
            count = true;
            s.next();
        }
        boolean errors = s.isWord("ERRORS");
        if (!errors && !s.isWord("WARNINGS")) return null;
        long offset = 0, limit = Long.MAX_VALUE;
        SqlScanner.Type t = s.next();
        if (!count && s.isWord("LIMIT")) {
            s.next();
            limit = number(s);
            t = s.next();
            if (s.isSymbol(',')) {
                s.next();
                offset = limit;
                limit = number(s);
                t = s.next();
            }
            if (limit < 0 || offset < 0) return null;
        }
        while (t == SqlScanner.Type.SYMBOL && s.isSymbol(';')) t = s.next();
        return t == SqlScanner.Type.END ? new Show(errors, count, offset, limit) : null;
    }

    private static long number(SqlScanner s) {
        try {
            return Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The answer to {@code show}, messages passed through {@code logical} (physical names → logical). */
    StaticRowCursor answer(Show show, UnaryOperator<String> logical) throws MySqlException {
        List<Row> listed = new ArrayList<>();
        for (Row r : rows) if (!show.errorsOnly() || r.level().equals("Error")) listed.add(r);
        if (show.count()) {
            String label = "@@session." + (show.errorsOnly() ? "error_count" : "warning_count");
            return new StaticRowCursor(List.of(new Column("", "", "", label, label, 63, 21, ColumnType.LONGLONG, 0, 0)),
                    List.<byte[][]>of(new byte[][]{bytes(String.valueOf(listed.size()))}));
        }
        List<byte[][]> out = new ArrayList<>();
        for (long i = show.offset(); i < listed.size() && i - show.offset() < show.limit(); i++) {
            Row r = listed.get((int) i);
            out.add(new byte[][]{bytes(r.level()), bytes(String.valueOf(r.code())), bytes(logical.apply(r.message()))});
        }
        return new StaticRowCursor(List.of(text("Level", 21), new Column("", "", "", "Code", "Code", 63, 4,
                ColumnType.LONG, ColumnFlags.NOT_NULL | ColumnFlags.UNSIGNED, 0), text("Message", 2048)), out);
    }

    private static Column text(String name, int length) {
        return new Column("", "", "", name, name, 45, length * 4L, ColumnType.VAR_STRING, ColumnFlags.NOT_NULL, 0);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}

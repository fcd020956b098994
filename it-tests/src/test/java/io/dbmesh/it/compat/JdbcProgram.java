package io.dbmesh.it.compat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The compatibility program for the two Connector/Js, run in the test JVM: the steps of
 * {@code src/test/resources/compat/README.md} printed as canonical lines; a failing step prints its
 * error and the others still run. Statements with parameters use {@link PreparedStatement}, which
 * both drivers send as text with the values escaped on the client by default; the "prepared" step
 * uses a second connection with {@code useServerPrepStmts=true} (the binary protocol).
 */
public record JdbcProgram(String name, boolean mysqlDriver) implements ClientProgram {

    static final JdbcProgram MARIADB = new JdbcProgram("MariaDB Connector/J", false);
    static final JdbcProgram MYSQL = new JdbcProgram("MySQL Connector/J", true);

    private static final String TXT1 = "O'Neil \\ back \"q\" \\' end";
    private static final String TXT2 = "emoji \uD83D\uDE00 \u00fcn\u00ef";
    private static final byte[] BIN1 = HexFormat.of().parseHex("0001275C2280FFFEC3280A0D1A5C27");

    @Override
    public Optional<String> unavailable() {
        return Optional.empty(); // test dependencies of it-tests
    }

    private Connection connect(Endpoint e, String options) throws SQLException {
        String base = mysqlDriver ? "sslMode=DISABLED&allowPublicKeyRetrieval=true" : "";
        String all = base.isEmpty() ? options : options.isEmpty() ? base : base + "&" + options;
        String url = mysqlDriver ? e.mysqlUrl(all) : e.mariadbUrl(all);
        return DriverManager.getConnection(url, e.user(), "");
    }

    @Override
    public ProgramRun run(Endpoint e, int base, Path workDir) {
        Output out = new Output();
        String table = mysqlDriver ? "compat_mysql_cj" : "compat_mariadb_cj";
        try (Connection c = connect(e, "")) {
            Statement s = c.createStatement();
            out.step("connect", () -> {
                try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                    rs.next();
                    out.line("version mentions MariaDB", rs.getString(1).contains("MariaDB"));
                }
                out.line("driver reports MariaDB", c.getMetaData().getDatabaseProductVersion().contains("MariaDB"));
            });
            out.step("ddl", () -> {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, txt VARCHAR(100) CHARACTER SET utf8mb4,"
                        + " lat VARCHAR(50) CHARACTER SET latin1, bin BLOB, n INT NULL)");
                out.line("ddl", "ok");
            });
            out.step("crud", () -> {
                String insert = "INSERT INTO " + table + " (id, txt, lat, bin, n) VALUES (?, ?, ?, ?, ?)";
                int n = update(c, insert, 1, TXT1, "caf\u00e9", BIN1, null)
                        + update(c, insert, 2, TXT2, "\u00e9", new byte[0], 42)
                        + update(c, insert, 3, null, null, null, null);
                out.line("inserted", n);
                out.rows(c, "SELECT id, txt, HEX(txt), HEX(lat), HEX(bin), bin, n FROM " + table + " ORDER BY id");
                out.line("updated", update(c, "UPDATE " + table + " SET txt = ?, bin = ? WHERE id = ?", TXT2 + TXT1, concat(BIN1, BIN1), 2));
                out.line("deleted", update(c, "DELETE FROM " + table + " WHERE id = ?", 3));
                out.rows(c, "SELECT id, txt, HEX(bin), n FROM " + table + " WHERE txt LIKE ? ORDER BY id", "%O'Neil \\\\%");
            });
            out.step("transaction", () -> {
                c.setAutoCommit(false);
                update(c, "INSERT INTO " + table + " (id, txt) VALUES (?, ?)", 40, "rolled back");
                c.rollback();
                update(c, "INSERT INTO " + table + " (id, txt) VALUES (?, ?)", 41, "committed");
                c.commit();
                c.setAutoCommit(true);
                out.rows(c, "SELECT id, txt FROM " + table + " WHERE id IN (40, 41) ORDER BY id");
            });
            out.step("prepared", () -> {
                try (Connection sp = connect(e, "useServerPrepStmts=true")) {
                    out.line("prepared insert", update(sp, "INSERT INTO " + table + " (id, txt, bin) VALUES (?, ?, ?)", 30, TXT1, BIN1));
                    out.rows(sp, "SELECT id, HEX(txt), HEX(bin), bin, n FROM " + table + " WHERE id >= ? AND bin = ? ORDER BY id", 30, BIN1);
                    out.rows(sp, "SELECT user_id, name, balance FROM t_user WHERE user_id = ?", base);
                }
            });
            if (mysqlDriver) {
                out.step("latin1", () -> {
                    try (Connection latin = connect(e, "characterEncoding=ISO-8859-1")) {
                        update(latin, "INSERT INTO " + table + " (id, txt, lat) VALUES (?, ?, ?)", 20, "\u00e9t\u00e9", "\u00e9");
                        out.rows(latin, "SELECT HEX(txt), HEX(lat), lat, txt FROM " + table + " WHERE id = 20");
                    }
                });
            }
            out.step("sharded table", () -> {
                update(c, "DELETE FROM t_user WHERE user_id BETWEEN ? AND ?", base, base + 3);
                String insert = "INSERT INTO t_user (user_id, name, region_id, balance) VALUES (?, ?, ?, ?)";
                update(c, insert, base, TXT1, 1, new java.math.BigDecimal("12.50"));
                update(c, insert, base + 1, TXT2, 2, new java.math.BigDecimal("-0.01"));
                update(c, insert, base + 2, "back\\slash", null, null);
                update(c, insert, base + 3, null, 4, java.math.BigDecimal.ZERO);
                out.rows(c, "SELECT user_id, name, HEX(name), region_id, balance FROM t_user WHERE user_id BETWEEN ? AND ? ORDER BY user_id", base, base + 3);
                out.line("sharded update", update(c, "UPDATE t_user SET name = ? WHERE user_id = ?", "it's \\n", base + 1));
                out.line("sharded delete", update(c, "DELETE FROM t_user WHERE user_id = ?", base + 3));
                out.rows(c, "SELECT user_id, name FROM t_user WHERE name = ? AND user_id BETWEEN ? AND ?", "it's \\n", base, base + 3);
                out.rows(c, "SELECT COUNT(*), SUM(balance) FROM t_user WHERE user_id BETWEEN ? AND ?", base, base + 3);
            });
            out.step("metadata", () -> {
                try (ResultSet rs = s.executeQuery("SELECT id, txt, lat, bin, n FROM " + table + " WHERE 1 = 0")) {
                    out.line("columns", columns(rs.getMetaData()).toArray());
                }
                DatabaseMetaData md = c.getMetaData();
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = md.getTables(c.getCatalog(), null, "t_user", new String[]{"TABLE"})) {
                    while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
                }
                out.line("getTables t_user", tables.toArray());
                List<String> cols = new ArrayList<>();
                try (ResultSet rs = md.getColumns(c.getCatalog(), null, "t_user", "%")) {
                    while (rs.next()) cols.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":" + rs.getInt("COLUMN_SIZE"));
                }
                out.line("getColumns t_user", cols.toArray());
                List<String> pk = new ArrayList<>();
                try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), null, "t_user")) {
                    while (rs.next()) pk.add(rs.getString("COLUMN_NAME"));
                }
                out.line("getPrimaryKeys t_user", pk.toArray());
                try (ResultSet rs = s.executeQuery("SELECT 1/0")) {
                    rs.next();
                    int warnings = 0;
                    for (var w = rs.getWarnings() != null ? rs.getWarnings() : s.getWarnings(); w != null; w = w.getNextWarning()) warnings++;
                    out.line("warnings after 1/0", warnings);
                }
            });
        } catch (SQLException ex) {
            out.line("ERROR in connect", ex.getMessage());
            out.failed.add("connect");
        }
        out.line("done", "failed steps: " + (out.failed.isEmpty() ? "none" : String.join(", ", out.failed)));
        return new ProgramRun(out.failed.isEmpty() ? 0 : 1, out.text.toString(), "");
    }

    private static List<String> columns(ResultSetMetaData md) throws SQLException {
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i) + ":" + md.getColumnTypeName(i) + ":" + md.getPrecision(i));
        }
        return cols;
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof byte[] b) ps.setBytes(i + 1, b);
            else ps.setObject(i + 1, params[i]);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The canonical lines, and which steps failed. */
    private static final class Output {
        final StringBuilder text = new StringBuilder();
        final List<String> failed = new ArrayList<>();

        interface Step {
            void run() throws Exception;
        }

        void step(String name, Step step) {
            try {
                step.run();
            } catch (Exception e) {
                failed.add(name);
                line("ERROR in " + name, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        void line(String head, Object... parts) {
            StringBuilder b = new StringBuilder(head);
            for (Object p : parts) b.append(" | ").append(show(p));
            text.append(b).append('\n');
        }

        void rows(Connection c, String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] values = new Object[n];
                        for (int i = 0; i < n; i++) {
                            values[i] = rs.getMetaData().getColumnType(i + 1) == java.sql.Types.BLOB
                                    || rs.getMetaData().getColumnType(i + 1) == java.sql.Types.LONGVARBINARY
                                    || rs.getMetaData().getColumnType(i + 1) == java.sql.Types.VARBINARY
                                    ? rs.getBytes(i + 1) : rs.getString(i + 1);
                        }
                        line("row", values);
                    }
                }
            }
        }

        private static String show(Object v) {
            if (v == null) return "NULL";
            if (v instanceof byte[] b) return "0x" + HexFormat.of().withUpperCase().formatHex(b);
            return String.valueOf(v);
        }
    }
}

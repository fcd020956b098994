package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The real MariaDB at 127.0.0.1:3306 for merge tests: databases named {@code merge_*}, and result
 * sets turned into RowCursors with the backend's column metadata and MySQL text values.
 */
public final class MariaDb {
    static final String URL = "jdbc:mariadb://127.0.0.1:3306/";

    private MariaDb() {
    }

    /**
     * Suffix of every database this test JVM creates: several engineers (and CI) may run these
     * tests at the same time against the same server, and must not drop each other's tables.
     */
    private static final String RUN = "_" + Long.toString(ProcessHandle.current().pid(), 36);
    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(URL + "?user=root"); Statement s = c.createStatement()) {
                for (String db : CREATED) s.execute("DROP DATABASE IF EXISTS " + db);
            } catch (SQLException ignored) {
                // the server is gone; nothing to clean
            }
        }));
    }

    /** A connection to a fresh database named {@code db} plus this run's suffix (dropped at JVM exit). */
    public static Connection freshDatabase(String db) throws SQLException {
        if (!db.startsWith("merge_")) throw new IllegalArgumentException(db);
        db = db + RUN;
        CREATED.add(db);
        try (Connection c = DriverManager.getConnection(URL + "?user=root");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        }
        return connect(db);
    }

    static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(URL + db + "?user=root");
    }

    public static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    public static RowCursor query(Connection c, String sql) throws SQLException {
        Statement s = c.createStatement();
        return new JdbcCursor(s, s.executeQuery(sql));
    }

    public static List<List<String>> rows(Connection c, String sql) throws SQLException {
        return TestRows.drain(query(c, sql));
    }

    /** A RowCursor over a Connector/J result; values re-made in MySQL text form. */
    static final class JdbcCursor implements RowCursor {
        private final Statement statement;
        private final ResultSet rs;
        private final List<Column> columns = new ArrayList<>();

        JdbcCursor(Statement statement, ResultSet rs) throws SQLException {
            this.statement = statement;
            this.rs = rs;
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) columns.add(column(md, i));
        }

        /** Connector/J hides the raw definition packet; tests read it reflectively. */
        private static Column column(ResultSetMetaData md, int i) throws SQLException {
            try {
                Field f = md.getClass().getDeclaredField("fieldPackets");
                f.setAccessible(true);
                org.mariadb.jdbc.client.Column def = ((org.mariadb.jdbc.client.Column[]) f.get(md))[i - 1];
                Field cs = org.mariadb.jdbc.message.server.ColumnDefinitionPacket.class.getDeclaredField("charset");
                cs.setAccessible(true);
                int charset = (int) cs.get(def);
                return new Column(def.getSchema(), def.getTableAlias(), def.getTable(), def.getColumnAlias(),
                        def.getColumnName(), charset, def.getColumnLength(), ColumnType.ofCode(def.getType().get()),
                        def.getFlags(), def.getDecimals());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public boolean next() throws SQLException {
            return rs.next();
        }

        @Override
        public byte[] value(int index) {
            try {
                Column c = columns.get(index);
                if (c.binary() && !c.type().isNumeric() && !c.type().isTemporal() && c.type() != ColumnType.NULL) {
                    return rs.getBytes(index + 1);
                }
                String s = rs.getString(index + 1);
                if (s == null) return null;
                if (c.decimals() > 0 && c.decimals() <= 6 && !s.startsWith("0000")
                        && (c.type() == ColumnType.DATETIME || c.type() == ColumnType.TIMESTAMP)) {
                    // Connector/J 3.5.1's getString drops leading zeros of a DATETIME(n) fraction
                    // ("58.098" comes back as "58.98000"); the timestamp itself is right.
                    java.time.LocalDateTime t = rs.getObject(index + 1, java.time.LocalDateTime.class);
                    String micros = String.format("%06d", t.getNano() / 1000);
                    s = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
                            + "." + micros.substring(0, c.decimals());
                }
                if (c.type().isTemporal()) s = fraction(s, c.decimals());
                return s.getBytes(StandardCharsets.UTF_8);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Connector/J prints temporal fractions with 6 digits; the server sends the column's decimals. */
        private static String fraction(String s, int decimals) {
            int dot = s.lastIndexOf('.');
            if (dot < 0 || s.indexOf(':') < 0 && s.indexOf('-', 1) < 0) return s;
            return decimals == 0 ? s.substring(0, dot) : s.substring(0, Math.min(s.length(), dot + 1 + decimals));
        }

        @Override
        public void close() {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing a finished test statement
            }
        }
    }
}

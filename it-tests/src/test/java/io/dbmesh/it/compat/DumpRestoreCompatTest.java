package io.dbmesh.it.compat;

import io.dbmesh.it.CapturedProcess;
import io.dbmesh.it.MariaDbCli;
import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mariadb-dump} of a logical database through the sidecar, with its default options, and
 * the dump restored with the {@code mariadb} CLI through the sidecar into another logical database
 * of the same kind: every table's CHECKSUM TABLE and content are equal. Passthrough (logical
 * names differing from the physical ones) and sharded (two logical databases with the orders
 * example's rules over four physical databases).
 */
class DumpRestoreCompatTest {
    private static final long PID = ProcessHandle.current().pid();
    static final String SRC = "compat_dump_src_" + PID, DST = "compat_dump_dst_" + PID;
    static final List<String> SHARDS = List.of("compat_dump_s0_" + PID, "compat_dump_s1_" + PID, "compat_dump_s2_" + PID, "compat_dump_s3_" + PID);
    static final List<String> TABLES = List.of("t_user", "t_order", "t_region", "t_config");
    static MariaDbInstance db;
    static SidecarFixture passthrough;
    static SidecarFixture sharded;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServers.shared();
        db.recreateDatabase(SRC);
        db.recreateDatabase(DST);
        for (String s : SHARDS) db.execute("DROP DATABASE IF EXISTS " + s);
        passthrough = SidecarFixture.fromYaml("""
                listener: {host: 127.0.0.1, port: 0}
                users: [{name: root, password: ""}]
                data_sources:
                  src: {url: "%s", user: root, password: ""}
                  dst: {url: "%s", user: root, password: ""}
                databases:
                  shop: {data_source: src}
                  shop_copy: {data_source: dst}
                """.formatted(db.jdbcUrl(SRC), db.jdbcUrl(DST)), Map.of());
        sharded = SidecarFixture.fromYaml(shardedConfig(), Map.of());
        try (Connection c = DriverManager.getConnection(passthrough.mariadbUrl("shop"), "root", ""); Statement st = c.createStatement()) {
            for (String ddl : CompatTargets.ordersSchema()) st.execute(ddl);
            st.execute("CREATE TABLE t_blob (id INT PRIMARY KEY, b LONGBLOB, lat VARCHAR(20) CHARACTER SET latin1, j JSON)");
            seed(st);
            st.execute("INSERT INTO t_blob VALUES (1, X'0001275C2280FFFEC3280A0D1A5C27', X'636166E9', '{\"a\": [1, \"x''y\"]}'), (2, NULL, NULL, NULL),"
                    + " (3, REPEAT(X'FF00', 5000), 'caf\u00e9', '[]')");
        }
        try (Connection c = DriverManager.getConnection(sharded.mariadbUrl("orders"), "root", ""); Statement st = c.createStatement()) {
            seed(st);
        }
    }

    /** The orders example's rules twice: {@code orders} on shards 0/1, {@code orders_copy} on shards 2/3. */
    private static String shardedConfig() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                listener: {host: 127.0.0.1, port: 0}
                users: [{name: root, password: ""}]
                data_sources:
                """);
        for (int i = 0; i < 4; i++) yaml.append("  s").append(i).append(": {url: \"").append(db.jdbcUrl(SHARDS.get(i))).append("\", user: root, password: \"\"}\n");
        yaml.append("databases:\n");
        String rules = shardingSection();
        yaml.append("  orders:\n").append(rules.replace("ds_0", "s0").replace("ds_[0..1]", "s[0..1]"));
        yaml.append("  orders_copy:\n").append(rules.replace("ds_0", "s2").replace("ds_[0..1]", "s[2..3]"));
        return yaml.toString();
    }

    /** The {@code sharding:} block of conf/examples/orders.yaml, as written there (indented under a database). */
    private static String shardingSection() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "conf", "examples", "orders.yaml"));
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("    sharding:")) in = true;
            else if (in && !line.isBlank() && !line.startsWith("     ") && !line.startsWith("    #")) break;
            if (in && !line.strip().startsWith("#") && !line.contains("key_generator")) out.append(line).append('\n');
        }
        return out.toString();
    }

    private static void seed(Statement st) throws SQLException {
        st.execute("INSERT INTO t_region (region_id, name) VALUES (1, 'north'), (2, 'south \\\\ west'), (3, 'o''east')");
        st.execute("INSERT INTO t_config (k, v) VALUES ('a', 'x'), ('quote''s', NULL), ('emoji', '\uD83D\uDE00')");
        StringBuilder users = new StringBuilder("INSERT INTO t_user (user_id, name, region_id, created_at, balance) VALUES ");
        StringBuilder orders = new StringBuilder("INSERT INTO t_order (order_id, user_id, status, amount, created_at) VALUES ");
        for (int u = 0; u < 40; u++) {
            users.append(u == 0 ? "" : ", ").append("(").append(u).append(", ").append(u % 7 == 0 ? "NULL" : "'user ''" + u + "'' \uD83D\uDE00'")
                    .append(", ").append(u % 3 + 1).append(", '2024-01-").append(String.format("%02d", u % 28 + 1)).append(" 10:00:00', ")
                    .append(u % 5 == 0 ? "NULL" : u + ".25").append(")");
            for (int o = 0; o < 3; o++) {
                orders.append(u == 0 && o == 0 ? "" : ", ").append("(").append(u * 10 + o).append(", ").append(u).append(", '")
                        .append(o == 0 ? "paid" : "new").append("', ").append(o + u).append(".5, NULL)");
            }
        }
        st.execute(users.toString());
        st.execute(orders.toString());
    }

    @AfterAll
    static void stop() {
        if (passthrough != null) passthrough.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + SRC, "DROP DATABASE IF EXISTS " + DST);
        for (String s : SHARDS) db.execute("DROP DATABASE IF EXISTS " + s);
    }

    @Test
    void passthroughDumpRestoresIntoAnotherLogicalDatabase() throws Exception {
        dumpAndRestore(passthrough, "shop", "shop_copy");
        List<String> tables = new ArrayList<>(TABLES);
        tables.add("t_blob");
        assertSameTables(passthrough, "shop", "shop_copy", tables);
        // and the physical copy is what the source holds
        assertThat(content(db.jdbcUrl(DST), tables)).isEqualTo(content(db.jdbcUrl(SRC), tables));
    }

    @Test
    void shardedDumpRestoresIntoAnotherShardedDatabase() throws Exception {
        dumpAndRestore(sharded, "orders", "orders_copy");
        assertSameTables(sharded, "orders", "orders_copy", TABLES);
        // rows went where the rules say: each copy shard holds what its source shard holds
        for (int i = 0; i < 2; i++) {
            List<String> physical = List.of("t_user_0", "t_user_1", "t_order_0", "t_order_1", "t_region");
            assertThat(content(db.jdbcUrl(SHARDS.get(i + 2)), physical)).as("shard " + i).isEqualTo(content(db.jdbcUrl(SHARDS.get(i)), physical));
        }
    }

    private void dumpAndRestore(SidecarFixture sidecar, String from, String to) throws Exception {
        assumeTrue(MariaDbCli.installed(), "the mariadb client (mariadb-dump) is not installed");
        Path dump = dir.resolve(from + ".sql");
        try (CapturedProcess p = CapturedProcess.start(dir, List.of("sh", "-c", "exec mariadb-dump -h127.0.0.1 -P" + sidecar.port()
                + " -uroot --skip-ssl " + from + " > " + dump), Map.of())) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("mariadb-dump finished").isTrue();
            assertThat(p.exitValue()).as("mariadb-dump of %s: %s", from, p.describe()).isZero();
        }
        String text = Files.readString(dump, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).contains("INSERT INTO `t_user` VALUES", "LOCK TABLES `t_user` WRITE", "-- Dump completed");
        try (CapturedProcess p = CapturedProcess.start(dir, List.of("sh", "-c", "exec mariadb -h127.0.0.1 -P" + sidecar.port()
                + " -uroot --skip-ssl " + to + " < " + dump), Map.of())) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("restore finished").isTrue();
            assertThat(p.exitValue()).as("restore into %s: %s", to, p.describe()).isZero();
        }
    }

    private static void assertSameTables(SidecarFixture sidecar, String from, String to, List<String> tables) throws SQLException {
        String list = String.join(", ", tables);
        List<String> source = checksums(sidecar.mariadbUrl(from), "CHECKSUM TABLE " + list);
        assertThat(checksums(sidecar.mariadbUrl(to), "CHECKSUM TABLE " + list)).isEqualTo(source).doesNotContain("NULL");
        assertThat(content(sidecar.mariadbUrl(to), tables)).isEqualTo(content(sidecar.mariadbUrl(from), tables));
    }

    /** The second column of each row (the checksum; the first names the database). */
    private static List<String> checksums(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1).substring(rs.getString(1).indexOf('.') + 1) + "=" + rs.getString(2));
        }
        return out;
    }

    /** Every row of every table, as hex of each value, ordered: what the bytes are, not how a driver shows them. */
    private static List<String> content(String url, List<String> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement()) {
            for (String t : tables) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + t + " LIMIT 0")) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) columns.add("IFNULL(HEX(`" + rs.getMetaData().getColumnName(i) + "`), 'NULL')");
                }
                try (ResultSet rs = st.executeQuery("SELECT CONCAT_WS('|', " + String.join(", ", columns) + ") AS r FROM " + t + " ORDER BY 1")) {
                    while (rs.next()) out.add(t + ": " + rs.getString(1));
                }
            }
        }
        return out;
    }
}

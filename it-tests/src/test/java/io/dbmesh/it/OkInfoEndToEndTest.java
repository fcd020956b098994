package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The info text of OK packets ("Rows matched: 2  Changed: 1  Warnings: 0", "Records: 3
 * Duplicates: 0  Warnings: 0"), which the {@code mariadb} CLI prints and MySQL Connector/J exposes
 * (MariaDB Connector/J reads past it): through a passthrough sidecar it is the backend's own text;
 * over shards it is the sum of the shards' counts, and absent when a shard sent none.
 */
class OkInfoEndToEndTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String PHYSICAL = "it_okinfo_" + PID, DIRECT = "it_okinfo_direct_" + PID;
    private static final String DS0 = "shard_okinfo_ds0_" + PID, DS1 = "shard_okinfo_ds1_" + PID;
    private static MariaDbInstance db;
    private static SidecarFixture sidecar;
    private static SidecarFixture sharded;

    @BeforeAll
    static void start() {
        db = MariaDbServers.shared();
        db.recreateDatabase(PHYSICAL);
        db.recreateDatabase(DIRECT);
        sidecar = SidecarFixture.passthrough(db, PHYSICAL, "demo");
        sharded = OrdersExample.start(db, DS0, DS1);
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + PHYSICAL, "DROP DATABASE IF EXISTS " + DIRECT,
                "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    /** The verbose CLI output of a script through the sidecar is the one MariaDB itself gives, info lines included. */
    @Test
    void cliPrintsTheSameInfoLinesAsTheServer() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        String script = """
                CREATE TABLE cli_t (id INT PRIMARY KEY, v INT);
                INSERT INTO cli_t VALUES (1,1),(2,2),(3,3);
                INSERT IGNORE INTO cli_t VALUES (3,3),(4,4);
                UPDATE cli_t SET v = 2 WHERE id <= 2;
                REPLACE INTO cli_t VALUES (1,1),(5,5);
                INSERT INTO cli_t (id, v) SELECT id + 10, v FROM cli_t;
                ALTER TABLE cli_t ADD COLUMN w INT, ALGORITHM=COPY;
                DELETE FROM cli_t WHERE id > 10;
                INSERT INTO cli_t (id, v) VALUES (6, 6);
                """;
        MariaDbCli.Run proxied = MariaDbCli.run(sidecar.port(), "root", "", script, "-vvv", "demo");
        MariaDbCli.Run direct = MariaDbCli.run(db.port(), db.user(), db.password(), script, "-vvv", DIRECT);
        assertThat(proxied.err()).isEmpty();
        assertThat(direct.err()).isEmpty();
        assertThat(proxied.out()).contains(
                "Records: 3  Duplicates: 0  Warnings: 0",
                "Records: 2  Duplicates: 1  Warnings: 1",
                "Rows matched: 2  Changed: 1  Warnings: 0",
                "Records: 2  Duplicates: 1  Warnings: 0",
                "Records: 5  Duplicates: 0  Warnings: 0",
                "Records: 10  Duplicates: 0  Warnings: 0");
        assertThat(withoutTimes(proxied.out())).isEqualTo(withoutTimes(direct.out()));
    }

    private static String withoutTimes(String out) {
        return out.replaceAll("\\(\\d+\\.\\d+ sec\\)", "(t)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "server-prepared"})
    void mysqlConnectorJSeesTheBackendsInfo(String protocol) throws SQLException {
        String url = sidecar.mysqlUrl("demo") + (protocol.equals("text") ? "" : "?useServerPrepStmts=true&cachePrepStmts=false");
        String table = "cj_" + protocol.replace('-', '_');
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, 1), (?, 2), (?, 3)")) {
                ps.setInt(1, 1);
                ps.setInt(2, 2);
                ps.setInt(3, 3);
                assertThat(ps.executeUpdate()).isEqualTo(3);
                assertThat(info(ps)).isEqualTo("Records: 3  Duplicates: 0  Warnings: 0");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET v = ? WHERE id <= ?")) {
                ps.setInt(1, 2);
                ps.setInt(2, 3);
                assertThat(ps.executeUpdate()).isEqualTo(3); // Connector/J asks for CLIENT_FOUND_ROWS
                assertThat(info(ps)).isEqualTo("Rows matched: 3  Changed: 2  Warnings: 0");
            }
            assertThat(s.executeUpdate("INSERT INTO " + table + " VALUES (4, 4)")).isEqualTo(1);
            assertThat(info(s)).isNull(); // a one-row INSERT has no info, as from the server
            assertThat(s.executeUpdate("DELETE FROM " + table)).isEqualTo(4);
            assertThat(info(s)).isNull();
        }
    }

    @Test
    void shardedWritesReportTheSummedCounts() throws Exception {
        try (Connection c = DriverManager.getConnection(sharded.mysqlUrl("orders"), "root", "");
             Statement s = c.createStatement()) {
            s.execute("DELETE FROM t_user");
            // user_id 1..8 put two rows on each of the four physical tables
            assertThat(s.executeUpdate("INSERT INTO t_user (user_id, name, region_id) VALUES (1,'a',1), (2,'b',1),"
                    + " (3,'c',1), (4,'d',1), (5,'e',2), (6,'f',2), (7,'g',2), (8,'h',2)")).isEqualTo(8);
            assertThat(info(s)).isEqualTo("Records: 8  Duplicates: 0  Warnings: 0");
            assertThat(s.executeUpdate("UPDATE t_user SET region_id = 1")).isEqualTo(8);
            assertThat(info(s)).isEqualTo("Rows matched: 8  Changed: 4  Warnings: 0");
            try (PreparedStatement ps = c.prepareStatement("UPDATE t_user SET name = ? WHERE user_id = ?")) {
                ps.setString(1, "ada");
                ps.setInt(2, 1);
                assertThat(ps.executeUpdate()).isEqualTo(1);
                assertThat(info(ps)).isEqualTo("Rows matched: 1  Changed: 1  Warnings: 0");
            }
            // 11, 12 and 14 land on three different tables as one-row INSERTs, which have no info:
            // the sidecar does not invent "Records: 3" from them
            assertThat(s.executeUpdate("INSERT INTO t_user (user_id, name) VALUES (11,'x'), (12,'y'), (14,'z')")).isEqualTo(3);
            assertThat(info(s)).isNull();
        }
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        MariaDbCli.Run run = MariaDbCli.run(sharded.port(), "root", "", "UPDATE t_user SET region_id = 2;\n", "-vvv", "orders");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Query OK, 11 rows affected", "Rows matched: 11  Changed: 11  Warnings: 0");
    }

    /** MySQL Connector/J keeps the info text of the last OK packet with the statement's result. */
    private static String info(Statement s) {
        String info = ((com.mysql.cj.jdbc.StatementImpl) s).getResultSetInternal().getServerInfo();
        return info == null || info.isEmpty() ? null : info;
    }
}

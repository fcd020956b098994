package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a result says besides its rows (issue 8, item 6): the warning count of a result set's
 * EOF/OK ({@code SELECT 1/0} → 1, then {@code SHOW WARNINGS} lists it) and the OK packet's info
 * text, byte for byte as MariaDB sends them, through a passthrough and a sharded sidecar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultStatusTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String PHYSICAL = "status_pt_" + PID, DIRECT = "status_direct_" + PID;
    private static final String DS0 = "status_ds0_" + PID, DS1 = "status_ds1_" + PID;
    private MariaDbInstance db;
    private SidecarFixture passthrough;
    private SidecarFixture sharded;

    @BeforeAll
    void start() {
        db = MariaDbServers.shared();
        db.recreateDatabase(PHYSICAL);
        db.recreateDatabase(DIRECT);
        passthrough = SidecarFixture.passthrough(db, PHYSICAL, "statuspt");
        sharded = OrdersExample.start(db, DS0, DS1);
    }

    @AfterAll
    void stop() {
        if (passthrough != null) passthrough.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + PHYSICAL, "DROP DATABASE IF EXISTS " + DIRECT,
                "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    /** The mariadb CLI prints a result's warnings (SHOW WARNINGS) exactly when its EOF/OK counted some. */
    private static String warningsOf(int port, String database, String sql) throws Exception {
        MariaDbCli.Run r = MariaDbCli.run(port, "root", "", sql + ";\n", "--show-warnings", "-N", "-B", database);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out() + r.err();
    }

    @Test
    void resultSetWarningsReachTheClient() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        String direct = warningsOf(db.port(), DIRECT, "SELECT 1/0");
        assertThat(direct).contains("NULL").contains("Warning (Code 1365): Division by 0");
        assertThat(warningsOf(passthrough.port(), "statuspt", "SELECT 1/0")).isEqualTo(direct);
        assertThat(warningsOf(sharded.port(), "orders", "SELECT 1/0")).isEqualTo(direct);
    }

    @Test
    void scatterResultsCountTheirShardsWarnings() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        try (Connection c = sharded.connect("orders"); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO t_user (user_id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        }
        String out = warningsOf(sharded.port(), "orders", "SELECT user_id / 0 FROM t_user ORDER BY user_id");
        assertThat(out).contains("Warning (Code 1365): Division by 0");
    }

    /** The info text as a client that reads the OK packet itself gets it (PyMySQL keeps the raw bytes). */
    @Test
    void okInfoBytesAreTheServers() throws Exception {
        String python = "/usr/bin/python3";
        assumeTrue(Files.isExecutable(Path.of(python)), "no /usr/bin/python3");
        String script = """
                import sys, pymysql
                c = pymysql.connect(host='127.0.0.1', port=int(sys.argv[1]), user='root', password='', database=sys.argv[2], autocommit=True)
                cur = c.cursor()
                cur.execute("CREATE TABLE IF NOT EXISTS ok_info (id INT PRIMARY KEY, v INT)")
                cur.execute("DELETE FROM ok_info")
                cur.execute("INSERT INTO ok_info VALUES (1, 1), (2, 2)")
                print(cur._result.message.hex(), cur._result.warning_count)
                cur.execute("UPDATE ok_info SET v = 3")
                print(cur._result.message.hex(), cur._result.warning_count)
                cur.execute("SELECT 1/0")
                cur.fetchall()
                print(cur._result.warning_count)
                """;
        String direct = run(python, script, db.port(), DIRECT);
        assumeTrue(direct != null, "python3-pymysql not installed");
        assertThat(direct).startsWith("265265636f726473"); // lenenc length 0x26, then "Records"
        assertThat(run(python, script, passthrough.port(), "statuspt")).isEqualTo(direct);
    }

    private static String run(String python, String script, int port, String database) throws Exception {
        Process p = new ProcessBuilder(python, "-c", script, Integer.toString(port), database).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && err.contains("No module named 'pymysql'")) return null;
        assertThat(p.exitValue()).as(err).isZero();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}

package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sidecar adds nothing to a client's sql_mode: a client gets the sql_mode it would get from
 * MariaDB directly — the server's, plus IGNORE_SPACE only when the client asks for it in its
 * handshake (MariaDB Connector/J does, the {@code mariadb} CLI does not) — and routines created
 * through the sidecar keep that mode.
 */
class SqlModeTest {
    private static final String PHYSICAL = "session_sql_mode";
    private static SidecarFixture sidecar;
    private static MariaDbInstance backend;

    @BeforeAll
    static void start() {
        backend = MariaDbServers.shared();
        backend.recreateDatabase(PHYSICAL);
        sidecar = SidecarFixture.passthrough(backend, PHYSICAL, "modes");
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS " + PHYSICAL);
    }

    private static String globalSqlMode() throws SQLException {
        try (Connection c = backend.connect(""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@global.sql_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theCliGetsTheServersSqlModeAndMayNameATableCount() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        String script = """
                SELECT @@session.sql_mode;
                CREATE TABLE count (id INT PRIMARY KEY);
                INSERT INTO count VALUES (1);
                SELECT id FROM count;
                CREATE PROCEDURE cli_proc() SELECT 1;
                SELECT sql_mode FROM information_schema.ROUTINES WHERE routine_name = 'cli_proc';
                """;
        MariaDbCli.Run run = MariaDbCli.run(sidecar.port(), "root", "", script, "--batch", "--skip-column-names", "modes");
        assertThat(run.err()).isEmpty();
        String global = globalSqlMode();
        assertThat(run.out()).isEqualTo(global + "\n1\n" + global + "\n");
    }

    @Test
    void connectorJGetsWhatItGetsFromMariaDb() throws SQLException {
        String direct;
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(PHYSICAL), backend.user(), backend.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@session.sql_mode")) {
            rs.next();
            direct = rs.getString(1);
        }
        assertThat(direct).contains("IGNORE_SPACE"); // the driver's CLIENT_IGNORE_SPACE
        try (Connection c = sidecar.connect("modes"); Statement st = c.createStatement()) {
            for (int i = 0; i < 3; i++) { // whichever pooled backend connection serves it
                try (ResultSet rs = st.executeQuery("SELECT @@session.sql_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(direct);
                }
            }
        }
    }
}

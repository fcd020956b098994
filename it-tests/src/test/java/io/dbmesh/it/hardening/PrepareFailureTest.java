package io.dbmesh.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbmesh.it.BackendPools;
import io.dbmesh.it.SidecarFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A COM_STMT_PREPARE the backend rejects answers the backend's own error and gives its backend
 * connection back: more failing prepares than the pool has connections, and the data source still
 * serves (issue 9, item 1: it used to answer 1105 NullPointerException and leak the connection).
 */
class PrepareFailureTest {
    private static final String PHYSICAL = "hardening_prepare";
    private static final int POOL_SIZE = 3;
    private static SidecarFixture sidecar;

    @RegisterExtension
    final BackendPools pools = BackendPools.after(() -> sidecar);

    @BeforeAll
    static void start() {
        sidecar = HardeningSidecar.start(PHYSICAL, """
                users: [{name: root, password: ""}]
                data_sources:
                  ds0:
                    url: ${URL}
                    user: ${USER}
                    password: "${PASSWORD}"
                    pool: {max_size: %d, min_idle: 1, connection_timeout: 2s}
                databases:
                  app: {data_source: ds0}
                """.formatted(POOL_SIZE),
                "CREATE TABLE " + PHYSICAL + ".t (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + PHYSICAL + ".t VALUES (1, 'one')");
    }

    @AfterAll
    static void stop() {
        HardeningSidecar.stop(sidecar, PHYSICAL);
    }

    private static Connection connect(String driver) throws SQLException {
        String url = driver.equals("mariadb") ? sidecar.mariadbUrl("app") + "?useServerPrepStmts=true"
                : sidecar.mysqlUrl("app") + "?useServerPrepStmts=true&sslMode=DISABLED";
        return DriverManager.getConnection(url, "root", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void syntaxErrorInPrepareIsTheBackendsError(String driver) throws Exception {
        try (Connection c = connect(driver)) {
            // (MySQL Connector/J falls back to a client-side statement when the server refuses the
            // prepare and then sends the text: execute(), not executeQuery(), which it checks first)
            SQLException e = catchThrowableOfType(SQLException.class, () -> c.prepareStatement("SELEC 1").execute());
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1064);
            assertThat(e.getSQLState()).isEqualTo("42000");
            assertThat(e.getMessage()).contains("SELEC 1");
            SQLException missing = catchThrowableOfType(SQLException.class, () -> {
                PreparedStatement ps = c.prepareStatement("SELECT * FROM no_such_table WHERE id = ?");
                ps.setInt(1, 1);
                ps.execute();
            });
            assertThat(missing.getErrorCode()).as(missing.getMessage()).isEqualTo(1146);
            assertThat(missing.getSQLState()).isEqualTo("42S02");
            assertSelectWorks(c);
        }
    }

    @Test
    void moreFailingPreparesThanThePoolHoldsAndItStillServes() throws Exception {
        for (int i = 0; i < POOL_SIZE * 4; i++) {
            try (Connection c = connect(i % 2 == 0 ? "mariadb" : "mysql")) {
                SQLException e = catchThrowableOfType(SQLException.class,
                        () -> c.prepareStatement("SELEC " + c.hashCode()).execute());
                assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1064);
                assertThat(e.getSQLState()).isEqualTo("42000");
            }
        }
        // in one session too: the same connection, failing again and again
        try (Connection c = connect("mariadb")) {
            for (int i = 0; i < POOL_SIZE * 4; i++) {
                int n = i;
                SQLException e = catchThrowableOfType(SQLException.class, () -> c.prepareStatement("SELEC " + n).execute());
                assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1064);
            }
            assertSelectWorks(c);
        }
        BackendPools.assertNoneActive(sidecar);
        // every pool connection is free again: as many sessions as the pool holds can each hold one
        Connection[] sessions = new Connection[POOL_SIZE];
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                sessions[i] = connect("mariadb");
                sessions[i].setAutoCommit(false); // every statement opens a transaction: the session keeps its connection
                try (ResultSet rs = sessions[i].createStatement().executeQuery("SELECT v FROM t")) {
                    assertThat(rs.next()).isTrue();
                }
            }
        } finally {
            for (Connection s : sessions) if (s != null) s.close();
        }
    }

    private static void assertSelectWorks(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("one");
            }
        }
    }
}

package io.dbmesh.proxy.backend;

import io.dbmesh.core.result.Column;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canary {@link ConnectorInternals} promises: a Connector/J upgrade that renames or retypes the
 * protected fields the exact row path reads, drops {@code Connection#getLock}, or stops filling them
 * the way the sidecar relies on, fails here with the driver's version and what is missing, instead
 * of silently switching the sidecar to the slower, inexact public-API fallback. Uses the MariaDB the
 * tests use (127.0.0.1:3306, or the {@code dbmesh.test.mariadb} system property).
 */
@Tag("mariadb")
class ConnectorInternalsTest {
    static final String HOST = System.getProperty("dbmesh.test.mariadb", "127.0.0.1:3306");
    private static final String VERSION = version(new org.mariadb.jdbc.Driver());

    private static String version(java.sql.Driver driver) {
        return driver.getMajorVersion() + "." + driver.getMinorVersion();
    }

    private static org.mariadb.jdbc.Connection connect() throws SQLException {
        // DriverManager, not a pool: the driver's own connection class, as BackendConnection holds it
        return (org.mariadb.jdbc.Connection) DriverManager.getConnection("jdbc:mariadb://" + HOST + "/mysql", "root", "");
    }

    @Test
    void everyFieldAndMethodTheSidecarReadsStillExists() {
        assertThat(ConnectorInternals.AVAILABLE)
                .as("Connector/J %s no longer has a field ConnectorInternals reads: %s", VERSION,
                        ConnectorInternals.UNAVAILABLE_BECAUSE)
                .isTrue();
        assertThat(ConnectorInternals.preparesDirectly())
                .as("Connector/J %s: protected Connection#getLock() is gone; server prepares would fall back", VERSION)
                .isTrue();
    }

    @Test
    void rowsComeThroughAsTheBackendsExactBytesWithTheColumnsCollation() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT _utf8mb4'h\u00e9' AS a, TIMEDIFF('100:00:00', '00:00:01') AS t,"
                     + " 0.1e0 AS f, NULL AS n, X'00FF' AS b")) {
            JdbcRowCursor cursor = new JdbcRowCursor(rs);
            assertThat(cursor.exact()).as("Connector/J %s: result rows no longer readable as raw bytes", VERSION).isTrue();
            assertThat(cursor.columns()).extracting(Column::name).containsExactly("a", "t", "f", "n", "b");
            assertThat(cursor.columns()).extracting(Column::charset)
                    .as("Connector/J %s: a column definition's collation id (63 = binary)", VERSION)
                    .satisfies(ids -> assertThat(ids.get(0)).isPositive().isNotEqualTo(63))
                    .satisfies(ids -> assertThat(ids.get(4)).isEqualTo(63));
            assertThat(cursor.next()).isTrue();
            assertThat(new String(cursor.value(0), StandardCharsets.UTF_8)).isEqualTo("h\u00e9");
            assertThat(new String(cursor.value(1), StandardCharsets.US_ASCII)).isEqualTo("99:59:59"); // no java.sql.Time could carry it
            assertThat(new String(cursor.value(2), StandardCharsets.US_ASCII)).isEqualTo("0.1");
            assertThat(cursor.value(3)).isNull();
            assertThat(cursor.value(4)).containsExactly(0, 0xff); // bytes, not text decoded and encoded again
            assertThat(cursor.next()).isFalse();
            cursor.close();
        }
    }

    @Test
    void theInsertIdComesFromTheOkPacketTheStatementIsOn() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE plans_canary (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
            st.executeUpdate("INSERT INTO plans_canary (v) VALUES (1), (2)");
            st.executeUpdate("INSERT INTO plans_canary (v) VALUES (3)");
            long seen = ConnectorInternals.lastInsertId(st);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT LAST_INSERT_ID()")) {
                rs.next();
                assertThat(seen).as("Connector/J %s: the OK packet's insert id", VERSION).isEqualTo(rs.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void aKeptServerStatementLetsGoOfItsRowsOnceTheCursorClosesAndStillRunsAgain() throws SQLException {
        try (org.mariadb.jdbc.Connection c = connect();
             PreparedStatement ps = ConnectorInternals.serverPrepare(c, "SELECT seq, REPEAT('x', 100) FROM seq_1_to_50 WHERE seq > ?")) {
            for (int round = 0; round < 2; round++) {
                ps.setInt(1, round);
                ResultSet rs = ps.executeQuery();
                JdbcRowCursor cursor = new JdbcRowCursor(rs);
                int rows = 0;
                while (cursor.next()) rows++;
                assertThat(rows).isEqualTo(50 - round);
                java.lang.invoke.VarHandle current = java.lang.invoke.MethodHandles
                        .privateLookupIn(org.mariadb.jdbc.Statement.class, java.lang.invoke.MethodHandles.lookup())
                        .findVarHandle(org.mariadb.jdbc.Statement.class, "currResult", org.mariadb.jdbc.client.Completion.class);
                assertThat(current.get(ps)).as("the last result, before the cursor closes").isNotNull();
                cursor.close();
                assertThat(current.get(ps)).as("the last result, after the cursor closed").isNull();
                assertThat(ps.getMoreResults()).isFalse();
                assertThat(ps.getUpdateCount()).isEqualTo(-1);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aServerPrepareDescribesTheStatementOrFailsWithTheBackendsOwnError() throws SQLException {
        try (org.mariadb.jdbc.Connection c = connect()) {
            try (PreparedStatement ps = ConnectorInternals.serverPrepare(c, "SELECT ? + 1 AS x, 'y' AS y")) {
                assertThat(ps).isInstanceOf(org.mariadb.jdbc.ServerPreparedStatement.class);
                assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(1);
                assertThat(ColumnMapping.fromDecoders(((org.mariadb.jdbc.BasePreparedStatement) ps).getMeta()))
                        .extracting(Column::name).containsExactly("x", "y");
            }
            assertThatThrownBy(() -> ConnectorInternals.serverPrepare(c, "SELEC 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1064));
        }
    }

    @Test
    void aBeginTravelsAheadOfTheStatementAndTheRowsStreamAfterIt() throws SQLException {
        try (org.mariadb.jdbc.Connection c = connect()) {
            PipelinedStatement st = ConnectorInternals.pipelinedStatement(c);
            assertThat(st).as("Connector/J %s: a BEGIN can no longer travel with a text statement", VERSION).isNotNull();
            st.setFetchSize(10);
            assertThat(st.executeAfter("BEGIN", "SELECT @@in_transaction, seq FROM seq_1_to_1000")).isTrue();
            long rows = 0;
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    assertThat(rs.getInt(1)).isEqualTo(1);
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(1000);
            try (PreparedStatement ps = ConnectorInternals.serverPrepare(c, "SELECT ? + @@in_transaction")) {
                assertThat(ps).isInstanceOf(PipelinedServerStatement.class);
                c.createStatement().execute("COMMIT");
                ps.setInt(1, 40);
                assertThat(((PipelinedServerStatement) ps).executeAfter("START TRANSACTION READ ONLY")).isTrue();
                try (ResultSet rs = ps.getResultSet()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(41);
                }
            }
            c.createStatement().execute("ROLLBACK");
        }
    }

    @Test
    void aFailedBeginIsReportedWithTheStatementsRowsSkippedAndTheConnectionInStep() throws SQLException {
        try (org.mariadb.jdbc.Connection c = connect(); Statement plain = c.createStatement()) {
            plain.execute("XA START 'pipebegin-canary'"); // BEGIN inside an active XA transaction fails: 1399
            PipelinedStatement st = ConnectorInternals.pipelinedStatement(c);
            st.setFetchSize(10);
            assertThatThrownBy(() -> st.executeAfter("BEGIN", "SELECT seq FROM seq_1_to_100000"))
                    .isInstanceOfSatisfying(BeginPipeline.Failed.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1399);
                        assertThat(e.begin().getErrorCode()).isEqualTo(1399);
                    });
            plain.execute("XA END 'pipebegin-canary'");
            plain.execute("XA ROLLBACK 'pipebegin-canary'");
            try (ResultSet rs = plain.executeQuery("SELECT 7")) { // the skipped rows are not read as this answer
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }
}

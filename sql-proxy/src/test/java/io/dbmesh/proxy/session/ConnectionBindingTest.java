package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static io.dbmesh.proxy.session.CollectingSink.query;
import static org.assertj.core.api.Assertions.assertThat;

/** When a session keeps its backend connection (transactions, non-replayable state) and when it gives it back. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class ConnectionBindingTest {

    static final int IN_TRANS = 0x0001;
    static final int AUTOCOMMIT = 0x0002;

    static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE cb_t (id INT PRIMARY KEY) ENGINE=InnoDB");
        }
        backend = new TestBackend(2);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    static String value(SessionCommandHandler s, String sql) {
        return query(s, sql).rows().text(0, 0);
    }

    @Test
    void explicitTransactionBindsUntilCommit() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            query(a, "DELETE FROM cb_t");
            assertThat(a.serverStatus() & (IN_TRANS | AUTOCOMMIT)).isEqualTo(AUTOCOMMIT);
            CollectingSink begin = query(a, "START TRANSACTION");
            assertThat(begin.ok().status() & IN_TRANS).isEqualTo(IN_TRANS);
            assertThat(a.bound()).as("a passthrough BEGIN waits for the next statement").isFalse();
            CollectingSink insert = query(a, "INSERT INTO cb_t VALUES (1)");
            assertThat(insert.ok().status() & IN_TRANS).isEqualTo(IN_TRANS);
            assertThat(a.bound()).isTrue();
            String conn = value(a, "SELECT @@pseudo_thread_id");
            // other sessions keep working on the remaining connection and do not see the row
            for (int i = 0; i < 3; i++) {
                assertThat(value(b, "SELECT COUNT(*) FROM cb_t")).isEqualTo("0");
            }
            assertThat(value(a, "SELECT @@pseudo_thread_id")).isEqualTo(conn);
            CollectingSink commit = query(a, "COMMIT");
            assertThat(commit.ok().status() & IN_TRANS).isZero();
            assertThat(a.bound()).isFalse();
            assertThat(value(b, "SELECT COUNT(*) FROM cb_t")).isEqualTo("1");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void autocommitOffBindsOnceWorkIsDone() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        try {
            query(a, "DELETE FROM cb_t");
            CollectingSink off = query(a, "SET autocommit = 0");
            assertThat(off.ok().status() & AUTOCOMMIT).isZero();
            assertThat(a.serverStatus() & AUTOCOMMIT).isZero();
            query(a, "INSERT INTO cb_t VALUES (2)");
            assertThat(a.bound()).isTrue();
            assertThat(a.serverStatus() & IN_TRANS).isEqualTo(IN_TRANS);
            CollectingSink rollback = query(a, "ROLLBACK");
            assertThat(rollback.ok().status() & (IN_TRANS | AUTOCOMMIT)).isZero();
            assertThat(a.bound()).isFalse();
            assertThat(value(a, "SELECT COUNT(*) FROM cb_t")).isEqualTo("0");
            assertThat(value(a, "SELECT @@autocommit")).isEqualTo("0");
            query(a, "ROLLBACK"); // the SELECT above opened a transaction (autocommit=0)
            query(a, "SET autocommit = 1");
            assertThat(a.serverStatus() & AUTOCOMMIT).isEqualTo(AUTOCOMMIT);
        } finally {
            a.close();
        }
    }

    @Test
    void closingASessionRollsBackItsTransaction() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        query(a, "DELETE FROM cb_t");
        query(a, "BEGIN");
        query(a, "INSERT INTO cb_t VALUES (3)");
        a.close();
        SessionCommandHandler b = backend.open("app");
        try {
            for (int i = 0; i < 2; i++) {
                assertThat(value(b, "SELECT COUNT(*) FROM cb_t")).isEqualTo("0");
                assertThat(value(b, "SELECT @@in_transaction")).isEqualTo("0");
            }
        } finally {
            b.close();
        }
    }

    @Test
    void temporaryTablesPinTheConnectionForTheSession() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            query(a, "CREATE TEMPORARY TABLE cb_tmp (x INT)");
            query(a, "INSERT INTO cb_tmp VALUES (7)");
            assertThat(a.bound()).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(query(b, "SELECT * FROM cb_tmp").error().code()).isEqualTo(1146);
                assertThat(value(a, "SELECT x FROM cb_tmp")).isEqualTo("7");
            }
        } finally {
            a.close();
            b.close();
        }
        // the connection that held the temporary table is not reused
        SessionCommandHandler c = backend.open("app");
        SessionCommandHandler d = backend.open("app");
        try {
            query(c, "BEGIN");
            query(d, "BEGIN");
            assertThat(query(c, "SELECT * FROM cb_tmp").error().code()).isEqualTo(1146);
            assertThat(query(d, "SELECT * FROM cb_tmp").error().code()).isEqualTo(1146);
        } finally {
            c.close();
            d.close();
        }
    }

    @Test
    void warningsStayReadableWithShowWarnings() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            CollectingSink warn = query(a, "SELECT CAST('12abc' AS INT)");
            assertThat(warn.rows().text(0, 0)).isEqualTo("12");
            query(b, "SELECT 1"); // another session in between
            CollectingSink.Rows warnings = query(a, "SHOW WARNINGS").rows();
            assertThat(warnings.rows()).hasSize(1);
            assertThat(warnings.text(0, 2)).contains("Truncated incorrect INTEGER value");
            CollectingSink err = query(a, "SELECT * FROM cb_missing");
            assertThat(err.error().code()).isEqualTo(1146);
            assertThat(query(a, "SHOW ERRORS").rows().text(0, 1)).isEqualTo("1146");
            query(a, "SELECT 1");
            assertThat(a.bound()).isFalse();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void lastInsertIdFollowsTheSessionAcrossConnections() throws Exception {
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE cb_auto (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        }
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            long idA = query(a, "INSERT INTO cb_auto (v) VALUES (1)").ok().update().lastInsertId();
            long idB = query(b, "INSERT INTO cb_auto (v) VALUES (2)").ok().update().lastInsertId();
            for (int i = 0; i < 3; i++) {
                assertThat(value(a, "SELECT LAST_INSERT_ID()")).isEqualTo(Long.toString(idA));
                assertThat(value(b, "SELECT LAST_INSERT_ID()")).isEqualTo(Long.toString(idB));
            }
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void namedLocksPinTheConnection() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            assertThat(value(a, "SELECT GET_LOCK('exec_lock', 0)")).isEqualTo("1");
            assertThat(a.bound()).isTrue();
            assertThat(value(b, "SELECT IS_USED_LOCK('exec_lock') IS NOT NULL")).isEqualTo("1");
            assertThat(value(a, "SELECT RELEASE_LOCK('exec_lock')")).isEqualTo("1");
        } finally {
            a.close();
            b.close();
        }
    }
}

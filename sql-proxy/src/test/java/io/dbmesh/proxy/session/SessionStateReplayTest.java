package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.dbmesh.proxy.session.CollectingSink.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several sessions share a pool of two backend connections, interleaving statements: each must see
 * its own time_zone, sql_mode, character set, isolation and user variables, whichever physical
 * connection serves it.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class SessionStateReplayTest {

    static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
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
    void interleavedSessionsEachSeeTheirOwnState() throws MySqlException {
        int n = 5;
        List<SessionCommandHandler> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sessions.add(backend.open("app"));
            }
            for (int i = 0; i < n; i++) {
                SessionCommandHandler s = sessions.get(i);
                assertThat(query(s, "SET time_zone = '+0" + i + ":00'").ok()).isNotNull();
                assertThat(query(s, "SET SESSION sql_mode = 'ANSI_QUOTES" + (i % 2 == 0 ? ",NO_BACKSLASH_ESCAPES" : "") + "'").ok()).isNotNull();
                assertThat(query(s, "SET @who = 'session-" + i + "', @n := " + i * 10).ok()).isNotNull();
                assertThat(query(s, "SET @computed = CONCAT(@who, '-', @n)").ok()).isNotNull();
            }
            Set<String> connectionIds = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                for (int i = n - 1; i >= 0; i--) {
                    SessionCommandHandler s = sessions.get(i);
                    CollectingSink.Rows r = query(s, "SELECT @@time_zone, @@sql_mode, @who, @n, @computed, @@pseudo_thread_id").rows();
                    assertThat(r.text(0, 0)).isEqualTo("+0" + i + ":00");
                    assertThat(r.text(0, 1)).isEqualTo(i % 2 == 0 ? "ANSI_QUOTES,NO_BACKSLASH_ESCAPES" : "ANSI_QUOTES");
                    assertThat(r.text(0, 2)).isEqualTo("session-" + i);
                    assertThat(r.text(0, 3)).isEqualTo(Integer.toString(i * 10));
                    assertThat(r.text(0, 4)).isEqualTo("session-" + i + "-" + i * 10);
                    connectionIds.add(r.text(0, 5));
                    assertThat(s.bound()).isFalse();
                    // the status flag for NO_BACKSLASH_ESCAPES follows the session's sql_mode
                    assertThat(s.serverStatus() & 0x0200).isEqualTo(i % 2 == 0 ? 0x0200 : 0);
                }
            }
            assertThat(connectionIds).hasSizeLessThanOrEqualTo(2); // five sessions really shared two connections
        } finally {
            sessions.forEach(SessionCommandHandler::close);
        }
    }

    @Test
    void namesIsolationAndDefaultsReplay() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            query(a, "SET NAMES utf8mb4 COLLATE utf8mb4_bin");
            query(a, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
            query(b, "SET NAMES latin1");
            query(b, "SET @@session.wait_timeout = 1000");
            for (int i = 0; i < 3; i++) {
                assertThat(value(a, "SELECT @@collation_connection")).isEqualTo("utf8mb4_bin");
                assertThat(value(a, "SELECT @@tx_isolation")).isEqualTo("READ-COMMITTED");
                assertThat(value(b, "SELECT @@character_set_client")).isEqualTo("latin1");
                assertThat(value(b, "SELECT @@tx_isolation")).isEqualTo("REPEATABLE-READ");
                assertThat(value(b, "SELECT @@wait_timeout")).isEqualTo("1000");
                assertThat(value(a, "SELECT @@wait_timeout")).isNotEqualTo("1000");
            }
            query(b, "SET wait_timeout = DEFAULT, NAMES utf8mb4");
            assertThat(value(b, "SELECT @@character_set_results")).isEqualTo("utf8mb4");
        } finally {
            a.close();
            b.close();
        }
        // connections given back carry no leftovers for a new session
        SessionCommandHandler fresh = backend.open("app");
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(value(fresh, "SELECT @@collation_connection")).isNotEqualTo("utf8mb4_bin");
                assertThat(value(fresh, "SELECT @@tx_isolation")).isEqualTo("REPEATABLE-READ");
                assertThat(value(fresh, "SELECT @who")).isNull();
            }
        } finally {
            fresh.close();
        }
    }

    @Test
    void unknownVariableErrorsComeFromTheBackendAndChangeNothing() throws MySqlException {
        SessionCommandHandler s = backend.open("app");
        try {
            CollectingSink.Error e = query(s, "SET no_such_variable = 1").error();
            assertThat(e.code()).isEqualTo(1193);
            assertThat(e.message()).isEqualTo("Unknown system variable 'no_such_variable'");
            assertThat(s.connectionState().variables()).isEmpty();
        } finally {
            s.close();
        }
    }

    @Test
    void resetConnectionForgetsEverything() throws MySqlException {
        SessionCommandHandler s = backend.open("app");
        try {
            query(s, "SET @x = 5, time_zone = '+05:00'");
            query(s, "USE other");
            CollectingSink reset = new CollectingSink(s);
            s.resetConnection(reset);
            assertThat(reset.ok()).isNotNull();
            assertThat(value(s, "SELECT @x")).isNull();
            assertThat(value(s, "SELECT @@time_zone")).isEqualTo("SYSTEM");
            assertThat(value(s, "SELECT DATABASE()")).isEqualTo("app");
        } finally {
            s.close();
        }
    }
}

package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Multi-statements split by the sidecar, CALL with several result sets, and where errors stop them. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class MultiResultTest {

    static TestBackend backend;
    SessionCommandHandler session;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE mr_t (id INT PRIMARY KEY, v VARCHAR(10))");
            st.execute("CREATE OR REPLACE PROCEDURE mr_two(IN n INT) BEGIN"
                    + " SELECT n AS first; SELECT n + 1 AS second, 'x;y' AS semi; END");
            st.execute("CREATE OR REPLACE PROCEDURE mr_none() BEGIN DECLARE x INT DEFAULT 1; SET x = x + 1; END");
        }
        backend = new TestBackend(4);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void open() throws MySqlException {
        session = backend.open("app");
        query("DELETE FROM mr_t");
    }

    @AfterEach
    void close() {
        session.close();
    }

    CollectingSink query(String sql) {
        return CollectingSink.query(session, sql);
    }

    @Test
    void eachStatementAnswersInOrderWithMoreResultsFlags() {
        CollectingSink sink = query("INSERT INTO mr_t VALUES (1, 'a;b'); SELECT v FROM mr_t; /* ; */ SELECT 2 -- ;\n;");
        assertThat(sink.results).hasSize(3);
        CollectingSink.Ok insert = (CollectingSink.Ok) sink.results.get(0);
        assertThat(insert.update().affectedRows()).isEqualTo(1);
        assertThat(insert.more()).isTrue();
        CollectingSink.Rows select = (CollectingSink.Rows) sink.results.get(1);
        assertThat(select.text(0, 0)).isEqualTo("a;b");
        assertThat(select.more()).isTrue();
        CollectingSink.Rows last = (CollectingSink.Rows) sink.results.get(2);
        assertThat(last.text(0, 0)).isEqualTo("2");
        assertThat(last.more()).isFalse();
    }

    @Test
    void theFirstErrorStopsTheRest() {
        CollectingSink sink = query("INSERT INTO mr_t VALUES (1, 'a'); INSERT INTO mr_t VALUES (1, 'dup'); INSERT INTO mr_t VALUES (2, 'b')");
        assertThat(sink.results).hasSize(2);
        assertThat(sink.results.get(0).more()).isTrue();
        CollectingSink.Error e = (CollectingSink.Error) sink.results.get(1);
        assertThat(e.code()).isEqualTo(1062);
        assertThat(e.sqlState()).isEqualTo("23000");
        assertThat(e.message()).isEqualTo("Duplicate entry '1' for key 'PRIMARY'");
        assertThat(query("SELECT COUNT(*) FROM mr_t").rows().text(0, 0)).isEqualTo("1");
    }

    @Test
    void withoutMultiStatementsTheBackendRejectsTheTextLikeMysql() throws MySqlException {
        SessionCommandHandler single = backend.open("root", "app", TestBackend.CLIENT_PROTOCOL_41);
        try {
            CollectingSink sink = new CollectingSink(single);
            single.query("SELECT 1; SELECT 2", sink);
            assertThat(sink.error().code()).isEqualTo(1064);
            CollectingSink on = new CollectingSink(single);
            single.setOption(0, on);
            assertThat(on.ok().more()).isFalse();
            CollectingSink both = new CollectingSink(single);
            single.query("SELECT 1; SELECT 2", both);
            assertThat(both.results).hasSize(2);
        } finally {
            single.close();
        }
    }

    @Test
    void callReturnsEveryResultSetThenItsOk() {
        CollectingSink sink = query("CALL mr_two(41)");
        assertThat(sink.results).hasSize(3);
        CollectingSink.Rows first = (CollectingSink.Rows) sink.results.get(0);
        assertThat(first.text(0, 0)).isEqualTo("41");
        assertThat(first.more()).isTrue();
        CollectingSink.Rows second = (CollectingSink.Rows) sink.results.get(1);
        assertThat(second.text(0, 0)).isEqualTo("42");
        assertThat(second.text(0, 1)).isEqualTo("x;y");
        assertThat(second.more()).isTrue();
        assertThat(sink.results.get(2)).isInstanceOf(CollectingSink.Ok.class);
        assertThat(sink.results.get(2).more()).isFalse();
    }

    @Test
    void callInsideMultiStatementsKeepsTheChainGoing() {
        CollectingSink sink = query("CALL mr_two(1); CALL mr_none(); SELECT 'end'");
        assertThat(sink.results).hasSize(5);
        assertThat(sink.results).extracting(CollectingSink.Result::more).containsExactly(true, true, true, true, false);
        assertThat(sink.results.get(3)).isInstanceOf(CollectingSink.Ok.class);
        assertThat(((CollectingSink.Rows) sink.results.get(4)).text(0, 0)).isEqualTo("end");
    }

    @Test
    void storedProgramBodiesAreNotSplit() {
        CollectingSink sink = query("CREATE OR REPLACE PROCEDURE mr_body() BEGIN SELECT 'in;side'; IF 1 THEN SELECT 2; END IF; END; CALL mr_body()");
        assertThat(sink.results.get(0)).isInstanceOf(CollectingSink.Ok.class);
        assertThat(((CollectingSink.Rows) sink.results.get(1)).text(0, 0)).isEqualTo("in;side");
        assertThat(((CollectingSink.Rows) sink.results.get(2)).text(0, 0)).isEqualTo("2");
        assertThat(sink.results).hasSize(4);
    }
}

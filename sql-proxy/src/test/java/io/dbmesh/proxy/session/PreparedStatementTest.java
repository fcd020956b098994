package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** COM_STMT_PREPARE / EXECUTE / SEND_LONG_DATA / RESET / CLOSE with every parameter type. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class PreparedStatementTest {

    static TestBackend backend;
    SessionCommandHandler session;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE ps_t (id INT PRIMARY KEY, ti TINYINT, bu BIGINT UNSIGNED, bi BIGINT,"
                    + " d DECIMAL(20,6), f FLOAT, db DOUBLE, vc VARCHAR(50), bl LONGBLOB, tx LONGTEXT, dt DATE,"
                    + " dtm DATETIME(6), tm TIME(6), j JSON)");
        }
        backend = new TestBackend(2);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void open() throws MySqlException {
        session = backend.open("app");
        query("DELETE FROM ps_t");
    }

    @AfterEach
    void close() {
        session.close();
    }

    CollectingSink query(String sql) {
        return CollectingSink.query(session, sql);
    }

    int prepare(String sql) {
        CollectingSink sink = new CollectingSink(session);
        session.prepare(sql, sink);
        assertThat(sink.prepared).as("prepare %s: %s", sql, sink.results).isNotNull();
        return sink.prepared.statementId();
    }

    CollectingSink execute(int id, BoundParameter... params) {
        CollectingSink sink = new CollectingSink(session);
        session.execute(id, 0, List.of(params), sink);
        return sink;
    }

    static BoundParameter p(ColumnType type, Object value) {
        return new BoundParameter(type, false, value);
    }

    @Test
    void everyParameterTypeRoundTrips() {
        int insert = prepare("INSERT INTO ps_t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        assertThat(session.parameterCount(insert)).isEqualTo(14);
        byte[] blob = new byte[256];
        for (int i = 0; i < blob.length; i++) blob[i] = (byte) i;
        CollectingSink ok = execute(insert,
                p(ColumnType.LONG, 1L),
                p(ColumnType.TINY, -5L),
                new BoundParameter(ColumnType.LONGLONG, true, -1L), // 18446744073709551615
                p(ColumnType.LONGLONG, Long.MIN_VALUE),
                p(ColumnType.NEWDECIMAL, "-12345678901234.123456"),
                p(ColumnType.FLOAT, 1.25f),
                p(ColumnType.DOUBLE, 1.0E-300),
                p(ColumnType.VAR_STRING, "it's a \"quote\" \\ back\nslash ünïcødé 😀"),
                p(ColumnType.BLOB, blob),
                p(ColumnType.STRING, "text"),
                p(ColumnType.DATE, LocalDate.of(2024, 2, 29)),
                p(ColumnType.DATETIME, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000)),
                p(ColumnType.TIME, Duration.ofHours(-100).minusMinutes(2).minusSeconds(3).minusMillis(500)),
                p(ColumnType.JSON, "{\"k\": [true, null]}"));
        assertThat(ok.ok().update().affectedRows()).isEqualTo(1);

        int select = prepare("SELECT * FROM ps_t WHERE id = ?");
        CollectingSink.Rows r = execute(select, p(ColumnType.LONG, 1L)).rows();
        assertThat(r.text(0, 1)).isEqualTo("-5");
        assertThat(r.text(0, 2)).isEqualTo("18446744073709551615");
        assertThat(r.text(0, 3)).isEqualTo("-9223372036854775808");
        assertThat(r.text(0, 4)).isEqualTo("-12345678901234.123456");
        assertThat(r.text(0, 5)).isEqualTo("1.25");
        assertThat(r.text(0, 6)).isEqualTo("1e-300");
        assertThat(r.text(0, 7)).isEqualTo("it's a \"quote\" \\ back\nslash ünïcødé 😀");
        assertThat(r.rows().get(0)[8]).isEqualTo(blob);
        assertThat(r.text(0, 9)).isEqualTo("text");
        assertThat(r.text(0, 10)).isEqualTo("2024-02-29");
        assertThat(r.text(0, 11)).isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(r.text(0, 12)).isEqualTo("-100:02:03.500000");
        assertThat(r.text(0, 13)).isEqualTo("{\"k\": [true, null]}");
    }

    @Test
    void nullParametersAndReuse() {
        int insert = prepare("INSERT INTO ps_t (id, vc, bl) VALUES (?, ?, ?)");
        for (int i = 1; i <= 3; i++) {
            execute(insert, p(ColumnType.LONG, (long) i), p(ColumnType.VAR_STRING, i == 2 ? null : "v" + i),
                    p(ColumnType.NULL, null)).ok();
        }
        int count = prepare("SELECT COUNT(*), COUNT(vc), COUNT(bl) FROM ps_t");
        CollectingSink.Rows r = execute(count).rows();
        assertThat(r.text(0, 0)).isEqualTo("3");
        assertThat(r.text(0, 1)).isEqualTo("2");
        assertThat(r.text(0, 2)).isEqualTo("0");
    }

    @Test
    void longDataIsMergedAndClearedAfterExecute() {
        int insert = prepare("INSERT INTO ps_t (id, bl, tx) VALUES (?, ?, ?)");
        byte[] chunk = new byte[300_000];
        Arrays.fill(chunk, (byte) 0x5a);
        chunk[0] = 0;
        chunk[1] = (byte) 0xff;
        session.sendLongData(insert, 1, chunk);
        session.sendLongData(insert, 1, chunk);
        session.sendLongData(insert, 2, "héllo ".getBytes(StandardCharsets.UTF_8));
        session.sendLongData(insert, 2, "wörld".getBytes(StandardCharsets.UTF_8));
        execute(insert, p(ColumnType.LONG, 10L), p(ColumnType.BLOB, null), p(ColumnType.VAR_STRING, null)).ok();
        // next execute without long data: the parameters are what was bound this time
        execute(insert, p(ColumnType.LONG, 11L), p(ColumnType.BLOB, new byte[]{1}), p(ColumnType.VAR_STRING, "x")).ok();

        CollectingSink.Rows r = query("SELECT id, LENGTH(bl), HEX(SUBSTR(bl, 1, 3)), tx FROM ps_t ORDER BY id").rows();
        assertThat(r.text(0, 1)).isEqualTo("600000");
        assertThat(r.text(0, 2)).isEqualTo("00FF5A");
        assertThat(r.text(0, 3)).isEqualTo("héllo wörld");
        assertThat(r.text(1, 1)).isEqualTo("1");
        assertThat(r.text(1, 3)).isEqualTo("x");
    }

    @Test
    void resetDiscardsLongDataAndCloseForgetsTheStatement() {
        int insert = prepare("INSERT INTO ps_t (id, tx) VALUES (?, ?)");
        session.sendLongData(insert, 1, "discarded".getBytes(StandardCharsets.UTF_8));
        CollectingSink reset = new CollectingSink(session);
        session.resetStatement(insert, reset);
        assertThat(reset.ok()).isNotNull();
        execute(insert, p(ColumnType.LONG, 20L), p(ColumnType.VAR_STRING, "kept")).ok();
        assertThat(query("SELECT tx FROM ps_t WHERE id = 20").rows().text(0, 0)).isEqualTo("kept");
        session.closeStatement(insert);
        assertThat(execute(insert, p(ColumnType.LONG, 21L), p(ColumnType.VAR_STRING, "x")).error().code()).isEqualTo(1243);
        assertThat(session.parameterCount(insert)).isEqualTo(-1);
    }

    @Test
    void statementIdsArePerSessionAndDistinct() throws MySqlException {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(prepare("SELECT ?"));
        }
        assertThat(ids).doesNotHaveDuplicates();
        SessionCommandHandler other = backend.open("app");
        try {
            CollectingSink sink = new CollectingSink(other);
            other.execute(ids.get(2), 0, List.of(p(ColumnType.LONG, 1L)), sink);
            assertThat(sink.error().code()).isEqualTo(1243);
        } finally {
            other.close();
        }
    }

    @Test
    void selectListParametersKeepThePreparedLabels() {
        query("INSERT INTO ps_t (id, ti, vc) VALUES (1, 4, 'x')");
        int id = prepare("SELECT ti * ?, ?, vc AS v, id + ? FROM ps_t WHERE id = ?");
        CollectingSink run = execute(id, p(ColumnType.LONGLONG, 10L), p(ColumnType.VAR_STRING, "tag"),
                p(ColumnType.LONGLONG, 20L), p(ColumnType.LONGLONG, 1L));
        // MariaDB labels a prepared expression as written, not with the values spliced in
        assertThat(run.rows().columns()).extracting(c -> c.name()).containsExactly("ti * ?", "?", "v", "id + ?");
        assertThat(run.rows().columns().get(2).orgName()).isEqualTo("vc");
        assertThat(run.rows().text(0, 0)).isEqualTo("40");
        assertThat(run.rows().text(0, 1)).isEqualTo("tag");
        assertThat(run.rows().text(0, 3)).isEqualTo("21");
    }

    @Test
    void wrongParameterCountIsAnError() {
        int id = prepare("SELECT ? + ?");
        assertThat(execute(id, p(ColumnType.LONG, 1L)).error().code()).isEqualTo(1210);
        assertThat(execute(id, p(ColumnType.LONG, 1L), p(ColumnType.LONG, 2L)).rows().text(0, 0)).isEqualTo("3");
    }

    @Test
    void preparedSetIsTrackedLikeATextSet() {
        int id = prepare("SET time_zone = ?");
        execute(id, p(ColumnType.VAR_STRING, "+03:00")).ok();
        for (int i = 0; i < 3; i++) {
            assertThat(query("SELECT @@time_zone").rows().text(0, 0)).isEqualTo("+03:00");
        }
        assertThat(session.connectionState().variables()).containsEntry("time_zone", "'+03:00'");
    }

    @Test
    void preparedCallReturnsItsResults() throws Exception {
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE PROCEDURE ps_proc(IN n INT) BEGIN SELECT n; SELECT n * 2; END");
        }
        int id = prepare("CALL ps_proc(?)");
        CollectingSink sink = execute(id, p(ColumnType.LONG, 21L));
        assertThat(sink.results).hasSize(3);
        assertThat(((CollectingSink.Rows) sink.results.get(1)).text(0, 0)).isEqualTo("42");
        assertThat(sink.results.get(2).more()).isFalse();
    }

    @Test
    void noBackslashEscapesModeQuotesCorrectly() {
        query("SET sql_mode = 'NO_BACKSLASH_ESCAPES'");
        int insert = prepare("INSERT INTO ps_t (id, vc) VALUES (?, ?)");
        execute(insert, p(ColumnType.LONG, 30L), p(ColumnType.VAR_STRING, "a\\'b")).ok();
        query("SET sql_mode = DEFAULT");
        assertThat(query("SELECT vc FROM ps_t WHERE id = 30").rows().text(0, 0)).isEqualTo("a\\'b");
    }

    @Test
    void longDataBeyondMaxAllowedPacketFailsTheExecuteAndIsDropped() throws MySqlException {
        try (TestBackend small = new TestBackend(1, 4096)) {
            SessionCommandHandler s = small.open("app");
            try {
                CollectingSink prep = new CollectingSink(s);
                s.prepare("SELECT LENGTH(?)", prep);
                int id = prep.prepared.statementId();
                s.sendLongData(id, 0, new byte[3000]);
                s.sendLongData(id, 0, new byte[3000]);
                CollectingSink failed = new CollectingSink(s);
                s.execute(id, 0, List.of(p(ColumnType.BLOB, null)), failed);
                assertThat(failed.error().code()).isEqualTo(1153);
                s.sendLongData(id, 0, new byte[100]);
                CollectingSink ok = new CollectingSink(s);
                s.execute(id, 0, List.of(p(ColumnType.BLOB, null)), ok);
                assertThat(ok.rows().text(0, 0)).isEqualTo("100");
            } finally {
                s.close();
            }
        }
    }

    @Test
    void aStatementRunsInTheDatabaseItWasPreparedIn() throws Exception {
        try (Connection c = TestBackend.direct("exec_other"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE ps_where (v VARCHAR(10))");
            st.execute("INSERT INTO ps_where VALUES ('other')");
        }
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE ps_where (v VARCHAR(10))");
            st.execute("INSERT INTO ps_where VALUES ('app')");
        }
        int id = prepare("SELECT v, DATABASE() FROM ps_where");
        query("USE other");
        CollectingSink.Rows r = execute(id).rows();
        assertThat(r.text(0, 0)).isEqualTo("app");
        assertThat(query("SELECT v FROM ps_where").rows().text(0, 0)).isEqualTo("other");
        assertThat(query("SELECT DATABASE()").rows().text(0, 0)).isEqualTo("other");
    }
}

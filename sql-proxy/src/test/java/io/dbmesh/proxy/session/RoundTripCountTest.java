package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot path costs one backend round trip per statement: no state replay, no validation ping,
 * no reset when the session's state did not change.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class RoundTripCountTest {

    static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        backend = new TestBackend(1); // one backend connection: its own status counts our statements
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    /** Statements the backend connection serving the session has executed (its session status). */
    static long questions(SessionCommandHandler s) {
        CollectingSink sink = new CollectingSink(s);
        s.query("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'", sink);
        return Long.parseLong(sink.rows().text(0, 0));
    }

    @Test
    void oneRoundTripPerStatementOnceStateIsApplied() throws Exception {
        SessionCommandHandler s = backend.open("app");
        try {
            CollectingSink set = new CollectingSink(s);
            s.query("SET time_zone = '+01:00', @v = 1", set);
            set.ok();
            CollectingSink prep = new CollectingSink(s);
            s.prepare("SELECT ? + @v", prep);
            int id = prep.prepared.statementId();
            int n = 200;
            long before = questions(s);
            for (int i = 0; i < n; i++) {
                CollectingSink sink = new CollectingSink(s);
                s.execute(id, 0, List.of(new BoundParameter(ColumnType.LONG, false, (long) i)), sink);
                assertThat(sink.rows().text(0, 0)).isEqualTo(Integer.toString(i + 1));
                assertThat(s.bound()).isFalse(); // given back to the pool every time
            }
            long after = questions(s);
            assertThat(after - before).isEqualTo(n + 1); // the n statements and the second count
        } finally {
            s.close();
        }
    }

    static long status(SessionCommandHandler s, String variable) {
        CollectingSink sink = new CollectingSink(s);
        s.query("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = '" + variable + "'", sink);
        return Long.parseLong(sink.rows().text(0, 0));
    }

    static CollectingSink.Prepared prepare(SessionCommandHandler s, String sql) {
        CollectingSink sink = new CollectingSink(s);
        s.prepare(sql, sink);
        assertThat(sink.prepared).as("%s", sink.results).isNotNull();
        return sink.prepared;
    }

    @Test
    void repeatedPreparesAreAnsweredFromTheMetadataCacheUntilDdl() throws Exception {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            CollectingSink ddl = new CollectingSink(a);
            a.query("CREATE OR REPLACE TABLE rt_cache (id INT PRIMARY KEY, v INT)", ddl);
            ddl.ok();
            String sql = "SELECT * FROM rt_cache WHERE id = ?";
            long before = status(a, "COM_STMT_PREPARE");
            assertThat(prepare(a, sql).columns()).hasSize(2);
            for (int i = 0; i < 5; i++) {
                CollectingSink.Prepared p = prepare(i % 2 == 0 ? b : a, sql);
                assertThat(p.columns()).extracting(c -> c.name()).containsExactly("id", "v");
                assertThat(p.parameters()).hasSize(1);
                a.closeStatement(p.statementId());
            }
            assertThat(status(a, "COM_STMT_PREPARE") - before).isEqualTo(1);

            CollectingSink alter = new CollectingSink(b);
            b.query("ALTER TABLE rt_cache ADD COLUMN w INT", alter);
            alter.ok();
            assertThat(prepare(a, sql).columns()).extracting(c -> c.name()).containsExactly("id", "v", "w");
            // errors are never cached
            CollectingSink bad = new CollectingSink(a);
            a.prepare("SELECT nope FROM rt_cache", bad);
            assertThat(bad.error().code()).isEqualTo(1054);
        } finally {
            a.close();
            b.close();
        }
    }
}

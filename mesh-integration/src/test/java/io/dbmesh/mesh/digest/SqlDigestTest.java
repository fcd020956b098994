package io.dbmesh.mesh.digest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlDigestTest {

    @Test
    void literalsBecomeMarkers() {
        assertThat(SqlDigest.of("SELECT c FROM sbtest1 WHERE id=4711")).isEqualTo("SELECT c FROM sbtest1 WHERE id = ?");
        assertThat(SqlDigest.of("select  *\n from t where name = 'O''Brien' and x > -1.5e3"))
                .isEqualTo("select * from t where name = ? and x > - ?");
        assertThat(SqlDigest.of("UPDATE t SET a = 'it\\'s', b = x'0F', c = 0x1F WHERE id = 7;"))
                .isEqualTo("UPDATE t SET a = ?, b = ?, c = ? WHERE id = ?");
        assertThat(SqlDigest.of("SELECT `col 1`, t2.c FROM t2")).isEqualTo("SELECT `col 1`, t2.c FROM t2");
    }

    @Test
    void listsCollapse() {
        assertThat(SqlDigest.of("SELECT * FROM t WHERE id IN (1, 2,3 , 4)")).isEqualTo("SELECT * FROM t WHERE id IN (...)");
        assertThat(SqlDigest.of("SELECT * FROM t WHERE id in(1)")).isEqualTo("SELECT * FROM t WHERE id in(...)");
        assertThat(SqlDigest.of("SELECT * FROM t WHERE a>=1 AND b <> 2")).isEqualTo("SELECT * FROM t WHERE a >= ? AND b <> ?");
        assertThat(SqlDigest.of("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')"))
                .isEqualTo("INSERT INTO t (a, b) VALUES (?, ?), ...");
        assertThat(SqlDigest.of("INSERT INTO t (a, b) VALUES (1, 'x')")).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)");
        assertThat(SqlDigest.of("SELECT COUNT(*) FROM t")).isEqualTo("SELECT COUNT(*) FROM t");
    }

    @Test
    void commentsAndSpacingGo() {
        assertThat(SqlDigest.of("/*traceparent='00-aa-bb-01'*/ SELECT 1 -- why\n")).isEqualTo("SELECT ?");
        assertThat(SqlDigest.of("SELECT 1 # note")).isEqualTo("SELECT ?");
        assertThat(SqlDigest.of("SELECT a-b FROM t")).isEqualTo(SqlDigest.of("SELECT a - b FROM t"));
        assertThat(SqlDigest.of("x".repeat(5000))).hasSizeLessThanOrEqualTo(SqlDigest.MAX_LENGTH + 64);
    }

    @Test
    void statementsDifferingOnlyInValuesShareADigest() {
        assertThat(SqlDigest.of("SELECT c FROM t WHERE id BETWEEN 5 AND 105"))
                .isEqualTo(SqlDigest.of("SELECT c FROM t WHERE id BETWEEN 77 AND 177"));
        assertThat(SqlDigest.of("SELECT c FROM t WHERE id IN (1,2)")).isEqualTo(SqlDigest.of("SELECT c FROM t WHERE id IN (9, 8, 7)"));
    }
}

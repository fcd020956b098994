package io.dbmesh.it.differential;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTextTest {

    @Test
    void ordersOnlyByTopLevelOrderBy() {
        assertThat(SqlText.hasTopLevelOrderBy("SELECT a FROM t ORDER BY a")).isTrue();
        assertThat(SqlText.hasTopLevelOrderBy("select a from t order\n  by a limit 3")).isTrue();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1")).isTrue();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 5) d")).isFalse();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT GROUP_CONCAT(a ORDER BY a) FROM t")).isFalse();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT 'ORDER BY x' FROM t")).isFalse();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT border_by FROM t")).isFalse();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT a FROM t -- ORDER BY a")).isFalse();
        // -- without a space is two minus signs, not a comment (the harness's own lexer read a comment)
        assertThat(SqlText.hasTopLevelOrderBy("SELECT a--1 FROM t ORDER BY a")).isTrue();
    }

    @Test
    void countsMarkersOutsideLiterals() {
        assertThat(SqlText.countParameterMarkers("SELECT ? FROM t WHERE a = ? AND b = '?' AND c = `?`")).isEqualTo(2);
        assertThat(SqlText.countParameterMarkers("SELECT 'it''s ?', \"\\\"?\" FROM t WHERE x = ?")).isEqualTo(1);
    }

    @Test
    void splitsOnTopLevelCommas() {
        assertThat(SqlText.splitTopLevelCommas("1, 'a,b', TIMESTAMP'2024-01-01 00:00:00', f(1,2)"))
                .containsExactly("1", " 'a,b'", " TIMESTAMP'2024-01-01 00:00:00'", " f(1,2)");
    }
}
